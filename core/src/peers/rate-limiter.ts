// A token bucket per key (a peer, or a protocol for a global limit), charged by the cost of each
// request — the items it asks for — so one request for 32 blocks counts as 32 for 1. Pure: time
// comes from the injected clock. The number of keys is bounded; idle keys go first.
import { DEFAULT_RATE_LIMITER_MAX_KEYS } from './constants.ts'
import { RateLimiterConfigError } from './peer-errors.ts'

export interface RateLimiterInit {
  /** Items per second the bucket refills by: the sustained rate a key may ask for. */
  ratePerSecond: number
  /** Items the bucket holds: how much a key may ask for at once after being quiet. */
  burst: number
  maxKeys?: number
  now?: () => number
}

export type RateDecision =
  | { ok: true }
  /** Refused; `retryAfterMs` is when the same request would be accepted. */
  | { ok: false; retryAfterMs: number }

interface Bucket {
  tokens: number
  at: number
}

export class RateLimiter {
  readonly ratePerSecond: number
  readonly burst: number
  readonly #maxKeys: number
  readonly #now: () => number
  // Insertion order is recency: a charged key moves to the end.
  readonly #buckets = new Map<string, Bucket>()

  constructor(init: RateLimiterInit) {
    this.ratePerSecond = init.ratePerSecond
    this.burst = init.burst
    this.#maxKeys = init.maxKeys ?? DEFAULT_RATE_LIMITER_MAX_KEYS
    this.#now = init.now ?? Date.now
    for (const [name, value] of [
      ['ratePerSecond', this.ratePerSecond],
      ['burst', this.burst],
      ['maxKeys', this.#maxKeys],
    ] as const) {
      if (!(value > 0 && Number.isFinite(value)))
        throw new RateLimiterConfigError(`${name} must be a finite number above 0`)
    }
  }

  /**
   * Charges `cost` to `key` if its bucket holds that much. A request costing more than the burst
   * is charged the whole burst: it waits for a full bucket instead of never being served (the
   * protocols' own caps bound what one request may ask).
   */
  take(key: string, cost = 1): RateDecision {
    const now = this.#now()
    const charge = Math.min(Math.max(cost, 0), this.burst)
    const bucket = this.#refill(key, now)
    if (bucket.tokens >= charge) {
      bucket.tokens -= charge
      return { ok: true }
    }
    return {
      ok: false,
      retryAfterMs: Math.ceil(((charge - bucket.tokens) / this.ratePerSecond) * 1000),
    }
  }

  /** Keys tracked now: at most maxKeys. */
  get size(): number {
    return this.#buckets.size
  }

  #refill(key: string, now: number): Bucket {
    const found = this.#buckets.get(key)
    if (found !== undefined) {
      this.#buckets.delete(key)
      const elapsed = Math.max(0, now - found.at)
      found.tokens = Math.min(this.burst, found.tokens + (elapsed / 1000) * this.ratePerSecond)
      found.at = now
      this.#buckets.set(key, found)
      return found
    }
    if (this.#buckets.size >= this.#maxKeys) this.#evict(now)
    const bucket = { tokens: this.burst, at: now }
    this.#buckets.set(key, bucket)
    return bucket
  }

  // A key whose bucket has refilled is the same as one never seen, so dropping it loses nothing.
  // Only when none has, the least recently charged goes (it gets a full bucket if it returns).
  #evict(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.ratePerSecond >= this.burst) {
        this.#buckets.delete(key)
      }
    }
    if (this.#buckets.size < this.#maxKeys) return
    const oldest = this.#buckets.keys().next().value
    if (oldest !== undefined) this.#buckets.delete(oldest)
  }
}
