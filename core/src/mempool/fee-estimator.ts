// Fee estimates for wallets: what tip per byte gets a transaction into the next block, within a
// couple of blocks, or eventually, from the tips recent blocks paid and the pool's own backlog.
// The method is described in docs/mempool.md §Fee estimates.
import { FEE_LEVELS } from './constants.ts'
import { maxOf, minOf, percentile, saturatingMulAdd, sortedBigints, U64_MAX } from './fee-math.ts'

export interface FeeQuote {
  maxFeePerByte: bigint
  tipPerByte: bigint
}

export interface FeeEstimates {
  /** The base fee per byte of the next block. */
  baseFeePerByte: bigint
  nextBlock: FeeQuote
  fast: FeeQuote
  economy: FeeQuote
}

export type FeeLevel = keyof typeof FEE_LEVELS

const LEVELS: readonly FeeLevel[] = ['economy', 'fast', 'nextBlock']
const PERCENTILES: readonly number[] = LEVELS.map((l) => FEE_LEVELS[l].historyPercentile)

interface BlockTipSample {
  height: bigint
  /** Per FEE_LEVELS history percentile, that percentile of the block's paid tips per byte. */
  tips: ReadonlyMap<number, bigint>
}

/** The paid tips of the last `window` committed blocks, kept as a few percentiles each. */
export class FeeHistory {
  readonly #window: number
  readonly #samples: BlockTipSample[] = []

  constructor(window: number) {
    this.#window = window
  }

  get blocks(): number {
    return this.#samples.length
  }

  /** Records one block's paid tips per byte (an empty block records zeros: no one had to pay). */
  record(height: bigint, tipsPerByte: Iterable<bigint>): void {
    const sorted = sortedBigints(tipsPerByte)
    const tips = new Map<number, bigint>()
    for (const p of PERCENTILES) tips.set(p, percentile(sorted, p))
    this.#samples.push({ height, tips })
    while (this.#samples.length > this.#window) this.#samples.shift()
  }

  /** The median, over the window, of each block's p-th percentile tip; 0 with no history. */
  typicalTip(p: number): bigint {
    const perBlock = sortedBigints(this.#samples.map((s) => s.tips.get(p) ?? 0n))
    return percentile(perBlock, 50)
  }
}

/** A pending transaction as the estimator sees it, in block-building order. */
export interface PendingDemand {
  effectiveTipPerByte: bigint
  size: number
}

export interface FeeEstimateInput {
  baseFeePerByte: bigint
  history: FeeHistory
  pending: readonly PendingDemand[]
  maxBlockBytes: number
  /** The least tip per byte the pool admits right now. */
  entryTipPerByte: bigint
  maxFeeBaseMultiplier: bigint
}

/**
 * The tip that puts a new transaction inside the first `capacity` bytes of the pending order:
 * one more than the transaction at that boundary, or 0 when the whole backlog fits.
 */
export function clearingTip(pending: readonly PendingDemand[], capacity: number): bigint {
  if (capacity <= 0) return 0n
  let used = 0
  for (const tx of pending) {
    if (used + tx.size > capacity) return maxOf(tx.effectiveTipPerByte + 1n, 0n)
    used += tx.size
  }
  return 0n
}

export function estimateFees(input: FeeEstimateInput): FeeEstimates {
  const tips = new Map<FeeLevel, bigint>()
  // Economy first: each faster level pays at least what the slower one does.
  let floor = maxOf(input.entryTipPerByte, 0n)
  for (const level of LEVELS) {
    const { historyPercentile, poolBlocks } = FEE_LEVELS[level]
    const fromHistory = input.history.typicalTip(historyPercentile)
    const fromPool = clearingTip(input.pending, poolBlocks * input.maxBlockBytes)
    const tip = minOf(maxOf(floor, maxOf(fromHistory, fromPool)), U64_MAX)
    tips.set(level, tip)
    floor = tip
  }
  const quote = (level: FeeLevel): FeeQuote => {
    const tipPerByte = tips.get(level) ?? 0n
    return {
      maxFeePerByte: saturatingMulAdd(input.baseFeePerByte, input.maxFeeBaseMultiplier, tipPerByte),
      tipPerByte,
    }
  }
  return {
    baseFeePerByte: input.baseFeePerByte,
    nextBlock: quote('nextBlock'),
    fast: quote('fast'),
    economy: quote('economy'),
  }
}
