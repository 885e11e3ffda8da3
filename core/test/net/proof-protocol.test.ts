// /weft/proof/1.0.0's codecs: requests and answers round-trip, and requests a node cannot serve
// (unknown kinds, wrong lengths, impossible proofs) are refused with a MessageFormatError.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MessageFormatError } from '../../src/net/consensus-message.ts'
import {
  decodeAccountProofAnswer,
  decodeProofRequest,
  decodeTxInclusionProofAnswer,
  encodeAccountProof,
  encodeProofRequest,
  encodeTxInclusionProof,
  PROOF_LIMITS,
  type ProofRequest,
} from '../../src/net/proof-protocol.ts'

// Plain objects, as the decoders build (fast-check's records have a null prototype).
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { noNullPrototype: true })
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
const request: fc.Arbitrary<ProofRequest> = fc.oneof(
  record({
    kind: fc.constant('account' as const),
    address: bytes(20),
    height: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  }),
  record({ kind: fc.constant('account' as const), address: bytes(20) }),
  record({ kind: fc.constant('tx' as const), txId: bytes(32) }),
)

function formatError(message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof MessageFormatError, String(err))
    assert.match(err.message, message)
    return true
  }
}

describe('proof protocol codecs', () => {
  it('round-trips requests within the request cap', () => {
    fc.assert(
      fc.property(request, (q) => {
        const encoded = encodeProofRequest(q)
        assert.ok(encoded.length <= PROOF_LIMITS.maxRequestBytes)
        assert.deepEqual(decodeProofRequest(encoded), q)
      }),
    )
  })

  it('reads height 0 as the head', () => {
    const address = new Uint8Array(20).fill(1)
    const q = decodeProofRequest(encodeProofRequest({ kind: 'account', address, height: 0 }))
    assert.deepEqual(q, { kind: 'account', address })
  })

  it('round-trips account and transaction proofs', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.uint8Array({ maxLength: 400 }),
        fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
        fc.uint8Array({ maxLength: 2000 }),
        (height, header, value, proof) => {
          const p = { height, header, value, proof }
          assert.deepEqual(decodeAccountProofAnswer(encodeAccountProof(p)), { status: 'OK', ...p })
        },
      ),
    )
    fc.assert(
      fc.property(
        fc.nat(),
        fc.uint8Array({ maxLength: 400 }),
        fc.uint8Array({ maxLength: 4096 }),
        fc.nat({ max: 10_000 }),
        fc.integer({ min: 0, max: 10 }),
        (height, header, tx, index, depth) => {
          const p = {
            height,
            header,
            tx,
            index,
            count: index + 1,
            path: new Uint8Array(depth * 32),
          }
          assert.deepEqual(decodeTxInclusionProofAnswer(encodeTxInclusionProof(p)), {
            status: 'OK',
            ...p,
          })
        },
      ),
    )
  })

  it('refuses bad requests with a message that says what is wrong', () => {
    assert.throws(
      () => decodeProofRequest(Uint8Array.of(9)),
      formatError(/unknown proof request kind 9/),
    )
    assert.throws(
      () => decodeProofRequest(new Uint8Array([1, ...new Uint8Array(20)])),
      formatError(/cut short/),
    )
    assert.throws(
      () => decodeProofRequest(new Uint8Array([2, ...new Uint8Array(33)])),
      formatError(/trailing/),
    )
    assert.throws(
      () => encodeProofRequest({ kind: 'account', address: new Uint8Array(19) }),
      formatError(/address must be 20 bytes/),
    )
    assert.throws(
      () => encodeProofRequest({ kind: 'account', address: new Uint8Array(20), height: -1 }),
      formatError(/height/),
    )
  })

  it('refuses a transaction proof whose index is not inside its block or whose path is ragged', () => {
    const base = { height: 3, header: Uint8Array.of(1), tx: Uint8Array.of(2) }
    assert.throws(
      () =>
        decodeTxInclusionProofAnswer(
          encodeTxInclusionProof({ ...base, index: 2, count: 2, path: new Uint8Array(32) }),
        ),
      formatError(/index 2 is not below count 2/),
    )
    assert.throws(
      () =>
        decodeTxInclusionProofAnswer(
          encodeTxInclusionProof({ ...base, index: 0, count: 2, path: new Uint8Array(31) }),
        ),
      formatError(/whole number of 32-byte hashes/),
    )
  })

  it('never throws anything but MessageFormatError on arbitrary requests or answers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        for (const decode of [
          decodeProofRequest,
          decodeAccountProofAnswer,
          decodeTxInclusionProofAnswer,
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
