// The devnet faucet's key named by the node's settings, unlocked at start (see unlock-key.ts).
import type { NodeConfig } from '../config/node-config.ts'
import { NODE_SETTINGS } from '../config/node-settings.ts'
import { type UnlockedKey, unlockKey } from './unlock-key.ts'

/** Throws a ConfigError about faucet-key naming where it was set and what went wrong. */
export function unlockFaucetKey(
  config: NodeConfig,
  prompt: ((question: string) => Promise<string>) | undefined,
): Promise<UnlockedKey | undefined> {
  return unlockKey(
    {
      path: config.faucetKey,
      source: config.sources.faucetKey,
      setting: NODE_SETTINGS.faucetKey,
      passwordFile: config.faucetKeyPasswordFile,
      passwordFileSetting: NODE_SETTINGS.faucetKeyPasswordFile,
      password: config.faucetKeyPassword,
      passwordSetting: NODE_SETTINGS.faucetKeyPassword,
    },
    prompt,
  )
}
