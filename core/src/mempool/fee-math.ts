// Integer fee arithmetic for the pool's policy (never consensus: the core decides what a
// transaction pays). Rates are bigints per byte; nothing here uses floating point.

export const U64_MAX = (1n << 64n) - 1n

/**
 * The tip per byte a proposer would receive at `baseFeePerByte`: min(tip, maxFee − base), as in
 * docs/protocol/transactions.md §2.2. Negative when the max fee is below the base fee.
 */
export function effectiveTipPerByte(
  maxFeePerByte: bigint,
  tipPerByte: bigint,
  baseFeePerByte: bigint,
): bigint {
  const room = maxFeePerByte - baseFeePerByte
  return tipPerByte < room ? tipPerByte : room
}

/** Whether `next` is at least `percent` % above `previous`, exactly: next × 100 ≥ previous × (100 + percent). */
export function raisedBy(previous: bigint, next: bigint, percent: bigint): boolean {
  return next * 100n >= previous * (100n + percent)
}

/** The least value that is `percent` % above `previous`: ⌈previous × (100 + percent) / 100⌉. */
export function raisedMinimum(previous: bigint, percent: bigint): bigint {
  const scaled = previous * (100n + percent)
  return (scaled + 99n) / 100n
}

export function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}

export function minOf(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

export function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A sorted copy, ascending. */
export function sortedBigints(values: Iterable<bigint>): bigint[] {
  return [...values].sort(compareBigints)
}

/**
 * Nearest-rank percentile of an ascending list: the value at rank ⌈p × n / 100⌉ (rank 1 for
 * p = 0). 0 for an empty list, which for tips means "nobody had to pay any".
 */
export function percentile(sorted: readonly bigint[], p: number): bigint {
  if (sorted.length === 0) return 0n
  if (!Number.isInteger(p) || p < 0 || p > 100)
    throw new RangeError(`percentile ${p} is not 0..100`)
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100))
  return sorted[rank - 1] ?? 0n
}

/** a × m + b, saturating at 2^64 − 1 (a max fee the core can encode). */
export function saturatingMulAdd(a: bigint, m: bigint, b: bigint): bigint {
  return minOf(a * m + b, U64_MAX)
}
