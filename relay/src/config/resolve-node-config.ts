// Resolves `weft node`'s settings from their sources, in increasing precedence: defaults, the
// config file (--config or WEFT_CONFIG), WEFT_* environment variables, flags. Every source is
// validated, not only the one that wins, so a mistake anywhere stops the node at start.
import { ENV_PREFIX } from '../constants.ts'
import { ConfigError } from './errors.ts'
import type { Given } from './given.ts'
import type { History, NodeConfig } from './node-config.ts'
import { NODE_SETTINGS, type NodeSettingKey, type NodeSettingValues } from './node-settings.ts'
import { readConfigFile } from './read-config-file.ts'
import { readEnv } from './read-env.ts'
import { type GivenValues, readFlags } from './read-flags.ts'
import type { Env } from './setting.ts'
import { describeSource, precedence, showRaw } from './source.ts'

export interface ResolveNodeConfigInput {
  argv: readonly string[]
  env: Env
  /** Relative paths in flags and the environment resolve against this. */
  cwd: string
  homeDir: string
}

export type ResolvedNodeConfig =
  | { help: true }
  | {
      help: false
      config: NodeConfig
      /** Things worth telling the user that do not stop the node. */
      warnings: string[]
    }

export const NODE_COMMAND = 'weft node'

/** Throws ConfigError for the first mistake found. */
export function resolveNodeConfig(input: ResolveNodeConfigInput): ResolvedNodeConfig {
  const { env, homeDir } = input
  const context = { baseDir: input.cwd, homeDir }
  const flags = readFlags(input.argv, NODE_SETTINGS, context, NODE_COMMAND)
  if (flags.help) return { help: true }
  const fromEnv = readEnv(env, NODE_SETTINGS, context, ENV_PREFIX)
  const configPath = flags.values.config ?? fromEnv.values.config
  const fromFile: GivenValues<typeof NODE_SETTINGS> =
    configPath?.value === undefined
      ? {}
      : readConfigFile(
          configPath.value,
          NODE_SETTINGS,
          homeDir,
          NODE_SETTINGS.config,
          configPath.source,
        )

  const pick = <K extends NodeSettingKey>(key: K): Given<NodeSettingValues[K]> =>
    flags.values[key] ??
    fromEnv.values[key] ??
    fromFile[key] ?? {
      value: NODE_SETTINGS[key].defaultValue({ env, homeDir }) as NodeSettingValues[K],
      source: { kind: 'default' },
      raw: undefined,
    }
  const picked = Object.fromEntries(
    Object.keys(NODE_SETTINGS).map((key) => [key, pick(key as NodeSettingKey)]),
  ) as { [K in NodeSettingKey]: Given<NodeSettingValues[K]> }

  const config: NodeConfig = {
    configFile: picked.config.value,
    dataDir: picked.dataDir.value,
    genesis: picked.genesis.value,
    bootstrap: picked.bootstrap.value,
    listen: picked.listen.value,
    announce: picked.announce.value,
    relay: picked.relay.value,
    history: history(picked.archive, picked.prune),
    stateSync: picked.stateSync.value,
    validatorKey: picked.validatorKey.value,
    validatorKeyPasswordFile: picked.validatorKeyPasswordFile.value,
    validatorKeyPassword: picked.validatorKeyPassword.value,
    faucetKey: picked.faucetKey.value,
    faucetKeyPasswordFile: picked.faucetKeyPasswordFile.value,
    faucetKeyPassword: picked.faucetKeyPassword.value,
    faucetAmount: picked.faucetAmount.value,
    api: picked.api.value,
    metrics: picked.metrics.value,
    reputation: {
      banScore: -picked.banScore.value,
      banDurationMs: picked.banDuration.value * 1000,
      halfLifeMs: picked.scoreHalfLife.value * 1000,
    },
    rateLimits: {
      status: picked.rateLimitStatus.value,
      blocks: picked.rateLimitBlocks.value,
      headers: picked.rateLimitHeaders.value,
      snapshot: picked.rateLimitSnapshot.value,
      proof: picked.rateLimitProof.value,
      query: picked.rateLimitQuery.value,
    },
    sources: Object.fromEntries(
      Object.entries(picked).map(([key, given]) => [key, given.source]),
    ) as NodeConfig['sources'],
  }
  return { help: false, config, warnings: [...fromEnv.warnings, ...warningsFor(picked)] }
}

/**
 * --archive and --prune exclude each other within one source; across sources the one with
 * higher precedence wins, like any other setting (WEFT_ARCHIVE=true beats "prune" in the file).
 */
function history(archive: Given<boolean>, prune: Given<number>): History {
  if (!archive.value) return { mode: 'prune', blocks: prune.value }
  if (prune.source.kind === 'default' || precedence(archive.source) > precedence(prune.source)) {
    return { mode: 'archive' }
  }
  if (precedence(archive.source) < precedence(prune.source)) {
    return { mode: 'prune', blocks: prune.value }
  }
  const a = describeSource(archive.source)
  const p = describeSource(prune.source)
  const allowed = 'one of them: archive (keep every block) or prune (keep the last <blocks> blocks)'
  const shown = prune.raw === undefined ? String(prune.value) : showRaw(prune.raw)
  throw new ConfigError(
    `conflicting archive and prune: ${a} and ${p} are both set (prune to ${shown}); allowed: ${allowed}`,
    {
      code: 'CONFLICT',
      setting: 'archive',
      source: `${a} and ${p}`,
      value: String(prune.value),
      allowed,
    },
  )
}

function warningsFor(picked: { [K in NodeSettingKey]: Given<NodeSettingValues[K]> }): string[] {
  const warnings: string[] = []
  for (const [key, given] of Object.entries(picked)) {
    const s = NODE_SETTINGS[key as NodeSettingKey]
    if (!s.inEffect && given.source.kind !== 'default') {
      warnings.push(
        `${describeSource(given.source)} sets ${s.name}, which this version checks but does not act on yet`,
      )
    }
  }
  const orphans = [
    {
      key: 'validator-key',
      set: picked.validatorKey.value !== undefined,
      given: [picked.validatorKeyPasswordFile, picked.validatorKeyPassword],
    },
    {
      key: 'faucet-key',
      set: picked.faucetKey.value !== undefined,
      given: [picked.faucetKeyPasswordFile, picked.faucetKeyPassword, picked.faucetAmount],
    },
  ]
  for (const { key, set, given } of orphans) {
    if (set) continue
    for (const g of given) {
      if (g.source.kind !== 'default') {
        warnings.push(`ignoring ${describeSource(g.source)}: no ${key} is set`)
      }
    }
  }
  return warnings
}
