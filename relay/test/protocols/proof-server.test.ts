// /weft/proof/1.0.0's refusals that a live archive node never gives: heights and blocks a pruning
// node dropped are PRUNED (with where its history starts), a chain with no block yet and a
// transaction indexed a moment before the head reached it are NOT_FOUND.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  decodeAccountProofAnswer,
  decodeTxInclusionProofAnswer,
  encodeProofRequest,
} from '@weft/core'
import { loadCore } from '@weft/wasm'
import type { ProofSource } from '../../src/chain/proofs.ts'
import { answerProofRequest } from '../../src/protocols/proof-server.ts'

const core = await loadCore()
const address = new Uint8Array(20).fill(3)

/** A pruning node at height 10 that keeps blocks from 6; one transaction at 3, one at 11. */
function prunedChain(height = 10): ProofSource {
  return {
    core,
    head:
      height === 0
        ? { height, blockId: new Uint8Array(32), root: new Uint8Array(32) }
        : {
            height,
            blockId: new Uint8Array(32),
            root: new Uint8Array(32),
            header: Uint8Array.of(1),
          },
    tree: {} as ProofSource['tree'],
    store: {
      block: () => undefined,
      header: () => undefined,
      tx: (id) => ({ height: id[0] === 1 ? 3 : 11, index: 0, error: null }),
      lowestBlock: 6,
      keepBlocks: 100,
    },
  }
}

describe('proof answers from a pruning node', () => {
  it('answers PRUNED for an account at a height below the blocks it keeps', () => {
    const answer = decodeAccountProofAnswer(
      answerProofRequest(
        prunedChain(),
        encodeProofRequest({ kind: 'account', address, height: 3 }),
      ),
    )
    assert.equal(answer.status, 'PRUNED')
    assert.ok(answer.status === 'PRUNED')
    assert.match(answer.message, /height 3 is pruned: this node keeps blocks from 6/)
  })

  it('answers PRUNED for a transaction whose block it dropped', () => {
    const txId = new Uint8Array(32).fill(1)
    const answer = decodeTxInclusionProofAnswer(
      answerProofRequest(prunedChain(), encodeProofRequest({ kind: 'tx', txId })),
    )
    assert.equal(answer.status, 'PRUNED')
  })

  it('answers NOT_FOUND for a transaction whose block is not yet its head', () => {
    const txId = new Uint8Array(32).fill(2)
    const answer = decodeTxInclusionProofAnswer(
      answerProofRequest(prunedChain(), encodeProofRequest({ kind: 'tx', txId })),
    )
    assert.equal(answer.status, 'NOT_FOUND')
  })

  it('answers NOT_FOUND for an account before any block is committed', () => {
    const answer = decodeAccountProofAnswer(
      answerProofRequest(prunedChain(0), encodeProofRequest({ kind: 'account', address })),
    )
    assert.equal(answer.status, 'NOT_FOUND')
    assert.ok(answer.status === 'NOT_FOUND')
    assert.match(answer.message, /no block is committed yet/)
  })
})
