// Peer reputation in the node (docs/peers.md): the score book fed by what peers do (gossip
// verdicts, sync answers, the status handshake, requests they send), persisted in the data dir,
// read by gossipsub as its application-specific score, and enforced — a banned peer is hung up
// on and the connection gater keeps it out, both ways, until its ban ends. Requests to the
// request/response servers pass its rate limits first (request-guards.ts).
import type { ConnectionGater, Libp2p, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import {
  type PeerEventName,
  type PeerRecord,
  PeerRecordError,
  PeerScoreBook,
  type PeerScoreBookInit,
  type PeerReputation as Reputation,
  type RequestGuard,
  type ScoreChange,
} from '@weft/core'
import {
  DEFAULT_RATE_LIMITS,
  RATE_LIMITED_PROTOCOLS,
  type RateLimit,
  type RateLimitedProtocol,
  REPUTATION_FLUSH_INTERVAL_MS,
  REPUTATION_PRUNE_INTERVAL_MS,
} from '../constants.ts'
import type { Logger } from '../log.ts'
import { ReputationStore } from '../storage/reputation-store.ts'
import { requestGuard } from './request-guards.ts'

export interface PeerReputationInit {
  /** The LMDB directory, <data-dir>/reputation. */
  path: string
  score?: Omit<PeerScoreBookInit, 'now'>
  rateLimits?: Partial<Record<RateLimitedProtocol, RateLimit>>
  flushIntervalMs?: number
  pruneIntervalMs?: number
  now?: () => number
  log?: Logger
}

/** How the node's parts tell the book what a peer did. */
export type PeerReporter = (
  peer: PeerId | string,
  event: PeerEventName,
  options?: { count?: number; detail?: string },
) => void

export class PeerReputation {
  readonly #book: PeerScoreBook
  readonly #store: ReputationStore
  readonly #log: Logger | undefined
  readonly #dirty = new Set<string>()
  readonly #guards: Map<string, RequestGuard>
  readonly #flushIntervalMs: number
  readonly #pruneIntervalMs: number
  #libp2p: Pick<Libp2p, 'hangUp'> | undefined
  #timers: ReturnType<typeof setInterval>[] = []

  /** Refuses every connection and dial to or from a banned peer, relayed ones included. */
  readonly gater: ConnectionGater = {
    denyDialPeer: (peer) => this.isBanned(peer),
    denyInboundEncryptedConnection: (peer) => this.isBanned(peer),
    denyOutboundEncryptedConnection: (peer) => this.isBanned(peer),
    denyInboundRelayReservation: (peer) => this.isBanned(peer),
    denyInboundRelayedConnection: (_relay, remote) => this.isBanned(remote),
    denyOutboundRelayedConnection: (source, destination) =>
      this.isBanned(source) || this.isBanned(destination),
  }

  /** Opens the store and loads what it holds; records it cannot read are logged and dropped. */
  constructor(init: PeerReputationInit) {
    this.#book = new PeerScoreBook({ ...init.score, ...(init.now ? { now: init.now } : {}) })
    this.#store = new ReputationStore(init.path)
    this.#log = init.log
    this.#flushIntervalMs = init.flushIntervalMs ?? REPUTATION_FLUSH_INTERVAL_MS
    this.#pruneIntervalMs = init.pruneIntervalMs ?? REPUTATION_PRUNE_INTERVAL_MS
    for (const [peer, record] of this.#store.records()) {
      try {
        this.#book.load(peer, record)
      } catch (err) {
        if (!(err instanceof PeerRecordError)) throw err
        this.#log?.warn({ peer, err: err.message }, 'dropping an unreadable reputation record')
        void this.#store.remove(peer)
      }
    }
    const limits = { ...DEFAULT_RATE_LIMITS, ...init.rateLimits }
    this.#guards = new Map(
      RATE_LIMITED_PROTOCOLS.map((p) => {
        const guard = requestGuard({
          protocol: p,
          limit: limits[p],
          report: this.report,
          ...(init.now ? { now: init.now } : {}),
        })
        return [guard.id, guard] as const
      }),
    )
  }

  /** Starts enforcing bans on `libp2p` and writing changes to disk. */
  start(libp2p: Pick<Libp2p, 'hangUp'>): void {
    this.#libp2p = libp2p
    const flush = setInterval(() => void this.flush(), this.#flushIntervalMs)
    const prune = setInterval(() => {
      for (const peer of this.#book.prune()) this.#dirty.add(peer)
    }, this.#pruneIntervalMs)
    flush.unref()
    prune.unref()
    this.#timers = [flush, prune]
  }

  /** Writes what changed and closes the store. */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t)
    this.#timers = []
    this.#libp2p = undefined
    await this.flush()
    await this.#store.close()
  }

  /** Gossipsub's application-specific score (P5) for a peer: its score in the book. */
  readonly appSpecificScore = (peer: string): number => this.#book.score(peer)

  score(peer: PeerId | string): number {
    return this.#book.score(peer.toString())
  }

  isBanned(peer: PeerId | string): boolean {
    return this.#book.isBanned(peer.toString())
  }

  /** Every peer the book holds, lowest score first: what the API shows. */
  list(): Reputation[] {
    return this.#book
      .peers()
      .map((p) => this.#book.reputation(p) as Reputation)
      .sort((a, b) => a.score - b.score)
  }

  reputation(peer: PeerId | string): Reputation | undefined {
    return this.#book.reputation(peer.toString())
  }

  /** The rate limits and fault reports for the server of `protocolId`, if it is limited. */
  readonly guards = (protocolId: string): RequestGuard | undefined => this.#guards.get(protocolId)

  readonly report: PeerReporter = (peer, event, options) => {
    const id = peer.toString()
    const change = this.#book.report(id, event, options)
    this.#dirty.add(id)
    if (change.banned !== undefined) this.#enforce(change, options?.detail)
    else if (change.delta < 0)
      this.#log?.debug({ ...change, detail: options?.detail }, 'peer fault')
  }

  async flush(): Promise<void> {
    const peers = [...this.#dirty]
    this.#dirty.clear()
    await Promise.all(peers.map((p) => this.#write(p)))
  }

  #write(peer: string): Promise<boolean> {
    const record: PeerRecord | undefined = this.#book.toRecord(peer)
    return record === undefined ? this.#store.remove(peer) : this.#store.put(peer, record)
  }

  #enforce(change: ScoreChange, detail: string | undefined): void {
    const ban = change.banned
    if (ban === undefined) return
    this.#log?.warn(
      {
        peer: change.peer,
        reason: ban.reason,
        detail,
        until: new Date(ban.until).toISOString(),
        offences: ban.offences,
      },
      'peer banned; disconnecting',
    )
    // A ban is on disk at once: a node restarted a moment later still keeps the peer out.
    this.#dirty.delete(change.peer)
    void this.#write(change.peer)
    this.#libp2p?.hangUp(peerIdFromString(change.peer)).catch(() => undefined)
  }
}

/** What the node's parts need of the reputation: to report peers and guard their servers. */
export type ReputationHooks = Pick<PeerReputation, 'report' | 'guards'>
