// The faucet's sliding-window limits: per key, over time, and bounded in memory.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { callerKey, RateLimiter } from '../../src/index.ts'

describe('RateLimiter', () => {
  it('allows `limit` events per window and says when the next is allowed', () => {
    let now = 1_000
    const limiter = new RateLimiter({ limit: 2, windowMs: 100, maxKeys: 10, now: () => now })
    assert.deepEqual(limiter.check('a'), { ok: true })
    limiter.record('a')
    now += 30
    limiter.record('a')
    assert.deepEqual(limiter.check('a'), { ok: false, retryAfterMs: 70 })
    assert.deepEqual(limiter.check('b'), { ok: true }, 'keys are counted apart')
    now += 70
    assert.deepEqual(limiter.check('a'), { ok: true }, 'the first event left the window')
    limiter.record('a')
    assert.deepEqual(limiter.check('a'), { ok: false, retryAfterMs: 30 })
  })

  it('takes back an event that did not happen', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, maxKeys: 10, now: () => 0 })
    limiter.record('a')
    assert.equal(limiter.check('a').ok, false)
    limiter.release('a')
    assert.equal(limiter.check('a').ok, true)
  })

  it('refuses new keys while it tracks maxKeys live ones, and forgets expired ones', () => {
    let now = 0
    const limiter = new RateLimiter({ limit: 5, windowMs: 100, maxKeys: 3, now: () => now })
    for (const key of ['a', 'b', 'c']) limiter.record(key)
    assert.deepEqual(limiter.check('d'), { ok: false, retryAfterMs: 100 })
    assert.deepEqual(limiter.check('a'), { ok: true }, 'known keys are still counted')
    now += 100
    assert.deepEqual(limiter.check('d'), { ok: true })
  })
})

describe('callerKey', () => {
  it('counts IPv4 as itself and IPv6 by its /64', () => {
    assert.equal(callerKey('203.0.113.7'), '203.0.113.7')
    assert.equal(callerKey('::ffff:203.0.113.7'), '203.0.113.7')
    assert.equal(callerKey('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64')
    assert.equal(callerKey('2001:db8:1:2::9'), '2001:db8:1:2::/64')
    assert.equal(callerKey('2001:DB8::1'), '2001:db8:0:0::/64')
    assert.equal(callerKey('::1'), '0:0:0:0::/64')
  })
})
