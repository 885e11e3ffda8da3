// The client side of /weft/headers/1.0.0: light blocks from one peer, for light clients and state
// sync. The answer is only parsed here; each light block is verified by the core (bisection).
import type { Libp2p } from '@libp2p/interface'
import {
  decodeHeadersResponse,
  encodeHeadersRequest,
  HEADERS_LIMITS,
  HEADERS_PROTOCOL,
  type HeadersRequest,
} from '../net/headers-protocol.ts'
import { sendRequest } from '../protocols/request-response.ts'

/**
 * The light blocks of heights `from` … `from + count − 1` the peer has, in order (possibly
 * fewer, possibly none). Throws ProtocolError or MessageFormatError.
 */
export async function requestLightBlocks(
  node: Pick<Libp2p, 'dialProtocol'>,
  peer: Parameters<Libp2p['dialProtocol']>[0],
  request: HeadersRequest,
): Promise<Uint8Array[]> {
  const answer = await sendRequest(
    node,
    peer,
    HEADERS_PROTOCOL,
    encodeHeadersRequest(request),
    HEADERS_LIMITS,
  )
  return decodeHeadersResponse(answer, request)
}
