// Blocks as the API shows them: the core's views of header, evidence and last commit, the
// transactions with their hashes and outcomes, and the height, hash and time up front. Blocks
// never change once committed, so summaries are cached by height for listings and pushes.
import { formatAddress } from '@weft/core'
import type { HeaderView } from '@weft/wasm'
import type { CommittedEvent } from '../chain/chain.ts'
import { ApiError } from './http.ts'
import type { NodeView } from './node-view.ts'
import type { BlockRef } from './params.ts'
import { hex, type TxJson, txJson } from './tx-json.ts'

export interface BlockSummary {
  height: number
  hash: string
  /** The header's time, milliseconds since the epoch. */
  time: number
  proposer: string
  txCount: number
  size: number
  header: HeaderView
}

export interface BlockJson extends Omit<BlockSummary, 'txCount'> {
  txCount: number
  txs: (TxJson & { index: number; error: string | null })[]
  evidence: unknown[]
  lastCommit: unknown
}

const SUMMARY_CACHE_BLOCKS = 256

export class BlockReader {
  readonly #node: NodeView
  readonly #summaries = new Map<number, BlockSummary>()

  constructor(node: NodeView) {
    this.#node = node
  }

  /** The height `ref` names, or the 404/410 saying why there is no block to show. */
  heightOf(ref: BlockRef): number {
    const { chain } = this.#node
    if ('hash' in ref) {
      const height = chain.store.heightOf(ref.hash)
      // A block being committed is in the store a moment before the head moves to it.
      if (height !== undefined && height <= chain.head.height) return this.#kept(height)
      if (equal(ref.hash, chain.genesisHash)) throw genesisIsNoBlock()
      throw new ApiError(404, 'NOT_FOUND', `no block ${hex(ref.hash)} here${this.#prunedNote()}`)
    }
    if (ref.height === 0) throw genesisIsNoBlock()
    const head = chain.head.height
    if (ref.height > head) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `no block at height ${ref.height} yet; the head is ${head}`,
      )
    }
    return this.#kept(ref.height)
  }

  /** The block's canonical bytes at a height heightOf answered. */
  bytes(height: number): Uint8Array {
    const bytes = this.#node.chain.store.block(height)
    if (bytes === undefined) throw this.#pruned(height)
    return bytes
  }

  summary(height: number): BlockSummary {
    const cached = this.#summaries.get(height)
    if (cached !== undefined) return cached
    const bytes = this.bytes(height)
    const view = this.#node.core.views.decode('block', bytes)
    return this.#cache(summarize(this.#node, height, bytes, view.header, view.txs.length))
  }

  /**
   * The summary of a block being committed, from what committing it produced: its header and
   * one receipt per transaction, without decoding the block.
   */
  committed(event: CommittedEvent): BlockSummary {
    const header = this.#node.core.views.decode('header', event.outcome.header)
    return this.#cache({
      height: event.height,
      hash: hex(event.blockId),
      time: Number(header.time),
      proposer: formatAddress(header.proposer),
      txCount: event.outcome.receipts.length,
      size: event.block.length,
      header,
    })
  }

  #cache(summary: BlockSummary): BlockSummary {
    this.#summaries.set(summary.height, summary)
    if (this.#summaries.size > SUMMARY_CACHE_BLOCKS) {
      const oldest = Math.min(...this.#summaries.keys())
      this.#summaries.delete(oldest)
    }
    return summary
  }

  full(height: number): BlockJson {
    const { core, chain } = this.#node
    const bytes = this.bytes(height)
    const view = core.views.decode('block', bytes)
    const txs = view.txs.map((tx, index) => {
      const json = txJson(core, tx)
      const location = chain.store.tx(Uint8Array.from(Buffer.from(json.hash, 'hex')))
      return { ...json, index, error: location?.error ?? null }
    })
    return {
      ...summarize(this.#node, height, bytes, view.header, txs.length),
      txs,
      evidence: view.evidence,
      lastCommit: view.lastCommit,
    }
  }

  #kept(height: number): number {
    if (height < this.#node.chain.store.lowestBlock) throw this.#pruned(height)
    return height
  }

  #pruned(height: number): ApiError {
    const lowest = this.#node.chain.store.lowestBlock
    const synced = this.#node.chain.store.stateSyncedAt()
    if (synced !== undefined && height <= synced.height) {
      return new ApiError(
        410,
        'PRUNED',
        `block ${height} is not here: this node started by state sync at height ${synced.height}; ask an archive node`,
        { details: { lowestBlock: lowest, stateSyncedAt: synced.height } },
      )
    }
    const keep =
      this.#node.history.mode === 'prune' ? ` (it keeps the last ${this.#node.history.blocks})` : ''
    return new ApiError(
      410,
      'PRUNED',
      `block ${height} is pruned: this node prunes blocks below ${lowest}${keep}; ask an archive node`,
      { details: { lowestBlock: lowest } },
    )
  }

  #prunedNote(): string {
    const lowest = this.#node.chain.store.lowestBlock
    return lowest > 1 ? ` (this node prunes blocks below ${lowest})` : ''
  }
}

function summarize(
  node: NodeView,
  height: number,
  bytes: Uint8Array,
  header: HeaderView,
  txCount: number,
): BlockSummary {
  const id = node.chain.store.blockId(height) ?? node.core.views.id('block', bytes)
  return {
    height,
    hash: hex(id),
    time: Number(header.time),
    proposer: formatAddress(header.proposer),
    txCount,
    size: bytes.length,
    header,
  }
}

function genesisIsNoBlock(): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    'height 0 is the genesis, not a block; its hash is genesisHash in /v1/status',
  )
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
