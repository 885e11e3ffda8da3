// Duplicate-vote evidence waiting to be committed (docs/protocol/consensus.md §5,
// transactions.md §5): what this node found itself and what peers gossiped, each verified by
// the core against its height's validator set before it is kept, one piece per offence, until a
// block carries it or it ages out of the unbonding window. A proposer puts the pending pieces in
// its block; the block's rules (not this pool) decide whether each may still be committed.
import type { WeftCore } from '@weft/wasm'
import type { Chain } from '../chain/chain.ts'
import type { Verdict } from '../net/gossip.ts'

/** At most this many pieces in one block: evidence is rare, and a block's room is for payments. */
export const MAX_EVIDENCE_PER_BLOCK = 8
/** Pieces kept at once; past it, new offences are ignored until some are committed or expire. */
const MAX_PENDING = 256

interface Pending {
  bytes: Uint8Array
  height: number
}

export class EvidencePool {
  readonly #core: WeftCore
  readonly #chain: Chain
  readonly #window: number
  readonly #maxValidators: number
  /** Uncommitted evidence by offence (validator, height, round, vote type). */
  readonly #pending = new Map<string, Pending>()
  /** Offences committed within the window, by the height they happened at: never re-proposed. */
  readonly #committed = new Map<string, number>()
  /** The evidence hash of a block without evidence, once one was seen. */
  #noEvidenceHash: Uint8Array | undefined

  constructor(core: WeftCore, chain: Chain) {
    this.#core = core
    this.#chain = chain
    const params = core.views.decode('genesis', chain.genesis).params
    this.#window = Number(params.unbondingBlocks)
    this.#maxValidators = params.maxValidators
  }

  get size(): number {
    return this.#pending.size
  }

  /** Checks and keeps one piece; the verdict is what gossip should do with it. */
  add(bytes: Uint8Array): Verdict {
    let offence: { key: string; height: number }
    try {
      offence = this.#offence(bytes)
    } catch {
      return 'reject'
    }
    const head = this.#chain.head.height
    // Evidence for the height being decided now is committed from the next block on.
    if (offence.height > head + 1) return 'ignore'
    if (head + 1 - offence.height > this.#window) return 'ignore'
    if (this.#pending.has(offence.key) || this.#committed.has(offence.key)) return 'ignore'
    if (this.#pending.size >= MAX_PENDING) return 'ignore'
    const chain = this.#chain
    // The state holds each height's set for the unbonding window; the one being decided is next.
    const set = this.#core.blocks.validatorSet(chain.tree, chain.head.root, BigInt(offence.height))
    const check = this.#core.consensus.verifyEvidence(
      chain.chainId,
      set,
      bytes,
      this.#maxValidators,
    )
    if (!check.ok) return 'reject'
    this.#pending.set(offence.key, { bytes, height: offence.height })
    return 'accept'
  }

  /** Pieces for the next block, oldest offence first (it is the nearest to expiring). */
  forProposal(): Uint8Array[] {
    // A block carries evidence of heights below its own only.
    const head = this.#chain.head.height
    return [...this.#pending.values()]
      .filter((p) => p.height <= head)
      .sort((a, b) => a.height - b.height)
      .slice(0, MAX_EVIDENCE_PER_BLOCK)
      .map((p) => p.bytes)
  }

  /** The block rules refused this piece (already punished, out of the window): forget it. */
  drop(bytes: Uint8Array): void {
    try {
      this.#pending.delete(this.#offence(bytes).key)
    } catch {
      // Only pieces that decoded were ever kept.
    }
  }

  /**
   * A block was committed (`header` is its header's encoding): what it carried is done; what
   * aged out of the window goes.
   */
  onCommitted(height: number, block: Uint8Array, header: Uint8Array): void {
    // Decoding a whole block to find its (almost always absent) evidence costs as much as the
    // block has transactions; a header whose evidence hash is that of a block found to carry
    // none carries none either, and its block need not be read.
    const evidenceHash = this.#core.views.decode('header', header).evidenceHash
    if (
      this.#noEvidenceHash === undefined ||
      Buffer.compare(evidenceHash, this.#noEvidenceHash) !== 0
    ) {
      const carried = this.#core.views.decode('block', block).evidence
      if (carried.length === 0) this.#noEvidenceHash = evidenceHash
      for (const bytes of carried.map((e) => this.#core.views.encode('evidence', e))) {
        const offence = this.#offence(bytes)
        this.#pending.delete(offence.key)
        this.#committed.set(offence.key, offence.height)
      }
    }
    const oldest = height + 1 - this.#window
    for (const [key, p] of this.#pending) if (p.height < oldest) this.#pending.delete(key)
    for (const [key, h] of this.#committed) if (h < oldest) this.#committed.delete(key)
  }

  /**
   * Builds a block with the pending evidence. The block rules decide whether a piece may still
   * be committed (a restarted node forgets what was punished); when the build fails and evidence
   * was in it, each piece is tried alone, the refused ones are dropped from the pool, and the
   * block is built with the rest. `build(evidence, withTxs)` may leave out the transactions
   * when only the evidence is being tried.
   */
  buildWith<T>(build: (evidence: Uint8Array[], withTxs: boolean) => T): {
    built: T
    evidence: Uint8Array[]
  } {
    const evidence = this.forProposal()
    if (evidence.length === 0) return { built: build([], true), evidence }
    try {
      return { built: build(evidence, true), evidence }
    } catch {
      const committable = evidence.filter((piece) => {
        try {
          build([piece], false)
          return true
        } catch {
          this.drop(piece)
          return false
        }
      })
      return { built: build(committable, true), evidence: committable }
    }
  }

  #offence(bytes: Uint8Array): { key: string; height: number } {
    const { voteA } = this.#core.views.decode('evidence', bytes)
    const height = Number(voteA.height)
    return { key: `${voteA.validatorIndex}/${height}/${voteA.round}/${voteA.type}`, height }
  }
}
