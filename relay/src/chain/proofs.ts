// Proofs out of the chain store, for whoever serves them: the HTTP API's accounts and txs routes,
// its subscriptions, and /weft/proof/1.0.0. Account proofs come from the state tree under a
// height's root; transaction proofs from the stored block, while the node still keeps it.
import type { StateTree, TxProof, WeftCore } from '@weft/wasm'
import type { ChainStore, Head, TxLocation } from '../storage/chain-store.ts'
import { GC_KEEP_STATES } from './chain.ts'

/** What proofs read of a chain; a Chain (and the API's ChainReader) is one. */
export interface ProofSource {
  readonly core: WeftCore
  readonly head: Head
  readonly tree: StateTree
  readonly store: Pick<ChainStore, 'block' | 'header' | 'tx' | 'lowestBlock' | 'keepBlocks'>
}

/** A committed height's state: its root and the header that commits to it. */
export interface StateAt {
  height: number
  root: Uint8Array
  header: Uint8Array
}

export type Unavailable = { missing: 'NOT_FOUND' | 'PRUNED'; message: string }

export interface AccountStateProof {
  /** The account record's state key. */
  key: Uint8Array
  /** Its canonical record; undefined for an account nothing has touched (a proof of absence). */
  value: Uint8Array | undefined
  proof: Uint8Array
}

export interface IncludedTx {
  header: Uint8Array
  /** The transaction's canonical bytes. */
  tx: Uint8Array
  proof: TxProof
}

/**
 * The state after `height`'s block (the head when undefined or 0), while the node keeps it: every
 * height's on an archive node, the last GC_KEEP_STATES heights' on a pruned one (docs/storage.md).
 */
export function stateAt(chain: ProofSource, height?: number): StateAt | Unavailable {
  const head = chain.head
  const at = height === undefined || height === 0 ? head.height : height
  if (at === head.height && head.header !== undefined) {
    return { height: at, root: head.root, header: head.header }
  }
  if (at === 0) return { missing: 'NOT_FOUND', message: 'no block is committed yet' }
  if (at > head.height) {
    return {
      missing: 'NOT_FOUND',
      message: `height ${at} is above this node's head ${head.height}`,
    }
  }
  if (chain.store.keepBlocks !== undefined && at <= head.height - GC_KEEP_STATES) {
    return {
      missing: 'PRUNED',
      message: `the state of height ${at} is pruned: this node keeps the last ${GC_KEEP_STATES} heights' state; ask an archive node`,
    }
  }
  const header = at < chain.store.lowestBlock ? undefined : chain.store.header(at)
  if (header === undefined) return prunedBelow(chain, at)
  return { height: at, root: chain.core.views.decode('header', header).stateRoot, header }
}

/** The account record of a 20-byte address under `root`, and its proof (inclusion or absence). */
export function proveAccount(
  chain: Pick<ProofSource, 'core' | 'tree'>,
  address: Uint8Array,
  root: Uint8Array,
): AccountStateProof {
  const key = chain.core.blocks.accountKey(address)
  return { key, value: chain.tree.get(root, key), proof: chain.tree.prove(root, key) }
}

/**
 * Where a transaction landed, once it is in the node's chain. The store's write becomes visible a
 * moment before the head moves to it; until then the block is not the node's yet.
 */
export function includedTx(
  chain: { readonly head: Head; readonly store: Pick<ChainStore, 'tx'> },
  id: Uint8Array,
): TxLocation | undefined {
  const location = chain.store.tx(id)
  return location !== undefined && location.height <= chain.head.height ? location : undefined
}

/** The transaction at `location` with its inclusion proof, unless its block was pruned. */
export function proveIncludedTx(
  chain: ProofSource,
  location: Pick<TxLocation, 'height' | 'index'>,
): IncludedTx | Unavailable {
  const block = chain.store.block(location.height)
  const header = chain.store.header(location.height)
  if (block === undefined || header === undefined) return prunedBelow(chain, location.height)
  const tx = chain.core.views.decode('block', block).txs[location.index]
  if (tx === undefined) {
    throw new Error(`the tx index points past block ${location.height}'s transactions`)
  }
  return { header, tx, proof: chain.core.blocks.txProof(block, BigInt(location.index)) }
}

function prunedBelow(chain: ProofSource, height: number): Unavailable {
  return {
    missing: 'PRUNED',
    message: `height ${height} is pruned: this node keeps blocks from ${chain.store.lowestBlock}; ask an archive node`,
  }
}
