// The score book: every peer's reputation, built from what it did (peer-events.ts), decaying
// toward 0 with a half-life, banning a peer whose score falls to the ban score for a period that
// doubles with each repeat offence. Pure: time comes from the injected clock, and every entry is
// a plain record the host persists (docs/peers.md).
import {
  DEFAULT_BAN_DURATION_MS,
  DEFAULT_BAN_SCORE,
  DEFAULT_HISTORY_PER_PEER,
  DEFAULT_MAX_BAN_DURATION_MS,
  DEFAULT_MAX_PEERS,
  DEFAULT_OFFENCE_MEMORY_MS,
  DEFAULT_SCORE_HALF_LIFE_MS,
  MAX_SCORE,
  MIN_SCORE,
  NEGLIGIBLE_SCORE,
} from './constants.ts'
import { PeerRecordError, PeerScoreConfigError } from './peer-errors.ts'
import { eventDelta, isPeerEventName, type PeerEventName } from './peer-events.ts'

export interface PeerScoreBookInit {
  /** Ban at or below this score (negative, above MIN_SCORE). */
  banScore?: number
  halfLifeMs?: number
  /** The first ban's length; the n-th within the offence memory lasts 2^(n-1) times as long. */
  banDurationMs?: number
  maxBanDurationMs?: number
  offenceMemoryMs?: number
  historyPerPeer?: number
  maxPeers?: number
  now?: () => number
}

/**
 * One thing a peer did, as the API and `weft peers` show it. Reports of the same event with the
 * same detail in a row are one entry, so a stream of routine credit cannot push faults out.
 */
export interface ReasonEntry {
  /** Milliseconds since the epoch: the latest report. */
  at: number
  event: PeerEventName
  /** Reports merged into this entry. */
  times: number
  /** What they did to the score together (after clamping). */
  delta: number
  /** The score right after. */
  score: number
  /** Particulars: the protocol, height or topic. */
  detail?: string
}

export interface Ban {
  /** Milliseconds since the epoch when the ban ends. */
  until: number
  /** Bans within the offence memory, this one included: what set its length. */
  offences: number
  /** The event that triggered it. */
  reason: PeerEventName
}

/** A peer's entry as stored: plain JSON values only. */
export interface PeerRecord {
  /** The score at `at`, before decay since. */
  score: number
  at: number
  offences: number
  /** The end of the latest ban, past or present; absent if never banned. */
  bannedUntil?: number
  banReason?: PeerEventName
  history: ReasonEntry[]
}

export interface PeerReputation {
  peer: string
  score: number
  ban: Ban | undefined
  /** Newest last. */
  history: ReasonEntry[]
}

export interface ScoreChange {
  peer: string
  event: PeerEventName
  delta: number
  score: number
  /** Set when this report banned the peer. */
  banned?: Ban
}

export class PeerScoreBook {
  readonly banScore: number
  readonly halfLifeMs: number
  readonly banDurationMs: number
  readonly maxBanDurationMs: number
  readonly offenceMemoryMs: number
  readonly #historyPerPeer: number
  readonly #maxPeers: number
  readonly #now: () => number
  // Insertion order is recency: a touched entry moves to the end, so eviction takes the front.
  readonly #entries = new Map<string, PeerRecord>()

