// The score book against a fake clock: what raises and lowers a score, how it decays, when a
// peer is banned and for how long, and that a persisted record restores the same reputation.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  DEFAULT_BAN_DURATION_MS,
  DEFAULT_BAN_SCORE,
  DEFAULT_HISTORY_PER_PEER,
  DEFAULT_MAX_BAN_DURATION_MS,
  DEFAULT_OFFENCE_MEMORY_MS,
  DEFAULT_SCORE_HALF_LIFE_MS,
  MAX_SCORE,
  MIN_SCORE,
  PEER_EVENTS,
  type PeerEventName,
  PeerRecordError,
  PeerScoreBook,
  PeerScoreConfigError,
} from '../../src/index.ts'

const HOUR = 60 * 60 * 1000
const HALF_LIFE = DEFAULT_SCORE_HALF_LIFE_MS

function clocked(init: ConstructorParameters<typeof PeerScoreBook>[0] = {}) {
  let t = 1_700_000_000_000
  const book = new PeerScoreBook({ ...init, now: () => t })
  return {
    book,
    advance: (ms: number) => {
      t += ms
    },
    now: () => t,
  }
}

function fault(book: PeerScoreBook, peer: string, event: PeerEventName, times: number) {
  let last: ReturnType<PeerScoreBook['report']> | undefined
  for (let i = 0; i < times; i++) last = book.report(peer, event)
  return last
}

