// A sliding-window limit per key (an address, an IP): at most `limit` events in any `windowMs`.
// Memory is bounded: past `maxKeys` live keys every new key is refused until old ones expire,
// so a caller inventing addresses or IPv6 addresses cannot grow it without end.

export interface RateLimitInit {
  limit: number
  windowMs: number
  maxKeys: number
  now?: () => number
}

export type RateCheck = { ok: true } | { ok: false; retryAfterMs: number }

export class RateLimiter {
  readonly #limit: number
  readonly #windowMs: number
  readonly #maxKeys: number
  readonly #now: () => number
  /** Per key, the times of its events in the window, oldest first. */
  readonly #events = new Map<string, number[]>()

  constructor(init: RateLimitInit) {
    this.#limit = init.limit
    this.#windowMs = init.windowMs
    this.#maxKeys = init.maxKeys
    this.#now = init.now ?? Date.now
  }

  check(key: string): RateCheck {
    const now = this.#now()
    const times = this.#live(key, now)
    if (times.length >= this.#limit) {
      return { ok: false, retryAfterMs: (times[0] as number) + this.#windowMs - now }
    }
    if (times.length === 0 && this.#events.size >= this.#maxKeys) {
      this.#sweep(now)
      if (this.#events.size >= this.#maxKeys) return { ok: false, retryAfterMs: this.#windowMs }
    }
    return { ok: true }
  }

  record(key: string): void {
    const now = this.#now()
    const times = this.#live(key, now)
    times.push(now)
    this.#events.set(key, times)
  }

  /** Takes back the newest event of `key`: the thing it counted did not happen after all. */
  release(key: string): void {
    const times = this.#events.get(key)
    times?.pop()
    if (times?.length === 0) this.#events.delete(key)
  }

  #live(key: string, now: number): number[] {
    const times = this.#events.get(key)
    if (times === undefined) return []
    while (times.length > 0 && (times[0] as number) <= now - this.#windowMs) times.shift()
    if (times.length === 0) this.#events.delete(key)
    return times
  }

  #sweep(now: number): void {
    for (const key of [...this.#events.keys()]) this.#live(key, now)
  }
}
