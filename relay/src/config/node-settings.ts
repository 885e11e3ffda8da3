// Every setting of `weft node`, in one table: --help, the config-file check, the environment
// and docs/configuration.md all follow it.
import { isAbsolute, join } from 'node:path'
import {
  DEFAULT_BAN_DURATION_MS,
  DEFAULT_BAN_SCORE,
  DEFAULT_SCORE_HALF_LIFE_MS,
  MIN_SCORE,
} from '@weft/core'
import {
  DATA_DIR_NAME,
  DEFAULT_API_ADDR,
  DEFAULT_FAUCET_AMOUNT_WEFT,
  DEFAULT_LISTEN_ADDRS,
  DEFAULT_METRICS_ADDR,
  DEFAULT_PRUNE_BLOCKS,
  DEFAULT_RATE_LIMITS,
  type RateLimit,
  type RateLimitedProtocol,
} from '../constants.ts'
import { type DefaultContext, type SettingValues, setting } from './setting.ts'
import {
  atMostType,
  BASE_UNITS_PER_WEFT,
  booleanType,
  type HostPort,
  hostPortOrOffType,
  multiaddrListType,
  pathType,
  positiveIntegerType,
  rateLimitType,
  stringType,
  weftAmountType,
} from './value-types.ts'

const hostPortOrOff = hostPortOrOffType()

