// The finalized-headers topic (docs/network.md): each decided height as a light block (header,
// commit, validator set), what a light client follows without downloading blocks. Validators
// publish the heights they decide; every node checks a light block before gossipsub forwards
// it — its commit verified against the set this node holds for that height — and forwards each
// height once, so the topic carries about one message per height whoever publishes.
import type { Chain } from '../chain/chain.ts'
import { storedLightBlock } from '../chain/light-blocks.ts'
import type { Logger } from '../log.ts'
import type { Gossip, Verdict } from './gossip.ts'

/** Heights remembered as already forwarded; older ones are ignored anyway (below the window). */
const REMEMBERED_HEIGHTS = 64

export class HeaderGossip {
  readonly #chain: Chain
  readonly #gossip: Gossip
  readonly #log: Logger
  readonly #forwarded = new Set<number>()

  constructor(chain: Chain, gossip: Gossip, log: Logger) {
    this.#chain = chain
    this.#gossip = gossip
    this.#log = log
  }

  /** Judges incoming light blocks; when `publishes`, sends those of heights decided here. */
  start(publishes: () => boolean): void {
    this.#gossip.on('headers', (data) => this.judge(data))
    this.#chain.on('committed', ({ height }) => {
      if (!publishes()) return
      const lightBlock = storedLightBlock(this.#chain, height)
      if (lightBlock === undefined) return
      this.#remember(height)
      this.#gossip.publish('headers', lightBlock).catch(() => undefined)
    })
  }

  /** What gossipsub does with one light block: forward it, drop it, or penalise its sender. */
  judge(data: Uint8Array): Verdict {
    const { core, chainId } = this.#chain
    let view: ReturnType<typeof core.views.decode<'lightBlock'>>
    try {
      view = core.views.decode('lightBlock', data)
    } catch {
      return 'reject'
    }
    const height = Number(view.header.height)
    const head = this.#chain.head
    // Ahead of the next height this node cannot check it; far behind, no one needs it.
    if (height > head.height + 1 || height + REMEMBERED_HEIGHTS <= head.height) return 'ignore'
    if (this.#forwarded.has(height)) return 'ignore'
    const header = core.views.encode('header', view.header)
    const blockId = core.views.id('header', header)
    if (height <= head.height) {
      const ours = this.#chain.store.blockId(height)
      if (ours !== undefined && Buffer.compare(ours, blockId) !== 0) {
        this.#log.warn({ height }, 'a gossiped header differs from the committed one; refused')
        return 'reject'
      }
    }
    let validators: Uint8Array
    try {
      validators = core.blocks.validatorSet(this.#chain.tree, head.root, BigInt(height))
    } catch {
      return 'ignore' // this node cannot tell (its state does not reach that height's set)
    }
    const set = core.views.encode('validatorSet', view.validators)
    if (Buffer.compare(set, validators) !== 0) return 'reject'
    const check = core.consensus.verifyCommit({
      chainId,
      validators,
      commit: core.views.encode('commit', view.commit),
      height: BigInt(height),
      block: blockId,
    })
    if (!check.ok) return 'reject'
    this.#remember(height)
    return 'accept'
  }

  #remember(height: number): void {
    this.#forwarded.add(height)
    for (const h of this.#forwarded) if (h + REMEMBERED_HEIGHTS <= height) this.#forwarded.delete(h)
  }
}
