// /weft/headers/1.0.0 frames: requests outside the bounds are refused by name before a server
// reads the store, and an answer is read whole or not at all.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  decodeHeadersRequest,
  decodeHeadersResponse,
  encodeHeadersRequest,
  encodeHeadersResponse,
  HEADERS_LIMITS,
  MAX_LIGHT_BLOCKS_PER_REQUEST,
  MessageFormatError,
} from '../../src/index.ts'

describe('headers protocol', () => {
  it('round-trips a range request within the request cap', () => {
    const bytes = encodeHeadersRequest({ from: 12345, count: MAX_LIGHT_BLOCKS_PER_REQUEST })
    assert.ok(bytes.length <= HEADERS_LIMITS.maxRequestBytes)
    assert.deepEqual(decodeHeadersRequest(bytes), { from: 12345, count: 32 })
  })

  it('refuses height 0, a count of 0 or above the cap, and stray bytes', () => {
    for (const q of [
      { from: 0, count: 1 },
      { from: 1, count: 0 },
      { from: 1, count: MAX_LIGHT_BLOCKS_PER_REQUEST + 1 },
    ]) {
      assert.throws(() => decodeHeadersRequest(encodeHeadersRequest(q)), MessageFormatError)
    }
    const good = encodeHeadersRequest({ from: 5, count: 2 })
    assert.throws(() => decodeHeadersRequest(good.subarray(0, 8)), MessageFormatError)
    assert.throws(() => decodeHeadersRequest(Uint8Array.of(...good, 0)), MessageFormatError)
    const huge = Uint8Array.of(0x00, 0x20, 0, 0, 0, 0, 0, 0, 1) // 2^53: beyond a JS height
    assert.throws(() => decodeHeadersRequest(huge), /height out of range/)
  })

  it('round-trips light blocks and refuses more than were asked for', () => {
    const blocks = [Uint8Array.of(1, 2, 3), new Uint8Array(300).fill(7)]
    const answer = encodeHeadersResponse(blocks)
    assert.deepEqual(decodeHeadersResponse(answer, { from: 1, count: 2 }), blocks)
    assert.deepEqual(decodeHeadersResponse(encodeHeadersResponse([]), { from: 9, count: 4 }), [])
    assert.throws(
      () => decodeHeadersResponse(answer, { from: 1, count: 1 }),
      /2 light blocks for a request of 1/,
    )
    assert.throws(
      () => decodeHeadersResponse(answer.subarray(0, answer.length - 1), { from: 1, count: 2 }),
      MessageFormatError,
    )
  })
})
