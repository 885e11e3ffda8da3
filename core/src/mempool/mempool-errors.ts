// Errors a mempool's host may handle. Submissions never throw: see AddResult.

/** An option given to the mempool is out of range; the message names it. */
export class MempoolConfigError extends Error {
  override readonly name = 'MempoolConfigError'
  readonly code = 'OUT_OF_RANGE'
}
