// What each rate-limited protocol charges a request: the items it asks for, as the protocol's
// own decoder reads them, so a request for 32 blocks costs 32 requests for one. A request that
// does not decode costs 1; its server refuses it and the peer pays in score instead.
import {
  BLOCKS_PROTOCOL,
  decodeBlocksRequest,
  decodeHeadersRequest,
  decodeQueryRequest,
  decodeSnapshotRequest,
  HEADERS_PROTOCOL,
  MAX_ADDRESS_TXS_PER_PAGE,
  MAX_BLOCKS_PER_REQUEST,
  MAX_LIGHT_BLOCKS_PER_REQUEST,
  MAX_NODES_PER_REQUEST,
  MessageFormatError,
  PROOF_PROTOCOL,
  QUERY_PROTOCOL,
  SNAPSHOT_PROTOCOL,
  STATUS_PROTOCOL,
} from '@weft/core'
import type { RateLimitedProtocol } from '../constants.ts'

export interface RequestCost {
  /** The libp2p protocol id. */
  id: string
  /** The most one request can cost: a bucket must hold at least this much. */
  maxCost: number
  cost(request: Uint8Array): number
}

const one = () => 1

export const REQUEST_COSTS: Readonly<Record<RateLimitedProtocol, RequestCost>> = {
  status: { id: STATUS_PROTOCOL, maxCost: 1, cost: one },
  blocks: {
    id: BLOCKS_PROTOCOL,
    maxCost: MAX_BLOCKS_PER_REQUEST,
    cost: (r) => decoded(() => decodeBlocksRequest(r).count),
  },
  headers: {
    id: HEADERS_PROTOCOL,
    maxCost: MAX_LIGHT_BLOCKS_PER_REQUEST,
    cost: (r) => decoded(() => decodeHeadersRequest(r).count),
  },
  snapshot: {
    id: SNAPSHOT_PROTOCOL,
    maxCost: MAX_NODES_PER_REQUEST,
    cost: (r) =>
      decoded(() => {
        const q = decodeSnapshotRequest(r)
        return q.type === 'nodes' ? q.hashes.length : 1
      }),
  },
  proof: { id: PROOF_PROTOCOL, maxCost: 1, cost: one },
  query: {
    id: QUERY_PROTOCOL,
    maxCost: MAX_ADDRESS_TXS_PER_PAGE,
    cost: (r) =>
      decoded(() => {
        const q = decodeQueryRequest(r)
        return q.kind === 'addressTxs' ? q.limit : 1
      }),
  },
}

function decoded(count: () => number): number {
  try {
    return count()
  } catch (err) {
    if (err instanceof MessageFormatError) return 1
    throw err
  }
}
