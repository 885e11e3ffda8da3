// Where a transaction stands, from the two places that know: the chain's transaction index
// (included — and final, since Weft's committed blocks are final) and the pool (pending,
// replaced, dropped). Neither knowing it is `unknown`, an answer rather than an error.
import type { TxStatus } from '@weft/core'
import { includedTx } from '../chain/proofs.ts'
import type { NodeView } from './node-view.ts'
import { hex } from './tx-json.ts'

export interface TxStatusJson {
  hash: string
  status: TxStatus
  /** Included: the block's height, the transaction's position in it, and the block's hash. */
  height?: number
  index?: number
  blockHash?: string
  /** Included: null when it applied, else the execution-tier reason (its fee was still paid). */
  error?: string | null
  /** Pending: waiting behind a nonce gap or for the base fee to fall. */
  queued?: boolean
  /** Dropped: Mempool.Evicted, Mempool.Expired or the core's TxError.*. */
  reason?: string
  /** Replaced: the hash of the transaction that took its nonce. */
  replacedBy?: string
}

export function txStatus(node: NodeView, id: Uint8Array): TxStatusJson {
  const hash = hex(id)
  // Until the node's head reaches the block, the pool still answers for its transactions.
  const location = includedTx(node.chain, id)
  if (location !== undefined) {
    const blockId = node.chain.store.blockId(location.height)
    return {
      hash,
      status: 'final',
      height: location.height,
      index: location.index,
      ...(blockId === undefined ? {} : { blockHash: hex(blockId) }),
      error: location.error,
    }
  }
  const report = node.mempool.status(id)
  switch (report.status) {
    case 'pending':
      return { hash, status: 'pending', queued: report.queued === true }
    case 'replaced':
      return {
        hash,
        status: 'replaced',
        ...(report.replacedBy === undefined ? {} : { replacedBy: report.replacedBy }),
      }
    case 'dropped':
      return {
        hash,
        status: 'dropped',
        ...(report.reason === undefined ? {} : { reason: report.reason }),
      }
    case 'included':
    case 'final':
      return {
        hash,
        status: report.status,
        ...(report.height === undefined ? {} : { height: Number(report.height) }),
      }
    case 'unknown':
      return { hash, status: 'unknown' }
  }
}
