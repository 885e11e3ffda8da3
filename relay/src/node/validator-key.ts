// The validator key named by the node's settings, unlocked at start (see unlock-key.ts).
import type { NodeConfig } from '../config/node-config.ts'
import { NODE_SETTINGS } from '../config/node-settings.ts'
import { type UnlockedKey, unlockKey } from './unlock-key.ts'

export type ValidatorKey = UnlockedKey

/** Throws a ConfigError about validator-key naming where it was set and what went wrong. */
export function unlockValidatorKey(
  config: NodeConfig,
  prompt: ((question: string) => Promise<string>) | undefined,
): Promise<ValidatorKey | undefined> {
  return unlockKey(
    {
      path: config.validatorKey,
      source: config.sources.validatorKey,
      setting: NODE_SETTINGS.validatorKey,
      passwordFile: config.validatorKeyPasswordFile,
      passwordFileSetting: NODE_SETTINGS.validatorKeyPasswordFile,
      password: config.validatorKeyPassword,
      passwordSetting: NODE_SETTINGS.validatorKeyPassword,
    },
    prompt,
  )
}
