// The token bucket against a fake clock: charged by items, refusing with when to come back,
// never letting a key take more than its burst plus its rate, and holding a bounded set of keys.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { RateLimiter, RateLimiterConfigError } from '../../src/index.ts'

function clocked(init: { ratePerSecond: number; burst: number; maxKeys?: number }) {
  let t = 0
  return {
    limiter: new RateLimiter({ ...init, now: () => t }),
    advance: (ms: number) => {
      t += ms
    },
  }
}

describe('RateLimiter', () => {
  it('allows a burst, then refuses with how long to wait, then allows again after it', () => {
    const { limiter, advance } = clocked({ ratePerSecond: 10, burst: 20 })
    for (let i = 0; i < 20; i++) assert.deepEqual(limiter.take('p'), { ok: true })
    assert.deepEqual(limiter.take('p'), { ok: false, retryAfterMs: 100 })
    advance(99)
    assert.equal(limiter.take('p').ok, false)
    advance(1)
    assert.deepEqual(limiter.take('p'), { ok: true })
  })

  it('charges by the items asked for', () => {
    const { limiter } = clocked({ ratePerSecond: 32, burst: 64 })
    assert.equal(limiter.take('p', 32).ok, true)
    assert.equal(limiter.take('p', 32).ok, true)
    assert.deepEqual(limiter.take('p', 16), { ok: false, retryAfterMs: 500 })
  })

  it('charges a request larger than the burst the whole burst, so it can still be served', () => {
    const { limiter, advance } = clocked({ ratePerSecond: 1, burst: 4 })
    assert.equal(limiter.take('p', 100).ok, true)
    assert.deepEqual(limiter.take('p', 100), { ok: false, retryAfterMs: 4000 })
    advance(4000)
    assert.equal(limiter.take('p', 100).ok, true)
  })

  it('keeps keys apart', () => {
    const { limiter } = clocked({ ratePerSecond: 1, burst: 1 })
    assert.equal(limiter.take('a').ok, true)
    assert.equal(limiter.take('a').ok, false)
    assert.equal(limiter.take('b').ok, true)
  })

  it('holds at most maxKeys: refilled keys go first, then the least recently charged', () => {
    const { limiter, advance } = clocked({ ratePerSecond: 1, burst: 2, maxKeys: 3 })
    limiter.take('a', 2)
    limiter.take('b', 2)
    advance(2000) // a and b refill
    limiter.take('c', 2)
    limiter.take('d', 2) // evicts a and b, both full again
    assert.equal(limiter.size, 2)
    limiter.take('e', 2)
    limiter.take('f', 2) // c, d, e all drained: c, charged longest ago, goes
    assert.equal(limiter.size, 3)
    assert.equal(limiter.take('d').ok, false, 'd kept its empty bucket')
    assert.equal(limiter.take('c', 2).ok, true, 'c starts again with a full bucket')
  })

  it('refuses nonsense settings', () => {
    assert.throws(() => new RateLimiter({ ratePerSecond: 0, burst: 1 }), RateLimiterConfigError)
    assert.throws(() => new RateLimiter({ ratePerSecond: 1, burst: -1 }), RateLimiterConfigError)
  })

  it('never grants a key more than its burst plus its rate over the elapsed time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(
          fc.record({
            cost: fc.integer({ min: 1, max: 50 }),
            wait: fc.integer({ min: 0, max: 500 }),
          }),
          { maxLength: 200 },
        ),
        (rate, burst, steps) => {
          const { limiter, advance } = clocked({ ratePerSecond: rate, burst })
          let granted = 0
          let elapsed = 0
          for (const s of steps) {
            advance(s.wait)
            elapsed += s.wait
            if (limiter.take('p', s.cost).ok) granted += Math.min(s.cost, burst)
            assert.ok(granted <= burst + (rate * elapsed) / 1000 + 1e-9)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