describe('PeerScoreBook', () => {
  it('starts every peer at 0, unbanned, with no reputation entry', () => {
    const { book } = clocked()
    assert.equal(book.score('a'), 0)
    assert.equal(book.isBanned('a'), false)
    assert.equal(book.reputation('a'), undefined)
  })

  it('credits useful work per item, up to the cap', () => {
    const { book } = clocked()
    assert.equal(book.report('a', 'block-delivered', { count: 10 }).score, 2)
    book.report('a', 'block-delivered', { count: 10_000 })
    assert.equal(book.score('a'), MAX_SCORE)
  })

  it('halves a score toward 0 every half-life, penalties and credit alike', () => {
    const { book, advance } = clocked()
    fault(book, 'bad', 'invalid-gossip', 4)
    book.report('good', 'block-delivered', { count: 80 })
    assert.equal(book.score('bad'), -40)
    advance(HALF_LIFE)
    assert.ok(Math.abs(book.score('bad') - -20) < 1e-9)
    assert.ok(Math.abs(book.score('good') - 8) < 1e-9)
    advance(HALF_LIFE)
    assert.ok(Math.abs(book.score('bad') - -10) < 1e-9)
  })

  it('bans at the ban score: five invalid messages, fifty rate-limit hits', () => {
    const { book } = clocked()
    assert.equal(fault(book, 'p', 'invalid-gossip', 4)?.banned, undefined)
    const fifth = book.report('p', 'invalid-gossip', { detail: 'txs' })
    assert.deepEqual(fifth.banned, {
      until: fifth.banned?.until,
      offences: 1,
      reason: 'invalid-gossip',
    })
    assert.equal(book.isBanned('p'), true)

    assert.equal(fault(book, 'q', 'rate-limited', 49)?.banned, undefined)
    assert.ok(book.report('q', 'rate-limited').banned)
  })

  it('bans at once for a fatal fault, whatever credit the peer had', () => {
    const { book, now } = clocked()
    book.report('p', 'block-delivered', { count: 1000 })
    const change = book.report('p', 'wrong-chain', { detail: 'genesis 00ff…' })
    assert.equal(change.score, MIN_SCORE)
    assert.equal(change.banned?.until, now() + DEFAULT_BAN_DURATION_MS)
    assert.equal(change.banned?.reason, 'wrong-chain')
  })

  it('keeps the score frozen during a ban, then lets the peer back on probation', () => {
    const { book, advance } = clocked()
    book.report('p', 'invalid-block')
    advance(DEFAULT_BAN_DURATION_MS - 1)
    assert.equal(book.isBanned('p'), true)
    assert.equal(book.score('p'), MIN_SCORE, 'no decay while banned')
    assert.equal(book.report('p', 'block-delivered', { count: 100 }).delta, 0, 'no credit')
    advance(1)
    assert.equal(book.isBanned('p'), false)
    assert.equal(book.score('p'), DEFAULT_BAN_SCORE / 2)
    advance(HALF_LIFE)
    assert.ok(Math.abs(book.score('p') - DEFAULT_BAN_SCORE / 4) < 1e-9)
    // Half the damage bans it again, for twice as long.
    const again = fault(book, 'p', 'invalid-gossip', 4)
    assert.equal(again?.banned?.offences, 2)
  })

  it('doubles each repeat ban up to the maximum, and forgets offences after the memory', () => {
    const { book, advance, now } = clocked()
    const lengths: number[] = []
    for (let i = 0; i < 8; i++) {
      const ban = book.report('p', 'invalid-header').banned
      assert.ok(ban)
      lengths.push(ban.until - now())
      advance(ban.until - now())
    }
    assert.deepEqual(
      lengths,
      [1, 2, 4, 8, 16, 32, 48, 48].map((n) =>
        Math.min((n * HOUR) / 2, DEFAULT_MAX_BAN_DURATION_MS),
      ),
    )
    advance(DEFAULT_OFFENCE_MEMORY_MS)
    assert.equal(book.report('p', 'invalid-header').banned?.offences, 1)
  })

  it('keeps the newest reasons, with their particulars', () => {
    const { book } = clocked()
    for (let i = 0; i < DEFAULT_HISTORY_PER_PEER + 5; i++) {
      book.report('p', 'timeout', { detail: `request ${i}` })
    }
    const history = book.reputation('p')?.history ?? []
    assert.equal(history.length, DEFAULT_HISTORY_PER_PEER)
    assert.equal(history.at(-1)?.detail, `request ${DEFAULT_HISTORY_PER_PEER + 4}`)
    assert.equal(history.at(-1)?.delta, -1)
    assert.equal(history.at(-1)?.event, 'timeout')
  })

  it('merges a run of the same report, so routine credit does not push faults out', () => {
    const { book } = clocked()
    book.report('p', 'invalid-gossip', { detail: 'txs' })
    for (let i = 0; i < 100; i++) book.report('p', 'gossip-accepted', { detail: 'txs' })
    const history = book.reputation('p')?.history ?? []
    assert.deepEqual(
      history.map((h) => [h.event, h.times]),
      [
        ['invalid-gossip', 1],
        ['gossip-accepted', 100],
      ],
    )
    assert.ok(Math.abs((history[1]?.delta ?? 0) - 1) < 1e-9)
  })

  it('restores a persisted record to the same reputation, ban included', () => {
    const a = clocked()
    a.book.report('p', 'block-delivered', { count: 5 })
    fault(a.book, 'p', 'invalid-response', 6)
    const record = JSON.parse(JSON.stringify(a.book.toRecord('p')))
    const b = new PeerScoreBook({ now: a.now })
    b.load('p', record)
    assert.deepEqual(b.reputation('p'), a.book.reputation('p'))
    assert.equal(b.isBanned('p'), true)
  })

  it('refuses records it did not write', () => {
    const { book } = clocked()
    for (const bad of [
      null,
      { score: 'x', at: 0, offences: 0, history: [] },
      { score: -500, at: 0, offences: 0, history: [] },
      {
        score: 0,
        at: 0,
        offences: 0,
        history: [{ at: 0, event: 'nonsense', times: 1, delta: 0, score: 0 }],
      },
      { score: 0, at: 0, offences: 1, bannedUntil: 5, history: [] },
    ]) {
      assert.throws(() => book.load('p', bad), PeerRecordError)
    }
  })

  it('forgets peers that are as good as new, never a banned one', () => {
    const { book, advance } = clocked()
    book.report('quiet', 'timeout')
    book.report('banned', 'wrong-chain')
    advance(20 * HALF_LIFE)
    assert.deepEqual(book.prune(), ['quiet'])
    assert.deepEqual(book.peers(), ['banned'])
  })

  it('holds at most maxPeers, dropping the least recently seen unbanned peer', () => {
    const { book } = clocked({ maxPeers: 3 })
    book.report('banned', 'invalid-block')
    book.report('old', 'timeout')
    book.report('newer', 'timeout')
    book.report('newest', 'timeout')
    assert.deepEqual(book.peers().sort(), ['banned', 'newer', 'newest'])
  })

  it('refuses a ban score outside (MIN_SCORE, 0)', () => {
    assert.throws(() => new PeerScoreBook({ banScore: 5 }), PeerScoreConfigError)
    assert.throws(() => new PeerScoreBook({ banScore: MIN_SCORE }), PeerScoreConfigError)
  })

  it('keeps every score within bounds and every record restorable, whatever happens', () => {
    const events = Object.keys(PEER_EVENTS) as PeerEventName[]
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            peer: fc.constantFrom('a', 'b', 'c'),
            event: fc.constantFrom(...events),
            count: fc.integer({ min: 1, max: 64 }),
            wait: fc.integer({ min: 0, max: 2 * HOUR }),
          }),
          { maxLength: 80 },
        ),
        (steps) => {
          const { book, advance, now } = clocked()
          for (const s of steps) {
            advance(s.wait)
            const wasBanned = book.isBanned(s.peer)
            const change = book.report(s.peer, s.event, { count: s.count })
            assert.ok(change.score >= MIN_SCORE && change.score <= MAX_SCORE)
            if (wasBanned) assert.equal(change.banned, undefined, 'one ban at a time')
            if (change.banned) {
              assert.ok(change.banned.until - now() <= DEFAULT_MAX_BAN_DURATION_MS)
              assert.ok(change.score <= DEFAULT_BAN_SCORE)
            }
          }
          for (const peer of book.peers()) {
            const copy = new PeerScoreBook({ now })
            copy.load(peer, JSON.parse(JSON.stringify(book.toRecord(peer))))
            assert.deepEqual(copy.reputation(peer), book.reputation(peer))
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
