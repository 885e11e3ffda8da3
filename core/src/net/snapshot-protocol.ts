// /weft/snapshot/1.0.0 (docs/network.md, docs/sync.md): the state tree's nodes by hash, for state
// sync, which walks the tree down from a root it verified and checks every node through the core
// before storing it; and the host's proposer-priority record of a height, which is not chain
// data (docs/protocol/consensus.md §1) but lets a state-synced node resume proposer order.
import { FrameWriter } from '@weft/wasm'
import { MessageFormatError, toBytes } from './consensus-message.ts'
import { parseMessage, safeHeight } from './parse-message.ts'

export const SNAPSHOT_PROTOCOL = '/weft/snapshot/1.0.0'

export const MAX_NODES_PER_REQUEST = 256
/** The server stops answering hashes once its answer passes this; the client asks again. */
export const SNAPSHOT_RESPONSE_SOFT_BYTES = 1024 * 1024
/** The largest state value the core writes (its loader's bound), so the largest node. */
export const MAX_STATE_NODE_BYTES = 33 + 1024 * 1024
export const SNAPSHOT_LIMITS = {
  maxRequestBytes: 1 + 2 + MAX_NODES_PER_REQUEST * 32,
  maxResponseBytes: SNAPSHOT_RESPONSE_SOFT_BYTES + MAX_STATE_NODE_BYTES + 16,
  timeoutMs: 15_000,
}

const NODES = 1
const PRIORITIES = 2
const HASH_BYTES = 32

export type SnapshotRequest =
  | { type: 'nodes'; hashes: Uint8Array[] }
  | { type: 'priorities'; height: number }

export function encodeSnapshotRequest(q: SnapshotRequest): Uint8Array {
  if (q.type === 'priorities')
    return toBytes(new FrameWriter().u8(PRIORITIES).u64(BigInt(q.height)))
  const w = new FrameWriter().u8(NODES).varint(q.hashes.length)
  for (const h of q.hashes) w.raw(h)
  return toBytes(w)
}

export function decodeSnapshotRequest(data: Uint8Array): SnapshotRequest {
  return parseMessage<SnapshotRequest>(data, (r) => {
    const tag = r.u8()
    if (tag === PRIORITIES) {
      const height = safeHeight(r.u64())
      if (height < 1) throw new MessageFormatError('priorities exist from height 1 on')
      return { type: 'priorities', height }
    }
    if (tag !== NODES) throw new MessageFormatError(`unknown snapshot request type ${tag}`)
    const count = r.varint()
    if (count < 1 || count > MAX_NODES_PER_REQUEST) {
      throw new MessageFormatError(`ask for 1 to ${MAX_NODES_PER_REQUEST} state nodes`)
    }
    const hashes: Uint8Array[] = []
    for (let i = 0; i < count; i++) hashes.push(r.fixed(HASH_BYTES))
    return { type: 'nodes', hashes }
  })
}

/**
 * The answer to a nodes request: one entry per requested hash, in order, the node's stored
 * encoding or undefined when the server has no such node. It may stop early (the soft byte cap):
 * the hashes past its end were not answered.
 */
export function encodeStateNodes(nodes: readonly (Uint8Array | undefined)[]): Uint8Array {
  const w = new FrameWriter().varint(nodes.length)
  for (const n of nodes) {
    if (n === undefined) w.u8(0)
    else w.u8(1).bytes(n)
  }
  return toBytes(w)
}

export function decodeStateNodes(data: Uint8Array, requested: number): (Uint8Array | undefined)[] {
  return parseMessage(data, (r) => {
    const count = r.varint()
    if (count > requested) {
      throw new MessageFormatError(`${count} state nodes for a request of ${requested}`)
    }
    const out: (Uint8Array | undefined)[] = []
    for (let i = 0; i < count; i++) out.push(presence(r.u8()) ? r.bytes() : undefined)
    return out
  })
}

/** The answer to a priorities request: the record, or undefined when the server has none. */
export function encodePriorities(record: Uint8Array | undefined): Uint8Array {
  return toBytes(
    record === undefined ? new FrameWriter().u8(0) : new FrameWriter().u8(1).bytes(record),
  )
}

export function decodePriorities(data: Uint8Array): Uint8Array | undefined {
  return parseMessage(data, (r) => (presence(r.u8()) ? r.bytes() : undefined))
}

function presence(flag: number): boolean {
  if (flag > 1) throw new MessageFormatError(`presence flag ${flag} is neither 0 nor 1`)
  return flag === 1
}
