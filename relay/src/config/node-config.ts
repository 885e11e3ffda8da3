// The settings `weft node` runs with, typed and validated: what resolveNodeConfig returns.
import type { RateLimit, RateLimitedProtocol } from '../constants.ts'
import type { NodeSettingKey } from './node-settings.ts'
import type { Source } from './source.ts'
import type { HostPort } from './value-types.ts'

/** How much block history the node keeps. */
export type History = { mode: 'archive' } | { mode: 'prune'; blocks: number }

export interface NodeConfig {
  /** The config file read, if any. */
  configFile: string | undefined
  /** Absolute path of the data dir. */
  dataDir: string
  /** Absolute path of the genesis file, if given. */
  genesis: string | undefined
  /** Canonical multiaddrs, each ending in /p2p/<peer id>. */
  bootstrap: string[]
  /** Canonical multiaddrs to listen on. */
  listen: string[]
  /** Canonical multiaddrs to announce instead of the listen addresses; empty: announce those. */
  announce: string[]
  /** Serve as a circuit relay. */
  relay: boolean
  history: History
  /** On an empty data dir, begin from a light-client-verified snapshot (docs/sync.md). */
  stateSync: boolean
  /** Absolute path of the encrypted validator key file, if the node validates. */
  validatorKey: string | undefined
  validatorKeyPasswordFile: string | undefined
  /** A secret: never print it. */
  validatorKeyPassword: string | undefined
  /** Absolute path of the encrypted key file the devnet faucet pays from; undefined: no faucet. */
  faucetKey: string | undefined
  faucetKeyPasswordFile: string | undefined
  /** A secret: never print it. */
  faucetKeyPassword: string | undefined
  /** Base units the faucet sends per request. */
  faucetAmount: bigint
  /** Where to serve the HTTP API; undefined: off. */
  api: HostPort | undefined
  /** Where to serve Prometheus metrics; undefined: off. */
  metrics: HostPort | undefined
  /** Peer scores and bans (docs/peers.md). */
  reputation: {
    /** Negative: a peer is banned at or below it. */
    banScore: number
    banDurationMs: number
    halfLifeMs: number
  }
  /** Items a second each protocol serves one peer and all peers. */
  rateLimits: Record<RateLimitedProtocol, RateLimit>
  /** Where each setting's value came from, for messages about it later (a wrong password). */
  sources: Record<NodeSettingKey, Source>
}
