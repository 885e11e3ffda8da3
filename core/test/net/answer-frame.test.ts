// The answer frame shared by proof, query and faucet: refusals round-trip with their reason,
// long messages are cut to the cap on whole characters, and every other byte string is refused
// with a MessageFormatError rather than read as something it is not.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FrameReader } from '@weft/wasm'
import fc from 'fast-check'
import {
  ANSWER_STATUS,
  decodeAnswer,
  encodeOk,
  encodeRefusal,
  MAX_REFUSAL_MESSAGE_BYTES,
  type RefusalStatus,
  readVarint,
} from '../../src/net/answer-frame.ts'
import { MessageFormatError } from '../../src/net/consensus-message.ts'

const REFUSALS = Object.keys(ANSWER_STATUS).filter((s) => s !== 'OK') as RefusalStatus[]
const readU8 = (r: FrameReader) => ({ value: r.u8() })

describe('answer frame', () => {
  it('round-trips every refusal with its message and, when rate limited, its retry time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFUSALS),
        fc.string({ maxLength: 60 }),
        fc.nat({ max: 3_600_000 }),
        (status, message, retryAfterMs) => {
          const answer = decodeAnswer(encodeRefusal({ status, message, retryAfterMs }), readU8)
          assert.deepEqual(
            answer,
            status === 'RATE_LIMITED' ? { status, message, retryAfterMs } : { status, message },
          )
        },
      ),
    )
  })

  it('reads an OK answer through the protocol reader', () => {
    assert.deepEqual(
      decodeAnswer(
        encodeOk((w) => w.u8(7)),
        readU8,
      ),
      { status: 'OK', value: 7 },
    )
  })

  it('cuts a long message to the cap without splitting a character', () => {
    const answer = decodeAnswer(
      encodeRefusal({ status: 'NOT_FOUND', message: 'é'.repeat(500) }),
      readU8,
    )
    assert.equal(answer.status, 'NOT_FOUND')
    assert.ok('message' in answer)
    assert.ok(new TextEncoder().encode(answer.message).length <= MAX_REFUSAL_MESSAGE_BYTES)
    assert.match(answer.message, /^é+…$/)
  })

  it('refuses unknown statuses, trailing bytes, cut frames and bad UTF-8 by name', () => {
    const cases: [Uint8Array, RegExp][] = [
      [Uint8Array.of(99), /unknown answer status 99/],
      [Uint8Array.of(0, 7, 7), /trailing bytes/],
      [Uint8Array.of(2, 5, 0x61), /cut short/],
      [Uint8Array.of(2, 2, 0xc3, 0x28), /message is not UTF-8/],
      [Uint8Array.of(2, 0x80, 0x00), /non-minimal varint/],
      [Uint8Array.of(2, 0xff, 0x7f), /over its limit/],
      [new Uint8Array(0), /cut short/],
    ]
    for (const [bytes, message] of cases) {
      assert.throws(
        () => decodeAnswer(bytes, readU8),
        (err: unknown) => {
          assert.ok(err instanceof MessageFormatError, String(err))
          assert.match(err.message, message)
          return true
        },
      )
    }
  })

  it('never throws anything but MessageFormatError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeAnswer(bytes, readU8)
        } catch (err) {
          assert.ok(err instanceof MessageFormatError, String(err))
        }
      }),
    )
  })

  it('reads minimal varints up to their limit', () => {
    assert.equal(readVarint(new FrameReader(Uint8Array.of(0xac, 0x02)), 1000, 'n'), 300)
    assert.throws(() => readVarint(new FrameReader(Uint8Array.of(0xac, 0x02)), 299, 'n'), /limit/)
  })
})
