// /weft/faucet/1.0.0's codecs: the request is exactly an address, the answer a payment or a
// refusal that a client can tell apart (rate limited with a retry time, unavailable).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { encodeRefusal } from '../../src/net/answer-frame.ts'
import { MessageFormatError } from '../../src/net/consensus-message.ts'
import {
  decodeFaucetAnswer,
  decodeFaucetRequest,
  encodeFaucetPaid,
  encodeFaucetRequest,
  FAUCET_LIMITS,
} from '../../src/net/faucet-protocol.ts'

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })

describe('faucet protocol codecs', () => {
  it('round-trips requests and payments', () => {
    fc.assert(
      fc.property(
        bytes(20),
        bytes(32),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        bytes(20),
        (address, txId, amount, from) => {
          assert.deepEqual(decodeFaucetRequest(encodeFaucetRequest({ address })), { address })
          const answer = encodeFaucetPaid({ txId, amount, from })
          assert.ok(answer.length <= FAUCET_LIMITS.maxResponseBytes)
          assert.deepEqual(decodeFaucetAnswer(answer), { status: 'OK', txId, amount, from })
        },
      ),
    )
  })

  it('tells a rate limit and its retry time from a payment', () => {
    const answer = decodeFaucetAnswer(
      encodeRefusal({
        status: 'RATE_LIMITED',
        message: 'this address was paid recently',
        retryAfterMs: 59_000,
      }),
    )
    assert.deepEqual(answer, {
      status: 'RATE_LIMITED',
      message: 'this address was paid recently',
      retryAfterMs: 59_000,
    })
  })

  it('refuses a request that is not exactly a 20-byte address', () => {
    for (const length of [0, 19, 21, 32]) {
      assert.throws(() => decodeFaucetRequest(new Uint8Array(length)), MessageFormatError)
    }
    assert.throws(
      () => encodeFaucetRequest({ address: new Uint8Array(32) }),
      /address must be 20 bytes/,
    )
  })
})
