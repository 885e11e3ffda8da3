// Transactions on the gossip topic (docs/network.md): those this node admitted from its API are
// gathered for a short window and published as one batch message; a batch from a peer is checked
// as one signature batch, each transaction offered to the pool, and judged as a whole, so
// gossipsub forwards it unchanged (never re-batched) only when it brought something worth having.
import {
  type AddResult,
  decodeTxBatch,
  encodeTxBatch,
  fitsTxBatch,
  MessageFormatError,
  txBatchEntryBytes,
} from '@weft/core'
import type { SignatureBatch } from '../chain/signature-batch.ts'
import { TX_GOSSIP_WINDOW_MS } from '../constants.ts'
import type { Verdict } from './gossip.ts'

export interface TxGossipInit {
  /** Milliseconds a local transaction waits for others to share its message. */
  windowMs?: number
}

export interface TxGossipComponents {
  signatures: Pick<SignatureBatch, 'verifyAll'>
  pool: { add(tx: Uint8Array): AddResult }
  /** Sends one message on the transactions topic; best effort. */
  publish(data: Uint8Array): Promise<void>
  /**
   * The core's stateless check (encoding, size, signature, fee fields): true when the bytes
   * could be valid in some state. Absent: every refusal the core names counts as the peer's.
   */
  statelessOk?(tx: Uint8Array): boolean
}

export class TxGossip {
  readonly #components: TxGossipComponents
  readonly #windowMs: number
  #pending: Uint8Array[] = []
  #pendingBytes = 0
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(components: TxGossipComponents, init: TxGossipInit = {}) {
    this.#components = components
    this.#windowMs = init.windowMs ?? TX_GOSSIP_WINDOW_MS
  }

  /** Queues a transaction the pool admitted from this node's API; it goes out with the window. */
  send(tx: Uint8Array): void {
    const entry = txBatchEntryBytes(tx)
    // Too large for any batch: the topic cannot carry it (only a chain whose max_tx_bytes
    // exceeds the batch cap makes one); it stays in this node's pool for its own proposals.
    if (!fitsTxBatch(1, entry)) return
    if (!fitsTxBatch(this.#pending.length + 1, this.#pendingBytes + entry)) this.flush()
    this.#pending.push(tx)
    this.#pendingBytes += entry
    this.#timer ??= setTimeout(() => this.flush(), this.#windowMs)
  }

  /** Publishes what is waiting now, as one message. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#pending.length === 0) return
    const data = encodeTxBatch(this.#pending)
    this.#pending = []
    this.#pendingBytes = 0
    this.#components.publish(data).catch(() => undefined)
  }

  /** Drops what has not been published; for a stopping node. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#pending = []
    this.#pendingBytes = 0
  }

  /**
   * Judges a peer's batch: reject if any transaction in it is malformed or invalid (the peer
   * should never have passed it on), accept if at least one was new to the pool, else ignore.
   * The valid transactions of a rejected batch are still admitted: they are not at fault.
   */
  async receive(data: Uint8Array): Promise<Verdict> {
    let txs: Uint8Array[]
    try {
      txs = decodeTxBatch(data)
    } catch (err) {
      if (err instanceof MessageFormatError) return 'reject'
      throw err
    }
    const signatures = await this.#components.signatures.verifyAll(txs)
    let admitted = false
    let punishable = false
    for (const [i, tx] of txs.entries()) {
      // A bad signature is bad forever, and the pool would queue a future nonce without
      // checking it: it is judged here, and never pooled.
      if (signatures?.[i] === false) {
        punishable = true
        continue
      }
      const added = this.#components.pool.add(tx)
      if (added.ok) admitted = true
      else if (this.#peersFault(tx, added.code)) punishable = true
    }
    if (punishable) return 'reject'
    return admitted ? 'accept' : 'ignore'
  }

  // Only bytes that can never be valid are the forwarding peer's fault. A refusal that depends on
  // state (a balance spent, a fee the base fee passed) can be a race between two honest heads,
  // and a peer must not be penalised — and, with reputation, banned — for forwarding it.
  #peersFault(tx: Uint8Array, code: string): boolean {
    if (code === 'MALFORMED') return true
    if (code !== 'INVALID') return false
    const statelessOk = this.#components.statelessOk
    return statelessOk === undefined || !statelessOk(tx)
  }
}
