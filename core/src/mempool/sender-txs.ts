// One sender's transactions in the pool, in nonce order: a pending prefix that runs from the
// account's next nonce without gaps, each admitted by the core, then the queued rest.
import { effectiveTipPerByte, minOf } from './fee-math.ts'

export interface PoolEntry {
  /** Lower-case hex of the transaction id. */
  readonly id: string
  readonly bytes: Uint8Array
  readonly sender: SenderTxs
  readonly nonce: bigint
  readonly maxFeePerByte: bigint
  readonly tipPerByte: bigint
  readonly size: number
  /** Host clock, milliseconds. */
  readonly addedAt: number
  /** Arrival order: the earlier of two equal bids goes first and is evicted last. */
  readonly seq: number
  queued: boolean
  /** min(tip, maxFee − base) at the next block's base fee; negative when it cannot pay the base. */
  effectiveTip: bigint
  /**
   * The least effective tip of this transaction and every earlier one of its sender: it can be
   * mined no sooner than they are, so it is worth no more than they are when space is short.
   */
  evictionRate: bigint
}

export class SenderTxs {
  /** Hex of the 20-byte address: the map key. */
  readonly key: string
  readonly address: Uint8Array
  /** The address as people read it (`weft1…`). */
  readonly label: string
  /** The account's next nonce at the head, as last read from the core. */
  nonce: bigint
  readonly txs: PoolEntry[] = []
  #pendingCount = 0

  constructor(key: string, address: Uint8Array, label: string, nonce: bigint) {
    this.key = key
    this.address = address
    this.label = label
    this.nonce = nonce
  }

  get pendingCount(): number {
    return this.#pendingCount
  }

  get queuedCount(): number {
    return this.txs.length - this.#pendingCount
  }

  /** The nonce a transaction needs to extend the pending prefix. */
  get pendingEnd(): bigint {
    return this.nonce + BigInt(this.#pendingCount)
  }

  /** Index of the transaction with `nonce`, or where one would go (`found` false). */
  find(nonce: bigint): { index: number; found: boolean } {
    let index = 0
    while (index < this.txs.length && (this.txs[index] as PoolEntry).nonce < nonce) index++
    return { index, found: this.txs[index]?.nonce === nonce }
  }

  /** The first `count` are pending, the rest queued. */
  setPendingCount(count: number): void {
    this.#pendingCount = count
    for (let i = 0; i < this.txs.length; i++) (this.txs[i] as PoolEntry).queued = i >= count
  }

  /** Removes the entry at `index`; whatever followed a removed pending one is no longer contiguous. */
  removeAt(index: number): void {
    this.txs.splice(index, 1)
    if (index < this.#pendingCount) this.setPendingCount(index)
  }

  refreshRates(baseFeePerByte: bigint): void {
    let running: bigint | undefined
    for (const e of this.txs) {
      e.effectiveTip = effectiveTipPerByte(e.maxFeePerByte, e.tipPerByte, baseFeePerByte)
      running = running === undefined ? e.effectiveTip : minOf(running, e.effectiveTip)
      e.evictionRate = running
    }
  }
}

/** What eviction compares: queued below pending, then by rate; among equals, the newest goes. */
export interface EvictionKey {
  queued: boolean
  rate: bigint
  seq: number
}

export function evictsBefore(a: EvictionKey, b: EvictionKey): boolean {
  if (a.queued !== b.queued) return a.queued
  if (a.rate !== b.rate) return a.rate < b.rate
  return a.seq > b.seq
}

/** Whether `victim` bids strictly less than `incoming` (arrival order does not count). */
export function bidsLess(victim: EvictionKey, incoming: EvictionKey): boolean {
  if (victim.queued !== incoming.queued) return victim.queued
  return victim.rate < incoming.rate
}
