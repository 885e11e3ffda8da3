// The node's view of the chain: the stored head, the state tree over the store's nodes, and the
// one path by which a block enters — validated and executed by the core, then committed to disk
// in one transaction. Consensus, sync and the API all go through here.
import { EventEmitter } from 'node:events'
import type {
  BlockOutcome,
  BuildRequest,
  BuiltBlock,
  StateTree,
  VerifiedSignatures,
  WeftCore,
} from '@weft/wasm'
import type { ChainStore, Head, SnapshotCommit } from '../storage/chain-store.ts'

export interface CommittedEvent {
  height: number
  blockId: Uint8Array
  block: Uint8Array
  outcome: BlockOutcome
  /** Seconds the core took to validate and execute the block (the metrics' histogram). */
  validationSeconds: number
  /** Seconds the block's LMDB transaction took to reach the disk. */
  commitSeconds: number
}

/** One pass of prune mode's state garbage collection. */
export interface CollectedEvent {
  height: number
  keepBlocks: number
  /** State nodes still reachable, and those deleted. */
  kept: number
  removed: number
  seconds: number
}

export interface ChainEvents {
  committed: [CommittedEvent]
  collected: [CollectedEvent]
}

/** Prune mode sweeps unreachable state every this many blocks (or every --prune, if fewer). */
const GC_EVERY_BLOCKS = 1000
/** The states kept besides the head's: the last 16 heights', where blocks are kept that far. */
export const GC_KEEP_STATES = 16

export class GenesisMismatchError extends Error {
  override readonly name = 'GenesisMismatchError'
}

/** What a proposer asks to build on the head; the chain fills in the rest. */
export type ProposalRequest = Omit<BuildRequest, 'chainId' | 'previousHeader' | 'signatures'>

// A block the core already validated (or built) on the current head, keyed by its bytes' object:
// committing that same block reuses the outcome rather than executing it a second time.
interface Checked {
  root: Uint8Array
  expectedProposer: string
  outcome: BlockOutcome
  /** How long the core took to produce it: the block's validation time, whenever it is used. */
  seconds: number
}

export class Chain extends EventEmitter<ChainEvents> {
  readonly core: WeftCore
  readonly store: ChainStore
  readonly tree: StateTree
  readonly chainId: string
  readonly genesis: Uint8Array
  readonly genesisHash: Uint8Array
  /**
   * The core's memo of the signatures it verified: the pool admits a transaction once, and
   * building and validating its block verify it no more.
   */
  readonly signatures: VerifiedSignatures
  #head: Head
  #checked = new WeakMap<Uint8Array, Checked>()

  private constructor(
    core: WeftCore,
    store: ChainStore,
    tree: StateTree,
    chainId: string,
    genesis: { genesis: Uint8Array; genesisHash: Uint8Array },
    head: Head,
  ) {
    super()
    this.core = core
    this.store = store
    this.tree = tree
    this.chainId = chainId
    this.genesis = genesis.genesis
    this.genesisHash = genesis.genesisHash
    this.signatures = core.openVerifiedSignatures(chainId)
    this.#head = head
  }

  /**
   * Opens the chain in `store`: a fresh store takes `genesis` (height 0 written at once); a used
   * one must hold the same genesis, or the node would silently join another chain.
   */
  static async open(
    core: WeftCore,
    store: ChainStore,
    genesis: Uint8Array,
    chainId: string,
  ): Promise<Chain> {
    const tree = core.openStateTree(store.nodeStore)
    const stored = store.genesis()
    if (stored === undefined) {
      const loaded = core.blocks.loadGenesis(tree, genesis)
      await store.commitGenesis({
        genesis,
        genesisHash: loaded.genesisHash,
        root: loaded.root,
        nodes: loaded.nodes,
      })
    } else if (!equalBytes(stored.genesis, genesis)) {
      tree.close()
      throw new GenesisMismatchError(
        'the data dir holds a different genesis than --genesis; use another --data-dir',
      )
    }
    const head = store.head()
    const known = store.genesis()
    if (head === undefined || known === undefined) throw new Error('the store has no head')
    return new Chain(core, store, tree, chainId, known, head)
  }

  get head(): Head {
    return this.#head
  }

