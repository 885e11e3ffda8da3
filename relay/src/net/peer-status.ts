// The status handshake (docs/network.md): every new peer that speaks it is asked for its genesis
// hash and height. A peer on another chain is disconnected at once — before any of its blocks or
// votes are read — and the heights of the others tell block sync how far behind this node is.
import { EventEmitter } from 'node:events'
import type { IdentifyResult, Libp2p, PeerId } from '@libp2p/interface'
import {
  decodeStatus,
  encodeStatus,
  MessageFormatError,
  ProtocolError,
  STATUS_LIMITS,
  STATUS_PROTOCOL,
  sendRequest,
  serveRequests,
} from '@weft/core'
import type { Chain } from '../chain/chain.ts'
import type { Logger } from '../log.ts'
import { faultOf } from './peer-faults.ts'
import type { ReputationHooks } from './peer-reputation.ts'

const REFRESH_INTERVAL_MS = 1000

export interface PeerStatusEvents {
  height: [{ peer: PeerId; height: number }]
}

export class PeerStatus extends EventEmitter<PeerStatusEvents> {
  readonly #node: Libp2p
  readonly #chain: Chain
  readonly #log: Logger
  readonly #reputation: ReputationHooks | undefined
  readonly #heights = new Map<string, { peer: PeerId; height: number }>()
  readonly #asked = new Map<string, number>()
  readonly #onIdentify = (evt: CustomEvent<IdentifyResult>) => {
    if (evt.detail.protocols.includes(STATUS_PROTOCOL)) void this.refresh(evt.detail.peerId)
  }
  readonly #onDisconnect = (evt: CustomEvent<PeerId>) => {
    this.#heights.delete(evt.detail.toString())
    this.#asked.delete(evt.detail.toString())
  }

  constructor(node: Libp2p, chain: Chain, log: Logger, reputation?: ReputationHooks) {
    super()
    this.#node = node
    this.#chain = chain
    this.#log = log
    this.#reputation = reputation
  }

  async start(): Promise<void> {
    await this.#node.handle(
      STATUS_PROTOCOL,
      serveRequests(
        STATUS_LIMITS,
        (request, connection) => {
          let theirs: ReturnType<typeof decodeStatus>
          try {
            theirs = decodeStatus(request)
          } catch (err) {
            if (err instanceof MessageFormatError) return undefined
            throw err
          }
          this.#record(connection.remotePeer, theirs.genesisHash, theirs.height)
          return encodeStatus(this.#ours())
        },
        this.#reputation?.guards(STATUS_PROTOCOL),
      ),
      { maxInboundStreams: 4 },
    )
    this.#node.addEventListener('peer:identify', this.#onIdentify)
    this.#node.addEventListener('peer:disconnect', this.#onDisconnect)
  }

  async stop(): Promise<void> {
    this.#node.removeEventListener('peer:identify', this.#onIdentify)
    this.#node.removeEventListener('peer:disconnect', this.#onDisconnect)
    await this.#node.unhandle(STATUS_PROTOCOL)
  }

  /** Asks `peer` for its status; false if it is on another chain (and now disconnected). */
  async refresh(peer: PeerId): Promise<boolean> {
    try {
      const answer = decodeStatus(
        await sendRequest(
          this.#node,
          peer,
          STATUS_PROTOCOL,
          encodeStatus(this.#ours()),
          STATUS_LIMITS,
        ),
      )
      const onChain = this.#record(peer, answer.genesisHash, answer.height)
      if (onChain) this.#reputation?.report(peer, 'valid-response', { detail: 'status' })
      return onChain
    } catch (err) {
      if (err instanceof ProtocolError || err instanceof MessageFormatError) {
        this.#reputation?.report(peer, faultOf(err) ?? 'refused', { detail: 'status' })
        this.#log.debug({ peer: peer.toString(), err: err.message }, 'status exchange failed')
        return false
      }
      throw err
    }
  }

  /**
   * Asks `peer` again unless it was asked within the last second: for when its messages show it
   * is ahead of what it last reported.
   */
  refreshSoon(peer: PeerId): void {
    const key = peer.toString()
    const now = Date.now()
    if ((this.#asked.get(key) ?? 0) > now - REFRESH_INTERVAL_MS) return
    this.#asked.set(key, now)
    void this.refresh(peer)
  }

  /** Peers on this chain and the heights they last reported. */
  peers(): { peer: PeerId; height: number }[] {
    return [...this.#heights.values()]
  }

  bestHeight(): number {
    let best = 0
    for (const { height } of this.#heights.values()) best = Math.max(best, height)
    return best
  }

  #ours() {
    return { genesisHash: this.#chain.genesisHash, height: this.#chain.head.height }
  }

  #record(peer: PeerId, genesisHash: Uint8Array, height: number): boolean {
    if (Buffer.compare(genesisHash, this.#chain.genesisHash) !== 0) {
      this.#heights.delete(peer.toString())
      this.#log.warn(
        { peer: peer.toString(), theirGenesis: Buffer.from(genesisHash).toString('hex') },
        'peer is on another chain; disconnecting',
      )
      this.#reputation?.report(peer, 'wrong-chain', {
        detail: Buffer.from(genesisHash).toString('hex'),
      })
      void this.#node.hangUp(peer).catch(() => undefined)
      return false
    }
    this.#heights.set(peer.toString(), { peer, height })
    this.emit('height', { peer, height })
    return true
  }
}
