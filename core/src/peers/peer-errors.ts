// Errors a host of the score book or the rate limiter may handle.

/** An option out of range; the message names it. */
export class PeerScoreConfigError extends Error {
  override readonly name = 'PeerScoreConfigError'
  readonly code = 'OUT_OF_RANGE'
}

/** A persisted peer record that this book did not write (corrupt, or another version's). */
export class PeerRecordError extends Error {
  override readonly name = 'PeerRecordError'
  readonly code = 'BAD_RECORD'
}

/** A rate limiter option out of range; the message names it. */
export class RateLimiterConfigError extends Error {
  override readonly name = 'RateLimiterConfigError'
  readonly code = 'OUT_OF_RANGE'
}
