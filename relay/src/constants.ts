// Defaults of the weft node, in one place.

/**
 * Where `weft node` listens unless --listen says otherwise: loopback only, ports chosen by the
 * OS, one address per transport (TCP for nodes, WebSockets and WebRTC-direct for browsers).
 */
export const DEFAULT_LISTEN_ADDRS: readonly string[] = [
  '/ip4/127.0.0.1/tcp/0',
  '/ip4/127.0.0.1/tcp/0/ws',
  '/ip4/127.0.0.1/udp/0/webrtc-direct',
]

/** Exit status for a command line the CLI cannot run (unknown flag, bad value). */
export const EXIT_USAGE = 2

/** Prefix of the line `weft node` prints once it listens; tests and scripts wait for it. */
export const LISTENING_LINE_PREFIX = 'weft: listening '

/**
 * Blocks a node keeps unless --archive or --prune says otherwise: about 28 hours at the devnet's
 * one-second blocks, far beyond a devnet's 1 000-block unbonding period. Archive nodes, which the
 * explorer's history needs, are opted into with --archive.
 */
export const DEFAULT_PRUNE_BLOCKS = 100_000

/** The HTTP JSON API's address: loopback, so exposing it is a decision (`--api 0.0.0.0:8645`). */
export const DEFAULT_API_ADDR = '127.0.0.1:8645'

/** Prometheus /metrics: loopback, in the 9xxx range exporters conventionally use. */
export const DEFAULT_METRICS_ADDR = '127.0.0.1:9645'

/** Prefixes of the stderr lines `weft node` prints once each server listens: `weft: api http://…`. */
export const API_LINE_PREFIX = 'weft: api '
export const METRICS_LINE_PREFIX = 'weft: metrics '

/** WEFT a faucet sends per request unless --faucet-amount says otherwise. */
export const DEFAULT_FAUCET_AMOUNT_WEFT = 10

/** The faucet's limits: one payment per address per minute, ten per caller IP per hour. */
export const FAUCET_ADDRESS_INTERVAL_MS = 60_000
export const FAUCET_IP_LIMIT = 10
export const FAUCET_IP_WINDOW_MS = 3_600_000
/** Over libp2p, also ten per peer id per hour (a relayed peer's IP is its relay's, not its own). */
export const FAUCET_PEER_LIMIT = 10
export const FAUCET_PEER_WINDOW_MS = 3_600_000
/** Addresses and IPs the faucet remembers at once; beyond them it refuses until some expire. */
export const FAUCET_MAX_TRACKED = 100_000

/** Prefix of every environment variable the node reads. */
export const ENV_PREFIX = 'WEFT_'

/** The data dir's name under $XDG_DATA_HOME, or (with a leading dot) under the home directory. */
export const DATA_DIR_NAME = 'weft'

/** The libp2p identity (protobuf-encoded Ed25519 private key) inside the data dir. */
export const NODE_KEY_FILE = 'node-key'

/**
 * scrypt cost for new key files: N = 2^17, r = 8, p = 1 takes 128 MiB and a fraction of a second,
 * the "interactive login" setting scrypt's author recommends raising over time.
 */
export const KEY_FILE_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const

/** Environment variable with the password of key files `weft keys` reads and writes. */
export const KEY_PASSWORD_ENV = 'WEFT_KEY_PASSWORD'

/** Shortest password `weft keys create` accepts. */
export const MIN_KEY_PASSWORD_LENGTH = 8

/** Where `weft status` and `weft wallet` find a node's API unless --api or WEFT_API_URL says. */
export const DEFAULT_API_URL = `http://${DEFAULT_API_ADDR}`
export const API_URL_ENV = 'WEFT_API_URL'

/** How long the CLI waits for one answer from a node's API before giving up on it. */
export const API_REQUEST_TIMEOUT_MS = 10_000

/** How long `weft wallet send --wait` waits for its transaction to be final unless --timeout. */
export const DEFAULT_TX_WAIT_SECONDS = 60

/** The request/response protocols whose requests are rate limited per peer and in total. */
export const RATE_LIMITED_PROTOCOLS = [
  'status',
  'blocks',
  'headers',
  'snapshot',
  'proof',
  'query',
] as const
export type RateLimitedProtocol = (typeof RATE_LIMITED_PROTOCOLS)[number]

/** Items per second: what one peer may ask for, and what all peers together may. */
export interface RateLimit {
  perPeer: number
  global: number
}

/**
 * Items a second each protocol serves (docs/peers.md): blocks, light blocks, state nodes, proofs
 * or query entries; one per status exchange. Per peer, well above what an honest node or light
 * client asks (block sync takes at most 4 × 32 blocks at once); in total, what keeps the node's
 * disk and CPU for its own chain when many peers ask at once.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitedProtocol, RateLimit>> = {
  status: { perPeer: 5, global: 200 },
  blocks: { perPeer: 256, global: 2048 },
  headers: { perPeer: 256, global: 4096 },
  snapshot: { perPeer: 2048, global: 16384 },
  proof: { perPeer: 32, global: 1024 },
  query: { perPeer: 64, global: 1024 },
}

/** A bucket holds this many seconds of its rate: room for a burst after a quiet spell. */
export const RATE_LIMIT_BURST_SECONDS = 2

/** Peer reputations (scores, bans, reasons) live in LMDB here, inside the data dir. */
export const REPUTATION_DIR = 'reputation'
/** How often changed reputations are written to disk; a ban is written at once. */
export const REPUTATION_FLUSH_INTERVAL_MS = 10_000
/** How often peers as good as new are dropped from the book and the disk. */
export const REPUTATION_PRUNE_INTERVAL_MS = 10 * 60_000

/**
 * How long transactions this node admitted from its API wait to be gossiped together in one
 * message (docs/network.md): nothing noticeable beside a second-long block interval, and under
 * load it gathers a node's submissions into one message, so the libp2p stack's per-message
 * costs and the receivers' signature checks are paid per batch. At 200 submissions/s per node
 * a 5 ms window gathers about one, and cost more CPU per transfer than 20 ms (benchmarks.md).
 */
export const TX_GOSSIP_WINDOW_MS = 20
