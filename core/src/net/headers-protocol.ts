// /weft/headers/1.0.0 (docs/network.md): light blocks — header, commit, validator set, in the
// core's light-block encoding (docs/protocol/light-client.md) — by height or by a bounded range,
// for light clients and for state sync's skipping verification.
import { FrameWriter } from '@weft/wasm'
import { MessageFormatError, toBytes } from './consensus-message.ts'
import { parseMessage, safeHeight } from './parse-message.ts'

export const HEADERS_PROTOCOL = '/weft/headers/1.0.0'

/** At most this many light blocks per request; the server also stops past the soft byte cap. */
export const MAX_LIGHT_BLOCKS_PER_REQUEST = 32
export const HEADERS_RESPONSE_SOFT_BYTES = 1024 * 1024
export const HEADERS_LIMITS = {
  maxRequestBytes: 16,
  // One light block past the soft cap: 100 validators' signatures and keys stay under 64 KiB.
  maxResponseBytes: HEADERS_RESPONSE_SOFT_BYTES + 64 * 1024,
  timeoutMs: 10_000,
}

export interface HeadersRequest {
  from: number
  count: number
}

export function encodeHeadersRequest(q: HeadersRequest): Uint8Array {
  return toBytes(new FrameWriter().u64(BigInt(q.from)).u8(q.count))
}

export function decodeHeadersRequest(data: Uint8Array): HeadersRequest {
  return parseMessage(data, (r) => {
    const from = safeHeight(r.u64())
    const count = r.u8()
    if (from < 1 || count < 1 || count > MAX_LIGHT_BLOCKS_PER_REQUEST) {
      throw new MessageFormatError(
        `ask for 1 to ${MAX_LIGHT_BLOCKS_PER_REQUEST} light blocks from height 1 on`,
      )
    }
    return { from, count }
  })
}

/** The light blocks of heights from, from + 1, …: as many as the server has, possibly none. */
export function encodeHeadersResponse(lightBlocks: readonly Uint8Array[]): Uint8Array {
  return toBytes(new FrameWriter().list(lightBlocks))
}

export function decodeHeadersResponse(data: Uint8Array, request: HeadersRequest): Uint8Array[] {
  const blocks = parseMessage(data, (r) => r.list((x) => x.bytes()))
  if (blocks.length > request.count) {
    throw new MessageFormatError(`${blocks.length} light blocks for a request of ${request.count}`)
  }
  return blocks
}
