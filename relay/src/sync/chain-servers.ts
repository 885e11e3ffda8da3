// What a node serves to peers that are catching up without executing history (docs/network.md):
// light blocks over /weft/headers/1.0.0 and state nodes and priority records over
// /weft/snapshot/1.0.0. Answers come from the store as it is; a height or node this node does
// not keep is simply not in the answer.
import type { Libp2p } from '@libp2p/interface'
import {
  decodeHeadersRequest,
  decodeSnapshotRequest,
  encodeHeadersResponse,
  encodePriorities,
  encodeStateNodes,
  HEADERS_LIMITS,
  HEADERS_PROTOCOL,
  HEADERS_RESPONSE_SOFT_BYTES,
  MessageFormatError,
  type RequestGuard,
  SNAPSHOT_LIMITS,
  SNAPSHOT_PROTOCOL,
  SNAPSHOT_RESPONSE_SOFT_BYTES,
  serveRequests,
} from '@weft/core'
import type { Chain } from '../chain/chain.ts'
import { storedLightBlock } from '../chain/light-blocks.ts'

// Each answer is bounded in bytes; a few streams at once per peer keep one peer's share small.
const MAX_INBOUND_STREAMS = 4

export async function serveChainData(
  node: Libp2p,
  chain: Chain,
  guards?: (protocol: string) => RequestGuard | undefined,
): Promise<() => Promise<void>> {
  await node.handle(
    HEADERS_PROTOCOL,
    serveRequests(HEADERS_LIMITS, (r) => answerHeaders(chain, r), guards?.(HEADERS_PROTOCOL)),
    { maxInboundStreams: MAX_INBOUND_STREAMS },
  )
  await node.handle(
    SNAPSHOT_PROTOCOL,
    serveRequests(SNAPSHOT_LIMITS, (r) => answerSnapshot(chain, r), guards?.(SNAPSHOT_PROTOCOL)),
    { maxInboundStreams: MAX_INBOUND_STREAMS },
  )
  return async () => {
    await node.unhandle(HEADERS_PROTOCOL)
    await node.unhandle(SNAPSHOT_PROTOCOL)
  }
}

export function answerHeaders(chain: Chain, request: Uint8Array): Uint8Array | undefined {
  let q: ReturnType<typeof decodeHeadersRequest>
  try {
    q = decodeHeadersRequest(request)
  } catch (err) {
    if (err instanceof MessageFormatError) return undefined
    throw err
  }
  const out: Uint8Array[] = []
  let bytes = 0
  const last = Math.min(q.from + q.count - 1, chain.head.height)
  for (let h = q.from; h <= last && bytes < HEADERS_RESPONSE_SOFT_BYTES; h++) {
    const block = storedLightBlock(chain, h)
    if (block === undefined) break
    out.push(block)
    bytes += block.length
  }
  return encodeHeadersResponse(out)
}

export function answerSnapshot(chain: Chain, request: Uint8Array): Uint8Array | undefined {
  let q: ReturnType<typeof decodeSnapshotRequest>
  try {
    q = decodeSnapshotRequest(request)
  } catch (err) {
    if (err instanceof MessageFormatError) return undefined
    throw err
  }
  if (q.type === 'priorities') return encodePriorities(chain.store.priorities(q.height))
  const out: (Uint8Array | undefined)[] = []
  let bytes = 0
  for (const hash of q.hashes) {
    if (bytes >= SNAPSHOT_RESPONSE_SOFT_BYTES) break
    const node = chain.store.nodeStore.get(hash)
    out.push(node)
    bytes += node?.length ?? 0
  }
  return encodeStateNodes(out)
}
