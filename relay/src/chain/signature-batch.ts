// Verifies the signatures of arriving transactions in batches: whatever arrives in one turn of the
// event loop (the messages of a gossip RPC, a burst of API posts) is verified by the core as one
// batch — about twice as fast per signature as one at a time — into the chain's signature memo,
// where the pool's admission then finds each one. Admission still makes every check; a signature
// the batch found bad is verified again there, alone, and refused with its reason.
import type { Chain } from './chain.ts'

/** Transactions that start a batch's verification at once rather than at the end of the turn. */
const MAX_BATCH = 512

/**
 * Each transaction's verdict, in order: false when the core found its signature bad or could not
 * decode it (neither ever changes); undefined when the core could not take the batch.
 */
export type SignatureVerdicts = readonly boolean[] | undefined

export class SignatureBatch {
  readonly #chain: Chain
  #waiting: Uint8Array[] = []
  #callers: { count: number; done: (verdicts: SignatureVerdicts) => void }[] = []
  #scheduled = false

  constructor(chain: Chain) {
    this.#chain = chain
  }

  /** Resolves once `tx`'s signature was checked with the others that arrived with it. */
  async verify(tx: Uint8Array): Promise<void> {
    await this.verifyAll([tx])
  }

  /** Resolves once every signature of `txs` (a gossiped batch) was checked, with the verdicts. */
  verifyAll(txs: readonly Uint8Array[]): Promise<SignatureVerdicts> {
    return new Promise((done) => {
      for (const tx of txs) this.#waiting.push(tx)
      this.#callers.push({ count: txs.length, done })
      if (this.#waiting.length >= MAX_BATCH) this.#flush()
      else if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => {
          this.#scheduled = false
          this.#flush()
        })
      }
    })
  }

  #flush(): void {
    const batch = this.#waiting
    const callers = this.#callers
    if (callers.length === 0) return
    this.#waiting = []
    this.#callers = []
    let verdicts: boolean[] | undefined
    try {
      verdicts =
        batch.length === 0
          ? []
          : this.#chain.core.blocks.verifySignatures(this.#chain.signatures, batch)
    } catch {
      // The core could not take the batch (memory): admission verifies each one alone.
    }
    let at = 0
    for (const c of callers) {
      c.done(verdicts?.slice(at, at + c.count))
      at += c.count
    }
  }
}
