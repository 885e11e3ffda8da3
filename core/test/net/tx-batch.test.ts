// The transactions topic's batch message: what a node sends round-trips unchanged, stays under the
// topic's limit, and anything else a peer could send is one MessageFormatError, never a crash.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MessageFormatError } from '../../src/net/consensus-message.ts'
import { TOPIC_MAX_BYTES } from '../../src/net/topics.ts'
import {
  decodeTxBatch,
  encodeTxBatch,
  fitsTxBatch,
  MAX_TX_BATCH_BYTES,
  MAX_TX_BATCH_TXS,
  TX_BATCH_VERSION,
  txBatchEntryBytes,
} from '../../src/net/tx-batch.ts'

const tx = fc.uint8Array({ minLength: 1, maxLength: 300 })

function formatError(message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof MessageFormatError, String(err))
    assert.match(err.message, message)
    return true
  }
}

describe('transaction batch codec', () => {
  it('round-trips any batch of transactions, in order', () => {
    fc.assert(
      fc.property(fc.array(tx, { minLength: 1, maxLength: 64 }), (txs) => {
        assert.deepEqual(decodeTxBatch(encodeTxBatch(txs)), txs)
      }),
    )
  })

  it('fills a batch to exactly its caps, which the topic carries', () => {
    const most = Array.from({ length: MAX_TX_BATCH_TXS }, () => new Uint8Array(200))
    assert.equal(decodeTxBatch(encodeTxBatch(most)).length, MAX_TX_BATCH_TXS)
    assert.throws(() => encodeTxBatch([...most, new Uint8Array(1)]), formatError(/over the limits/))
    // One transaction whose entry fills the byte cap to the last byte.
    const header = 1 + 2
    const lengthBytes = 3
    const largest = new Uint8Array(MAX_TX_BATCH_BYTES - header - lengthBytes)
    assert.equal(txBatchEntryBytes(largest), largest.length + lengthBytes)
    assert.ok(fitsTxBatch(1, txBatchEntryBytes(largest)))
    assert.ok(!fitsTxBatch(1, txBatchEntryBytes(largest) + 1))
    const encoded = encodeTxBatch([largest])
    assert.ok(encoded.length <= TOPIC_MAX_BYTES.txs)
    assert.deepEqual(decodeTxBatch(encoded), [largest])
  })

  it('refuses to encode an empty batch or an empty transaction', () => {
    assert.throws(() => encodeTxBatch([]), formatError(/at least one/))
    assert.throws(() => encodeTxBatch([new Uint8Array(0)]), formatError(/empty transaction/))
  })

  it('refuses what a node never sends, saying what is wrong', () => {
    const one = encodeTxBatch([Uint8Array.of(7, 7, 7)])
    assert.deepEqual([...one], [TX_BATCH_VERSION, 1, 3, 7, 7, 7])
    const cases: [number[], RegExp][] = [
      [[], /cut short/],
      [[2, 1, 1, 7], /unknown transaction batch version 2/],
      [[TX_BATCH_VERSION, 0], /no transaction/],
      [[TX_BATCH_VERSION, 0x81, 0x00, 1, 7], /non-minimal varint/],
      [[TX_BATCH_VERSION, 0x81, 0x10], /count is over its limit/],
      [[TX_BATCH_VERSION, 1, 0], /transaction 0 is empty/],
      [[TX_BATCH_VERSION, 1, 0x83, 0x00, 7, 7, 7], /non-minimal varint/],
      [[TX_BATCH_VERSION, 1, 4, 7, 7, 7], /cut short/],
      [[TX_BATCH_VERSION, 2, 3, 7, 7, 7], /cut short/],
      [[...one, 0], /trailing bytes/],
    ]
    for (const [bytes, message] of cases) {
      assert.throws(() => decodeTxBatch(Uint8Array.from(bytes)), formatError(message))
    }
    assert.throws(
      () => decodeTxBatch(new Uint8Array(MAX_TX_BATCH_BYTES + 1)),
      formatError(/over 262144 bytes/),
    )
  })

  it('never throws anything but MessageFormatError on arbitrary bytes', () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      // Bytes that start like a batch, so the decoder gets past the version byte.
      fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([TX_BATCH_VERSION, ...b])),
      // A valid batch with some of its bytes changed or cut.
      fc
        .tuple(fc.array(tx, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat({ max: 255 }))
        .map(([txs, at, value]) => {
          const bytes = encodeTxBatch(txs)
          bytes[at % bytes.length] = value
          return bytes.subarray(0, bytes.length - (at % 3))
        }),
    )
    fc.assert(
      fc.property(garbage, (data) => {
        let txs: Uint8Array[]
        try {
          txs = decodeTxBatch(data)
        } catch (err) {
          assert.ok(err instanceof MessageFormatError, String(err))
          return
        }
        // Whatever decodes is a batch a node could have sent: re-encoding gives the same bytes.
        assert.deepEqual(encodeTxBatch(txs), data)
      }),
    )
  })
})
