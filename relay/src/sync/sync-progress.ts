// How far a sync run has come and how long it has to go: heights, blocks/s and transactions/s
// smoothed over the last few seconds (a run's first seconds and a slow peer should not swing the
// ETA), and the estimate itself. Pure arithmetic over (time, height, txs) samples.

/** One progress event of a sync run, as logged, shown on the bar and served to tools. */
export interface SyncProgressEvent {
  /** The height the run started from and the one it has reached. */
  startHeight: number
  height: number
  /** The best height peers reported. */
  target: number
  blocksPerSecond: number
  txsPerSecond: number
  /** Seconds to the target at the current rate; undefined before a rate is known. */
  etaSeconds: number | undefined
  /** 0 to 1: the part of this run's distance covered. */
  fraction: number
}

/** Samples older than this no longer count toward the rate. */
const RATE_WINDOW_MS = 10_000

interface Sample {
  atMs: number
  height: number
  txs: number
}

export class SyncProgress {
  readonly #startHeight: number
  readonly #samples: Sample[]
  #txs = 0
  #height: number

  constructor(startHeight: number, nowMs: number) {
    this.#startHeight = startHeight
    this.#height = startHeight
    this.#samples = [{ atMs: nowMs, height: startHeight, txs: 0 }]
  }

  /** A block of `txs` transactions was applied at `height`. */
  applied(height: number, txs: number, nowMs: number): void {
    this.#height = height
    this.#txs += txs
    this.#samples.push({ atMs: nowMs, height, txs: this.#txs })
    // Keep one sample at or before the window's start, so the rate always spans the window.
    while (this.#samples.length > 2 && (this.#samples[1] as Sample).atMs <= nowMs - RATE_WINDOW_MS)
      this.#samples.shift()
  }

  event(target: number, nowMs: number): SyncProgressEvent {
    const first = this.#samples[0] as Sample
    const seconds = (nowMs - first.atMs) / 1000
    const blocksPerSecond = seconds > 0 ? (this.#height - first.height) / seconds : 0
    const txsPerSecond = seconds > 0 ? (this.#txs - first.txs) / seconds : 0
    const goal = Math.max(target, this.#height)
    const remaining = goal - this.#height
    const distance = goal - this.#startHeight
    return {
      startHeight: this.#startHeight,
      height: this.#height,
      target: goal,
      blocksPerSecond,
      txsPerSecond,
      etaSeconds:
        remaining === 0 ? 0 : blocksPerSecond > 0 ? remaining / blocksPerSecond : undefined,
      fraction: distance === 0 ? 1 : (this.#height - this.#startHeight) / distance,
    }
  }
}
