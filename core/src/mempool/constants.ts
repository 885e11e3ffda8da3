// Defaults for the mempool, applied as `init.x ?? DEFAULT_X`. docs/mempool.md explains each.

/** Total encoded bytes the pool holds: four full blocks at the default 2 MiB block cap. */
export const DEFAULT_MAX_POOL_BYTES = 8 * 1024 * 1024
/** Transactions one sender may have in the pool, pending and queued together. */
export const DEFAULT_ACCOUNT_SLOTS = 16
/** Of those, how many may wait behind a nonce gap (future nonces) when they arrive. */
export const DEFAULT_MAX_QUEUED_PER_ACCOUNT = 8
/** A transaction not included this long after it arrived is dropped (`Mempool.Expired`). */
export const DEFAULT_MAX_AGE_MS = 3 * 60 * 60 * 1000
/** A replacement raises both max fee per byte and tip per byte by at least this percentage. */
export const DEFAULT_REPLACEMENT_BUMP_PERCENT = 10
/** The node's own floor on the effective tip per byte, below the dynamic one. */
export const DEFAULT_MIN_TIP_PER_BYTE = 0n
/** After an eviction the dynamic floor becomes the evicted rate plus this. */
export const DEFAULT_MIN_TIP_INCREMENT_PER_BYTE = 1n
/** Each block the dynamic floor falls by 1/DIVISOR (at least 1) while the pool is half full or more. */
export const MIN_TIP_DECAY_DIVISOR = 8n
/** Blocks of included tips the fee estimator keeps. */
export const DEFAULT_FEE_HISTORY_BLOCKS = 20
/** Block capacity assumed until the first committed block reports its own. */
export const DEFAULT_MAX_BLOCK_BYTES = 2 * 1024 * 1024
/** Estimated max fee per byte = base fee × this + tip: five full blocks in a row still fit. */
export const DEFAULT_MAX_FEE_BASE_MULTIPLIER = 2n
/** Settled transactions (included, replaced, dropped) whose status is remembered. */
export const DEFAULT_STATUS_HISTORY = 100_000
/** The largest transaction a chain allows by default; "nearly full" means less free than this. */
export const NEARLY_FULL_MARGIN_BYTES = 4096

/**
 * How each fee level is derived: the given percentile of each recent block's paid tips (the
 * median over the window), against the tip needed to be within the first `poolBlocks` blocks'
 * worth of the pool's pending transactions (0: the pool is not consulted).
 */
export const FEE_LEVELS = {
  nextBlock: { historyPercentile: 75, poolBlocks: 1 },
  fast: { historyPercentile: 50, poolBlocks: 2 },
  economy: { historyPercentile: 10, poolBlocks: 0 },
} as const

/** Reasons the pool itself gives when it drops a transaction (the core's are `TxError.*`). */
export const DROP_REASONS = {
  evicted: 'Mempool.Evicted',
  expired: 'Mempool.Expired',
} as const
