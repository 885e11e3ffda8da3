// /weft/query/1.0.0's codecs: requests and answers round-trip; page limits and cursors outside
// what the protocol allows are refused with a MessageFormatError naming the field.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MessageFormatError } from '../../src/net/consensus-message.ts'
import {
  decodeAddressTxsAnswer,
  decodeBlockHeightAnswer,
  decodeQueryRequest,
  decodeTxLocationAnswer,
  encodeAddressTxs,
  encodeBlockHeight,
  encodeQueryRequest,
  encodeTxLocation,
  MAX_ADDRESS_TXS_PER_PAGE,
  QUERY_LIMITS,
  type QueryRequest,
} from '../../src/net/query-protocol.ts'

// Plain objects, as the decoders build (fast-check's records have a null prototype).
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { noNullPrototype: true })
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
const height = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
const request: fc.Arbitrary<QueryRequest> = fc.oneof(
  record({ kind: fc.constant('txLocation' as const), txId: bytes(32) }),
  record({ kind: fc.constant('blockHeight' as const), blockId: bytes(32) }),
  record({
    kind: fc.constant('addressTxs' as const),
    address: bytes(20),
    limit: fc.integer({ min: 1, max: MAX_ADDRESS_TXS_PER_PAGE }),
  }),
  record({
    kind: fc.constant('addressTxs' as const),
    address: bytes(20),
    limit: fc.integer({ min: 1, max: MAX_ADDRESS_TXS_PER_PAGE }),
    before: record({ height, index: fc.nat() }),
  }),
)
const location = record({
  height,
  index: fc.nat(),
  error: fc.option(fc.constantFrom('TxError.InsufficientBalance', 'TxError.BadNonce'), {
    nil: null,
  }),
})

function formatError(message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof MessageFormatError, String(err))
    assert.match(err.message, message)
    return true
  }
}

describe('query protocol codecs', () => {
  it('round-trips requests within the request cap', () => {
    fc.assert(
      fc.property(request, (q) => {
        const encoded = encodeQueryRequest(q)
        assert.ok(encoded.length <= QUERY_LIMITS.maxRequestBytes)
        assert.deepEqual(decodeQueryRequest(encoded), q)
      }),
    )
  })

  it('round-trips answers; a full page fits the response cap', () => {
    fc.assert(
      fc.property(location, (l) => {
        assert.deepEqual(decodeTxLocationAnswer(encodeTxLocation(l)), { status: 'OK', ...l })
      }),
    )
    fc.assert(
      fc.property(
        fc.array(
          record({
            txId: bytes(32),
            height,
            index: fc.nat(),
            error: location.map((l) => l.error),
          }),
          {
            maxLength: MAX_ADDRESS_TXS_PER_PAGE,
          },
        ),
        (txs) => {
          assert.deepEqual(decodeAddressTxsAnswer(encodeAddressTxs(txs)), {
            status: 'OK',
            txs: txs.map((t) => ({ ...t })),
          })
        },
      ),
    )
    const full = Array.from({ length: MAX_ADDRESS_TXS_PER_PAGE }, (_, i) => ({
      txId: new Uint8Array(32),
      height: i + 1,
      index: 0,
      error: 'x'.repeat(500),
    }))
    assert.ok(encodeAddressTxs(full).length <= QUERY_LIMITS.maxResponseBytes)
    assert.deepEqual(decodeBlockHeightAnswer(encodeBlockHeight(42)), { status: 'OK', height: 42 })
  })

  it('refuses pages too large or empty, and cursors at height 0 with an index', () => {
    const address = new Uint8Array(20)
    assert.throws(
      () =>
        encodeQueryRequest({ kind: 'addressTxs', address, limit: MAX_ADDRESS_TXS_PER_PAGE + 1 }),
      formatError(/limit must be 1 to 32/),
    )
    const encoded = encodeQueryRequest({ kind: 'addressTxs', address, limit: 1 })
    const zeroLimit = encoded.slice()
    zeroLimit[zeroLimit.length - 1] = 0
    assert.throws(() => decodeQueryRequest(zeroLimit), formatError(/limit must be 1 to 32, not 0/))
    const indexWithoutHeight = encoded.slice()
    indexWithoutHeight[1 + 20 + 8 + 7] = 1
    assert.throws(
      () => decodeQueryRequest(indexWithoutHeight),
      formatError(/before.index must be 0/),
    )
    assert.throws(() => decodeQueryRequest(Uint8Array.of(4)), formatError(/unknown query kind 4/))
  })

  it('refuses a page longer than the protocol allows', () => {
    const page = Uint8Array.of(0, MAX_ADDRESS_TXS_PER_PAGE + 1)
    assert.throws(() => decodeAddressTxsAnswer(page), formatError(/entry count is over its limit/))
  })

  it('never throws anything but MessageFormatError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        for (const decode of [
          decodeQueryRequest,
          decodeTxLocationAnswer,
          decodeAddressTxsAnswer,
          decodeBlockHeightAnswer,
        ]) {
          try {
            decode(data)
          } catch (err) {
            assert.ok(err instanceof MessageFormatError, String(err))
          }
        }
      }),
    )
  })
})