export const NODE_SETTINGS = {
  config: setting<string | undefined>({
    name: 'config',
    fileKey: false,
    type: pathType({ existingFile: true, allowed: 'the path of an existing JSON config file' }),
    default: () => undefined,
    defaultText: 'none',
    description: 'read settings from this JSON file (keys as in docs/configuration.md)',
  }),
  dataDir: setting<string>({
    name: 'data-dir',
    type: pathType(),
    default: defaultDataDir,
    defaultText: '$XDG_DATA_HOME/weft when XDG_DATA_HOME is set, else ~/.weft',
    description: 'where the node keeps its identity and the chain (created, mode 0700)',
  }),
  genesis: setting<string | undefined>({
    name: 'genesis',
    type: pathType({ existingFile: true }),
    default: () => undefined,
    defaultText: 'none',
    description: "the chain's genesis file: chain id, parameters, first validators",
  }),
  bootstrap: setting<string[]>({
    name: 'bootstrap',
    type: multiaddrListType({
      withPeerId: true,
      example: '/dns4/boot.example.org/tcp/4001/p2p/12D3KooW…',
    }),
    default: () => [],
    defaultText: 'none',
    description: 'a node to dial at start to find the network; repeat for several',
  }),
  listen: setting<string[]>({
    name: 'listen',
    type: multiaddrListType({ example: '/ip4/0.0.0.0/tcp/4001' }),
    default: () => [...DEFAULT_LISTEN_ADDRS],
    defaultText: DEFAULT_LISTEN_ADDRS.join(' '),
    description: 'an address to listen on; repeat for several',
  }),
  announce: setting<string[]>({
    name: 'announce',
    type: multiaddrListType({ example: '/dns4/node.example.org/tcp/4001' }),
    default: () => [],
    defaultText: 'none: peers are told the listen addresses',
    description: 'an address to tell peers instead of the listen addresses; repeat for several',
  }),
  relay: setting<boolean>({
    name: 'relay',
    type: booleanType(),
    default: () => true,
    defaultText: 'true',
    description: 'serve as a circuit relay for browsers and NATed peers (--no-relay: do not)',
  }),
  archive: setting<boolean>({
    name: 'archive',
    type: booleanType(),
    default: () => false,
    defaultText: 'false',
    description: 'keep every block, as explorers need (excludes --prune)',
  }),
  prune: setting<number>({
    name: 'prune',
    type: positiveIntegerType('<blocks>', 'a whole number of blocks, at least 1, e.g. 100000'),
    default: () => DEFAULT_PRUNE_BLOCKS,
    defaultText: String(DEFAULT_PRUNE_BLOCKS),
    description: 'keep only this many most recent blocks (excludes --archive)',
  }),
  stateSync: setting<boolean>({
    name: 'state-sync',
    type: booleanType(),
    default: () => false,
    defaultText: 'false',
    description:
      'on an empty data dir, start from a light-client-verified recent state (docs/sync.md)',
  }),
  validatorKey: setting<string | undefined>({
    name: 'validator-key',
    type: pathType({ existingFile: true, allowed: 'the path of a key file from weft keys create' }),
    default: () => undefined,
    defaultText: 'none: not a validator',
    description: 'validate with this encrypted key file (from weft keys create)',
  }),
  validatorKeyPasswordFile: setting<string | undefined>({
    name: 'validator-key-password-file',
    type: pathType({ existingFile: true }),
    default: () => undefined,
    defaultText: 'none: WEFT_VALIDATOR_KEY_PASSWORD, else asked on a terminal',
    description: "a file holding the validator key's password (one trailing newline ignored)",
  }),
  validatorKeyPassword: setting<string | undefined>({
    name: 'validator-key-password',
    flag: false,
    fileKey: false,
    secret: true,
    type: stringType('<password>', 'a non-empty password'),
    default: () => undefined,
    defaultText: 'none',
    description: "the validator key's password; never a flag or a file key, which others may read",
  }),
  faucetKey: setting<string | undefined>({
    name: 'faucet-key',
    type: pathType({ existingFile: true, allowed: 'the path of a key file from weft keys create' }),
    default: () => undefined,
    defaultText: 'none: no faucet',
    description: 'serve POST /v1/faucet (devnets), paying from this encrypted key file',
  }),
  faucetKeyPasswordFile: setting<string | undefined>({
    name: 'faucet-key-password-file',
    type: pathType({ existingFile: true }),
    default: () => undefined,
    defaultText: 'none: WEFT_FAUCET_KEY_PASSWORD, else asked on a terminal',
    description: "a file holding the faucet key's password (one trailing newline ignored)",
  }),
  faucetKeyPassword: setting<string | undefined>({
    name: 'faucet-key-password',
    flag: false,
    fileKey: false,
    secret: true,
    type: stringType('<password>', 'a non-empty password'),
    default: () => undefined,
    defaultText: 'none',
    description: "the faucet key's password; never a flag or a file key, which others may read",
  }),
  faucetAmount: setting<bigint>({
    name: 'faucet-amount',
    type: weftAmountType('<WEFT>', 'an amount of WEFT above 0, at most 9 decimals, e.g. 10 or 0.5'),
    default: () => BigInt(DEFAULT_FAUCET_AMOUNT_WEFT) * BASE_UNITS_PER_WEFT,
    defaultText: String(DEFAULT_FAUCET_AMOUNT_WEFT),
    description: 'WEFT the faucet sends per request',
  }),
  api: setting<HostPort | undefined>({
    name: 'api',
    type: hostPortOrOff,
    default: () => hostPortOrOff.fromText(DEFAULT_API_ADDR, { baseDir: '/', homeDir: '/' }),
    defaultText: DEFAULT_API_ADDR,
    description: 'serve the HTTP JSON API here (with --genesis), or off',
  }),
  metrics: setting<HostPort | undefined>({
    name: 'metrics',
    type: hostPortOrOff,
    default: () => hostPortOrOff.fromText(DEFAULT_METRICS_ADDR, { baseDir: '/', homeDir: '/' }),
    defaultText: DEFAULT_METRICS_ADDR,
    description: 'serve Prometheus /metrics, /healthz and /readyz here, or off',
  }),
  banScore: setting<number>({
    name: 'ban-score',
    type: atMostType(
      positiveIntegerType(
        '<points>',
        `a whole number of points, 1 to ${-MIN_SCORE - 1}: a peer is banned at minus this score`,
      ),
      -MIN_SCORE - 1,
    ),
    default: () => -DEFAULT_BAN_SCORE,
    defaultText: String(-DEFAULT_BAN_SCORE),
    description: 'ban a peer whose score falls to minus this (docs/peers.md)',
  }),
  banDuration: setting<number>({
    name: 'ban-duration',
    type: positiveIntegerType('<seconds>', 'a whole number of seconds, at least 1'),
    default: () => DEFAULT_BAN_DURATION_MS / 1000,
    defaultText: String(DEFAULT_BAN_DURATION_MS / 1000),
    description: "a peer's first ban lasts this long; each repeat offence doubles it",
  }),
  scoreHalfLife: setting<number>({
    name: 'score-half-life',
    type: positiveIntegerType('<seconds>', 'a whole number of seconds, at least 1'),
    default: () => DEFAULT_SCORE_HALF_LIFE_MS / 1000,
    defaultText: String(DEFAULT_SCORE_HALF_LIFE_MS / 1000),
    description: 'peer scores halve toward 0 this often, penalties and credit alike',
  }),
  rateLimitStatus: rateLimitSetting('status', 'status exchanges'),
  rateLimitBlocks: rateLimitSetting('blocks', 'blocks'),
  rateLimitHeaders: rateLimitSetting('headers', 'light blocks'),
  rateLimitSnapshot: rateLimitSetting('snapshot', 'state nodes'),
  rateLimitProof: rateLimitSetting('proof', 'proofs'),
  rateLimitQuery: rateLimitSetting('query', 'query entries'),
}

function rateLimitSetting(protocol: RateLimitedProtocol, items: string) {
  const d = DEFAULT_RATE_LIMITS[protocol]
  return setting<RateLimit>({
    name: `rate-limit-${protocol}`,
    type: rateLimitType(),
    default: () => ({ ...d }),
    defaultText: `${d.perPeer}/${d.global}`,
    description: `${items} a second /weft/${protocol} serves one peer / all peers`,
  })
}

export type NodeSettingKey = keyof typeof NODE_SETTINGS
export type NodeSettingValues = SettingValues<typeof NODE_SETTINGS>

/** $XDG_DATA_HOME/weft when XDG_DATA_HOME is an absolute path (as the spec asks), else ~/.weft. */
export function defaultDataDir(context: DefaultContext): string {
  const xdg = context.env.XDG_DATA_HOME
  return xdg !== undefined && isAbsolute(xdg)
    ? join(xdg, DATA_DIR_NAME)
    : join(context.homeDir, `.${DATA_DIR_NAME}`)
}
