// Headers-first sync (docs/sync.md): the light blocks ahead of the node's head, each verified by
// the core against the one before it — its validator set is the one the previous header named
// next, and two thirds of that set signed its commit — before any block body is fetched. A
// block that arrives later is then checked against its verified header's id first: a peer
// sending a body that is not the chain's is caught without executing it, whichever peer sent it.
import type { LightBlockView, WeftCore } from '@weft/wasm'

export type HeaderCheck = { ok: true } | { ok: false; height: number; reason: string }

export class HeaderChain {
  readonly #core: WeftCore
  readonly #options: { trustingPeriodMs: number; maxValidators: number }
  /** Verified block ids (hex) by height, above the anchor. */
  readonly #ids = new Map<number, string>()
  #trusted: { height: number; block: Uint8Array } | undefined

  constructor(core: WeftCore, options: { trustingPeriodMs: number; maxValidators: number }) {
    this.#core = core
    this.#options = options
  }

  /** The highest height with a verified header; the anchor's when nothing is verified yet. */
  get verifiedTo(): number {
    return this.#trusted?.height ?? 0
  }

  /** Starts from a light block the node trusts: the one of its own committed head. */
  anchor(height: number, lightBlock: Uint8Array): void {
    this.#ids.clear()
    this.#trusted = { height, block: lightBlock }
  }

  get anchored(): boolean {
    return this.#trusted !== undefined
  }

  /**
   * Verifies light blocks of heights verifiedTo + 1, + 2, … in order and keeps their ids. The
   * first one refused stops the run; those before it stay verified.
   */
  extend(lightBlocks: readonly Uint8Array[]): HeaderCheck {
    for (const block of lightBlocks) {
      const trusted = this.#trusted
      if (trusted === undefined) throw new Error('the header chain has no anchor')
      const height = trusted.height + 1
      let view: LightBlockView
      try {
        view = this.#core.views.decode('lightBlock', block) as typeof view
      } catch (err) {
        return { ok: false, height, reason: (err as Error).message }
      }
      if (view.header.height !== BigInt(height)) {
        return { ok: false, height, reason: `a light block for ${view.header.height} came instead` }
      }
      // A full node follows every set change from its own head, so the trusting period (which
      // guards a light client's skips across long gaps) is measured at the new header's time.
      const check = this.#core.verifyLightBlock(
        { block: trusted.block },
        block,
        this.#options,
        Number(view.header.time),
      )
      if (!check.ok) return { ok: false, height, reason: check.reason }
      const header = this.#core.views.encode('header', view.header)
      this.#ids.set(height, Buffer.from(this.#core.views.id('header', header)).toString('hex'))
      this.#trusted = { height, block }
    }
    return { ok: true }
  }

  /** The verified id of `height`'s block, if its header was verified here. */
  blockIdAt(height: number): string | undefined {
    return this.#ids.get(height)
  }

  /** Heights at or below `height` are committed: their ids are no longer needed. */
  forgetThrough(height: number): void {
    for (const h of this.#ids.keys()) if (h <= height) this.#ids.delete(h)
  }
}
