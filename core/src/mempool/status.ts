// A transaction's status as the node reports it, and the bounded memory of settled ones.

/**
 * `unknown`: never admitted here, or settled so long ago it was forgotten. `pending`: in the
 * pool (possibly queued). `included`: in a committed block not yet final; `final`: in a final
 * block. `replaced`: another transaction took its sender and nonce. `dropped`: removed without
 * being included, with a reason.
 */
export type TxStatus = 'unknown' | 'pending' | 'included' | 'final' | 'replaced' | 'dropped'

export const TX_STATUSES: readonly TxStatus[] = [
  'unknown',
  'pending',
  'included',
  'final',
  'replaced',
  'dropped',
]

export interface TxStatusReport {
  /** Lower-case hex of the transaction id. */
  id: string
  status: TxStatus
  /** Pending only: waiting behind a nonce gap or for the base fee to fall. */
  queued?: boolean
  /** Dropped: why (`Mempool.Evicted`, `Mempool.Expired`, or the core's `TxError.*`). */
  reason?: string
  /** Included or final: the block's height. */
  height?: bigint
  /** Replaced: the id of the transaction that replaced it. */
  replacedBy?: string
  /** When it settled (the host clock's milliseconds). */
  at?: number
}

/** How a transaction left the pool. */
export type SettledStatus = 'included' | 'replaced' | 'dropped'

export interface SettledRecord {
  status: SettledStatus
  reason?: string
  height?: bigint
  replacedBy?: string
  at: number
}

/** The last `capacity` settled transactions, oldest forgotten first. */
export class StatusHistory {
  readonly #capacity: number
  readonly #records = new Map<string, SettledRecord>()

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get size(): number {
    return this.#records.size
  }

  get(id: string): SettledRecord | undefined {
    return this.#records.get(id)
  }

  set(id: string, record: SettledRecord): void {
    this.#records.delete(id)
    this.#records.set(id, record)
    while (this.#records.size > this.#capacity) {
      const oldest = this.#records.keys().next()
      if (oldest.done === true) break
      this.#records.delete(oldest.value)
    }
  }
}
