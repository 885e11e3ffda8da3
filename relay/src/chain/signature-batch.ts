// Verifies the signatures of arriving transactions in batches: whatever arrives in one turn of the
// event loop (the messages of a gossip RPC, a burst of API posts) is verified by the core as one
// batch — about twice as fast per signature as one at a time — into the chain's signature memo,
// where the pool's admission then finds each one. Admission still makes every check; a signature
// the batch found bad is verified again there, alone, and refused with its reason.
import type { Chain } from './chain.ts'

/** Most transactions verified in one batch; a larger burst is cut into several. */
const MAX_BATCH = 512

export class SignatureBatch {
  readonly #chain: Chain
  #waiting: { tx: Uint8Array; done: () => void }[] = []
  #scheduled = false

  constructor(chain: Chain) {
    this.#chain = chain
  }

  /** Resolves once `tx`'s signature was checked with the others that arrived with it. */
  verify(tx: Uint8Array): Promise<void> {
    return new Promise((done) => {
      this.#waiting.push({ tx, done })
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
    if (batch.length === 0) return
    this.#waiting = []
    try {
      this.#chain.core.blocks.verifySignatures(
        this.#chain.signatures,
        batch.map((b) => b.tx),
      )
    } catch {
      // The core could not take the batch (memory): admission verifies each one alone.
    }
    for (const b of batch) b.done()
  }
}