  /**
   * Validates and executes `block` as the next height without committing it (a proposal).
   * Throws BlockRejectedError. Applying the same bytes on the same head then reuses the answer.
   */
  validate(block: Uint8Array, options: { expectedProposer?: Uint8Array } = {}): BlockOutcome {
    const head = this.#head
    const started = performance.now()
    const outcome = this.core.blocks.validate(this.tree, head.root, {
      chainId: this.chainId,
      ...(head.header === undefined ? {} : { previousHeader: head.header }),
      ...(options.expectedProposer === undefined
        ? {}
        : { expectedProposer: options.expectedProposer }),
      block,
      signatures: this.signatures,
    })
    this.#checked.set(block, {
      root: head.root,
      expectedProposer: hex(options.expectedProposer),
      outcome,
      seconds: (performance.now() - started) / 1000,
    })
    return outcome
  }

  /** Builds the proposer's next block on the head; applying it later reuses the outcome. */
  build(request: ProposalRequest): BuiltBlock {
    const head = this.#head
    const started = performance.now()
    const built = this.core.blocks.build(this.tree, head.root, {
      ...request,
      chainId: this.chainId,
      ...(head.header === undefined ? {} : { previousHeader: head.header }),
      signatures: this.signatures,
    })
    this.#checked.set(built.block, {
      root: head.root,
      expectedProposer: '',
      outcome: built.outcome,
      seconds: (performance.now() - started) / 1000,
    })
    return built
  }

  /** Validates `block` as the next height and commits it with everything it wrote. */
  async apply(
    block: Uint8Array,
    options: { commit?: Uint8Array; expectedProposer?: Uint8Array } = {},
  ): Promise<CommittedEvent> {
    const head = this.#head
    let checked = this.#checked.get(block)
    if (
      checked === undefined ||
      !equalBytes(checked.root, head.root) ||
      checked.expectedProposer !== hex(options.expectedProposer)
    ) {
      this.validate(block, options)
      checked = this.#checked.get(block) as Checked
    }
    const outcome = checked.outcome
    this.#checked = new WeakMap()
    const height = head.height + 1
    const touched = this.store.archive ? this.#touchedAccounts(block) : []
    const validated = performance.now()
    await this.store.commitBlock({
      height,
      blockId: outcome.blockId,
      block,
      header: outcome.header,
      root: outcome.root,
      nodes: outcome.nodes,
      ...(options.commit === undefined ? {} : { commit: options.commit }),
      txs: outcome.receipts.map((r, i) => ({
        id: r.txId,
        addresses: touched[i] ?? [],
        error: r.error,
      })),
    })
    this.#head = { height, blockId: outcome.blockId, root: outcome.root, header: outcome.header }
    const keep = this.store.keepBlocks
    if (keep !== undefined && height % Math.min(GC_EVERY_BLOCKS, keep) === 0) this.#collect(keep)
    const event = {
      height,
      blockId: outcome.blockId,
      block,
      outcome,
      validationSeconds: checked.seconds,
      commitSeconds: (performance.now() - validated) / 1000,
    }
    this.emit('committed', event)
    return event
  }

  /**
   * Moves a node at genesis to a state-synced base (its header verified by the light client,
   * every state node under its root stored): blocks then continue from `snapshot.height + 1`.
   */
  async adoptSnapshot(snapshot: SnapshotCommit): Promise<void> {
    await this.store.commitSnapshot(snapshot)
    this.#head = {
      height: snapshot.height,
      blockId: snapshot.blockId,
      root: snapshot.root,
      header: snapshot.header,
    }
  }

  // Prune mode keeps the current state and that of the last few heights (proofs and snapshots
  // are asked about recent heights); older states' nodes go.
  #collect(keepBlocks: number): void {
    const started = performance.now()
    const head = this.#head
    const roots = [head.root]
    const lowest = Math.max(this.store.lowestBlock, head.height - GC_KEEP_STATES + 1)
    for (let h = Math.max(1, lowest); h < head.height; h++) {
      const header = this.store.header(h)
      if (header !== undefined) roots.push(this.core.views.decode('header', header).stateRoot)
    }
    const swept = this.store.collectGarbage(roots)
    this.emit('collected', {
      height: head.height,
      keepBlocks,
      ...swept,
      seconds: (performance.now() - started) / 1000,
    })
  }

  // The explorer's address index: each transaction under its sender and, for a transfer, its
  // recipient. Receipts come in block order, so index i is the block's transaction i.
  #touchedAccounts(block: Uint8Array): Uint8Array[][] {
    return this.core.views.decode('block', block).txs.map((bytes) => {
      const { tx } = this.core.chain.decodeTransaction(bytes)
      const sender = this.core.chain.addressOf(tx.sender)
      return tx.to === undefined || equalBytes(tx.to, sender) ? [sender] : [sender, tx.to]
    })
  }

  close(): void {
    this.signatures.close()
    this.tree.close()
  }
}

function hex(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '' : Buffer.from(bytes).toString('hex')
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