  constructor(init: PeerScoreBookInit = {}) {
    this.banScore = init.banScore ?? DEFAULT_BAN_SCORE
    this.halfLifeMs = init.halfLifeMs ?? DEFAULT_SCORE_HALF_LIFE_MS
    this.banDurationMs = init.banDurationMs ?? DEFAULT_BAN_DURATION_MS
    this.maxBanDurationMs = init.maxBanDurationMs ?? DEFAULT_MAX_BAN_DURATION_MS
    this.offenceMemoryMs = init.offenceMemoryMs ?? DEFAULT_OFFENCE_MEMORY_MS
    this.#historyPerPeer = init.historyPerPeer ?? DEFAULT_HISTORY_PER_PEER
    this.#maxPeers = init.maxPeers ?? DEFAULT_MAX_PEERS
    this.#now = init.now ?? Date.now
    if (!(this.banScore < 0 && this.banScore > MIN_SCORE)) {
      throw new PeerScoreConfigError(`banScore must be below 0 and above ${MIN_SCORE}`)
    }
    for (const [name, value] of [
      ['halfLifeMs', this.halfLifeMs],
      ['banDurationMs', this.banDurationMs],
      ['maxBanDurationMs', this.maxBanDurationMs],
      ['historyPerPeer', this.#historyPerPeer],
      ['maxPeers', this.#maxPeers],
    ] as const) {
      if (!(value > 0)) throw new PeerScoreConfigError(`${name} must be above 0`)
    }
  }

  /** Records what `peer` did; returns the change, with the ban if this report caused one. */
  report(
    peer: string,
    event: PeerEventName,
    options: { count?: number; detail?: string } = {},
  ): ScoreChange {
    const now = this.#now()
    const entry = this.#touch(peer, now)
    const banned = isBanned(entry, now)
    const before = entry.score
    entry.score = clamp(before + eventDelta(event, options.count ?? 1))
    // A banned peer's score stays at or below the ban score until the ban ends.
    if (banned) entry.score = Math.min(entry.score, before)
    entry.at = now
    const delta = entry.score - before
    const last = entry.history.at(-1)
    if (last !== undefined && last.event === event && last.detail === options.detail) {
      last.at = now
      last.times += 1
      last.delta += delta
      last.score = entry.score
    } else {
      entry.history.push({
        at: now,
        event,
        times: 1,
        delta,
        score: entry.score,
        ...(options.detail === undefined ? {} : { detail: options.detail }),
      })
      if (entry.history.length > this.#historyPerPeer) entry.history.shift()
    }
    const change: ScoreChange = { peer, event, delta, score: entry.score }
    if (!banned && entry.score <= this.banScore) change.banned = this.#ban(entry, event, now)
    return change
  }

  /** The peer's score now; 0 for a peer never seen. */
  score(peer: string): number {
    const entry = this.#entries.get(peer)
    if (entry === undefined) return 0
    this.#settle(entry, this.#now())
    return entry.score
  }

  /** The ban in force on `peer`, if any. */
  ban(peer: string): Ban | undefined {
    const entry = this.#entries.get(peer)
    if (entry === undefined || !isBanned(entry, this.#now())) return undefined
    return banOf(entry)
  }

  isBanned(peer: string): boolean {
    return this.ban(peer) !== undefined
  }

  /** The peer's score, ban and recent reasons; undefined for a peer never seen (or forgotten). */
  reputation(peer: string): PeerReputation | undefined {
    const entry = this.#entries.get(peer)
    if (entry === undefined) return undefined
    const now = this.#now()
    this.#settle(entry, now)
    return {
      peer,
      score: entry.score,
      ban: isBanned(entry, now) ? banOf(entry) : undefined,
      history: entry.history.map((h) => ({ ...h })),
    }
  }

  /** Every peer in the book. */
  peers(): string[] {
    return [...this.#entries.keys()]
  }

  /** Peers banned now. */
  banned(): string[] {
    const now = this.#now()
    return this.peers().filter((p) => isBanned(this.#entries.get(p) as PeerRecord, now))
  }

  /** The peer's entry to persist, settled to now; undefined if the book does not hold it. */
  toRecord(peer: string): PeerRecord | undefined {
    const entry = this.#entries.get(peer)
    if (entry === undefined) return undefined
    this.#settle(entry, this.#now())
    return structuredClone(entry)
  }

  /** Restores a persisted entry; throws PeerRecordError when it is not one this book wrote. */
  load(peer: string, record: unknown): void {
    const entry = checkRecord(record)
    this.#entries.delete(peer)
    this.#makeRoom()
    this.#entries.set(peer, entry)
  }

  /**
   * Forgets peers that are as good as new: score negligible, not banned, offences forgotten.
   * Returns them, so the host deletes their records too.
   */
  prune(): string[] {
    const now = this.#now()
    const gone: string[] = []
    for (const [peer, entry] of this.#entries) {
      this.#settle(entry, now)
      const remembered =
        entry.bannedUntil !== undefined && now < entry.bannedUntil + this.offenceMemoryMs
      if (Math.abs(entry.score) < NEGLIGIBLE_SCORE && !remembered) gone.push(peer)
    }
    for (const peer of gone) this.#entries.delete(peer)
    return gone
  }

  #touch(peer: string, now: number): PeerRecord {
    let entry = this.#entries.get(peer)
    if (entry === undefined) {
      this.#makeRoom()
      entry = { score: 0, at: now, offences: 0, history: [] }
    } else {
      this.#entries.delete(peer)
      this.#settle(entry, now)
    }
    this.#entries.set(peer, entry)
    return entry
  }

  // The least recently touched unbanned peer goes first: forgetting a ban would let its peer
  // straight back in, forgetting a score only resets it to 0.
  #makeRoom(): void {
    if (this.#entries.size < this.#maxPeers) return
    const now = this.#now()
    let victim: string | undefined
    for (const [peer, entry] of this.#entries) {
      if (!isBanned(entry, now)) {
        victim = peer
        break
      }
    }
    this.#entries.delete(victim ?? (this.#entries.keys().next().value as string))
  }

  #ban(entry: PeerRecord, reason: PeerEventName, now: number): Ban {
    const forgotten =
      entry.bannedUntil !== undefined && now >= entry.bannedUntil + this.offenceMemoryMs
    entry.offences = (forgotten ? 0 : entry.offences) + 1
    const length = Math.min(this.banDurationMs * 2 ** (entry.offences - 1), this.maxBanDurationMs)
    entry.bannedUntil = now + length
    entry.banReason = reason
    return banOf(entry)
  }

  // Brings a stored score to `now`: frozen while banned; on release, restarted half-way to the
  // ban score (a released peer is on probation: half the damage bans it again); then decayed.
  #settle(entry: PeerRecord, now: number): void {
    if (isBanned(entry, now)) return
    if (entry.bannedUntil !== undefined && entry.at < entry.bannedUntil) {
      entry.score = this.banScore / 2
      entry.at = entry.bannedUntil
    }
    const elapsed = now - entry.at
    if (elapsed <= 0) return
    entry.score *= 2 ** (-elapsed / this.halfLifeMs)
    if (Math.abs(entry.score) < NEGLIGIBLE_SCORE / 2) entry.score = 0
    entry.at = now
  }
}

function isBanned(entry: PeerRecord, now: number): boolean {
  return entry.bannedUntil !== undefined && now < entry.bannedUntil
}

function banOf(entry: PeerRecord): Ban {
  return {
    until: entry.bannedUntil as number,
    offences: entry.offences,
    reason: entry.banReason as PeerEventName,
  }
}

function clamp(score: number): number {
  return Math.min(MAX_SCORE, Math.max(MIN_SCORE, score))
}

function checkRecord(value: unknown): PeerRecord {
  const fail = (what: string): never => {
    throw new PeerRecordError(`not a peer record: ${what}`)
  }
  if (typeof value !== 'object' || value === null) return fail('not an object')
  const r = value as Record<string, unknown>
  const finite = (k: string) => typeof r[k] === 'number' && Number.isFinite(r[k])
  if (!finite('score') || (r.score as number) < MIN_SCORE || (r.score as number) > MAX_SCORE)
    fail('score')
  if (!finite('at')) fail('at')
  if (!Number.isSafeInteger(r.offences) || (r.offences as number) < 0) fail('offences')
  if (r.bannedUntil !== undefined && !finite('bannedUntil')) fail('bannedUntil')
  if (
    r.banReason !== undefined &&
    (typeof r.banReason !== 'string' || !isPeerEventName(r.banReason))
  )
    fail('banReason')
  if (r.bannedUntil !== undefined && r.banReason === undefined) fail('a ban without its reason')
  if (!Array.isArray(r.history)) return fail('history')
  const history = r.history.map((h: unknown): ReasonEntry => {
    const e = h as Record<string, unknown>
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e.at !== 'number' ||
      !Number.isSafeInteger(e.times) ||
      typeof e.delta !== 'number' ||
      typeof e.score !== 'number' ||
      typeof e.event !== 'string' ||
      !isPeerEventName(e.event) ||
      (e.detail !== undefined && typeof e.detail !== 'string')
    )
      return fail('a history entry')
    return {
      at: e.at,
      event: e.event,
      times: e.times as number,
      delta: e.delta,
      score: e.score,
      ...(e.detail === undefined ? {} : { detail: e.detail as string }),
    }
  })
  return {
    score: r.score as number,
    at: r.at as number,
    offences: r.offences as number,
    ...(r.bannedUntil === undefined
      ? {}
      : { bannedUntil: r.bannedUntil as number, banReason: r.banReason as PeerEventName }),
    history,
  }
}
