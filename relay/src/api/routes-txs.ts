// GET /v1/txs/{hash}: a transaction's status, the transaction, and its inclusion proof.
// POST /v1/txs: submit a signed transaction to the pool (and so to the network).
import type { AddRejectionCode } from '@weft/core'
import type { TxProof } from '@weft/wasm'
import { proveIncludedTx } from '../chain/proofs.ts'
import { ApiError, Reply, type Router } from './http.ts'
import type { NodeView } from './node-view.ts'
import { bodyObject, parseHex, parseTxHash } from './params.ts'
import { hex, txJson } from './tx-json.ts'
import { txStatus } from './tx-status.ts'

/**
 * The pool's refusals as HTTP: the caller's mistakes are 400, a clash with what the pool or the
 * chain already holds is 409, per-sender limits that clear as blocks come are 429, and a pool
 * too full of better bids (or a node that cannot check now) is 503: none of those is bad input.
 */
export const REJECTION_STATUS: Readonly<Record<AddRejectionCode, number>> = {
  MALFORMED: 400,
  INVALID: 400,
  FEE_TOO_LOW: 400,
  NONCE_TOO_FAR: 400,
  NONCE_TOO_LOW: 409,
  ALREADY_KNOWN: 409,
  REPLACEMENT_UNDERPRICED: 409,
  ACCOUNT_FULL: 429,
  QUEUE_FULL: 429,
  POOL_FULL: 503,
  INTERNAL: 503,
}

export interface TxProofJson {
  /** The block header's tx root the path leads to. */
  txRoot: string
  index: number
  count: number
  /** RFC 9162 audit path: sibling hashes from the leaf up. */
  path: string[]
}

export function txProofJson(proof: TxProof): TxProofJson {
  const path: string[] = []
  for (let at = 0; at < proof.path.length; at += 32)
    path.push(hex(proof.path.subarray(at, at + 32)))
  return { txRoot: hex(proof.txRoot), index: Number(proof.index), count: Number(proof.count), path }
}

export function txRoutes(router: Router, node: NodeView): void {
  router.get('/v1/txs/:hash', (req) => {
    const id = parseTxHash(req.params.hash as string)
    const status = txStatus(node, id)
    let tx = null
    let proof = null
    if (status.status === 'pending') {
      const pooled = node.mempool.get(id)
      if (pooled !== undefined) tx = txJson(node.core, pooled.bytes)
    } else if (status.status === 'final' && status.index !== undefined) {
      // The block may be pruned; the index still knows where the transaction landed.
      const included = proveIncludedTx(node.chain, {
        height: status.height as number,
        index: status.index,
      })
      if (!('missing' in included)) {
        tx = txJson(node.core, included.tx)
        proof = txProofJson(included.proof)
      }
    }
    return { ...status, tx, proof }
  })

  router.post('/v1/txs', async (req) => {
    const body = bodyObject(req.body, '{"tx": "<hex of the signed transaction>"}')
    const bytes = parseHex(body.tx, 'tx')
    const added = await node.submitTx(bytes)
    if (!added.ok) {
      const status = REJECTION_STATUS[added.code]
      throw new ApiError(status, added.code, added.message, {
        details: added.reason === undefined ? {} : { reason: added.reason },
        headers: status === 429 || status === 503 ? { 'retry-after': '1' } : {},
      })
    }
    return new Reply(202, {
      hash: added.id,
      status: 'pending',
      queued: added.queued,
      ...(added.replaced === undefined ? {} : { replaced: added.replaced }),
    })
  })
}
