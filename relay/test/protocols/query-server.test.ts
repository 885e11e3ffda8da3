// /weft/query/1.0.0 on a node that prunes: it keeps no address index, so every query is answered
// NOT_SERVED (a client moves on to an archive node), while a malformed one is still BAD_REQUEST.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  decodeAddressTxsAnswer,
  decodeBlockHeightAnswer,
  decodeTxLocationAnswer,
  encodeQueryRequest,
} from '@weft/core'
import { loadCore } from '@weft/wasm'
import { answerQueryRequest, type QuerySource } from '../../src/protocols/query-server.ts'

const core = await loadCore()
const unused = () => {
  throw new Error('a pruning node must not read its indexes for a query')
}
const pruning: QuerySource = {
  core,
  head: { height: 10, blockId: new Uint8Array(32), root: new Uint8Array(32) },
  store: { archive: false, tx: unused, addressTxs: unused, block: unused, heightOf: unused },
}

describe('query answers from a pruning node', () => {
  it('answers NOT_SERVED to every kind of query, pointing at archive nodes', () => {
    const answers = [
      decodeTxLocationAnswer(
        answerQueryRequest(
          pruning,
          encodeQueryRequest({ kind: 'txLocation', txId: new Uint8Array(32) }),
        ),
      ),
      decodeAddressTxsAnswer(
        answerQueryRequest(
          pruning,
          encodeQueryRequest({ kind: 'addressTxs', address: new Uint8Array(20), limit: 5 }),
        ),
      ),
      decodeBlockHeightAnswer(
        answerQueryRequest(
          pruning,
          encodeQueryRequest({ kind: 'blockHeight', blockId: new Uint8Array(32) }),
        ),
      ),
    ]
    for (const answer of answers) {
      assert.equal(answer.status, 'NOT_SERVED')
      assert.ok(answer.status === 'NOT_SERVED')
      assert.match(answer.message, /ask an archive node/)
    }
  })

  it('answers BAD_REQUEST to a malformed query', () => {
    const answer = decodeTxLocationAnswer(answerQueryRequest(pruning, Uint8Array.of(1, 2)))
    assert.equal(answer.status, 'BAD_REQUEST')
  })
})
