// Weft's request/response protocols between nodes of one chain (docs/network.md): status (the
// handshake that keeps chains apart and tells heights) and blocks (finalized blocks with their
// commits, for nodes catching up). Names carry no chain: the status handshake checks it.
import { FrameReader, FrameWriter } from '@weft/wasm'
import { MessageFormatError, toBytes } from './consensus-message.ts'

export const STATUS_PROTOCOL = '/weft/status/1.0.0'
export const BLOCKS_PROTOCOL = '/weft/blocks/1.0.0'

export const STATUS_LIMITS = { maxRequestBytes: 64, maxResponseBytes: 64, timeoutMs: 5_000 }
/** At most this many blocks per request; the server also stops once the answer passes 8 MiB. */
export const MAX_BLOCKS_PER_REQUEST = 32
export const BLOCKS_RESPONSE_SOFT_BYTES = 8 * 1024 * 1024
export const BLOCKS_LIMITS = {
  maxRequestBytes: 16,
  // One block can reach the chain's 2 MiB default cap beyond the soft limit.
  maxResponseBytes: BLOCKS_RESPONSE_SOFT_BYTES + 4 * 1024 * 1024,
  timeoutMs: 20_000,
}

export interface ChainStatus {
  genesisHash: Uint8Array
  /** The node's committed height. */
  height: number
}

export function encodeStatus(s: ChainStatus): Uint8Array {
  return toBytes(new FrameWriter().raw(s.genesisHash).u64(BigInt(s.height)))
}

export function decodeStatus(data: Uint8Array): ChainStatus {
  return parse(data, (r) => ({ genesisHash: r.fixed(32), height: safeHeight(r.u64()) }))
}

export interface BlocksRequest {
  from: number
  count: number
}

export function encodeBlocksRequest(q: BlocksRequest): Uint8Array {
  return toBytes(new FrameWriter().u64(BigInt(q.from)).u8(q.count))
}

export function decodeBlocksRequest(data: Uint8Array): BlocksRequest {
  return parse(data, (r) => {
    const from = safeHeight(r.u64())
    const count = r.u8()
    if (from < 1 || count < 1 || count > MAX_BLOCKS_PER_REQUEST) {
      throw new MessageFormatError(`ask for 1 to ${MAX_BLOCKS_PER_REQUEST} blocks from height 1 on`)
    }
    return { from, count }
  })
}

export interface BlockWithCommit {
  block: Uint8Array
  commit: Uint8Array
}

export function encodeBlocksResponse(blocks: readonly BlockWithCommit[]): Uint8Array {
  const w = new FrameWriter().varint(blocks.length)
  for (const b of blocks) w.bytes(b.block).bytes(b.commit)
  return toBytes(w)
}

export function decodeBlocksResponse(data: Uint8Array): BlockWithCommit[] {
  return parse(data, (r) => r.list((x) => ({ block: x.bytes(), commit: x.bytes() })))
}

function safeHeight(h: bigint): number {
  if (h > BigInt(Number.MAX_SAFE_INTEGER)) throw new MessageFormatError('height out of range')
  return Number(h)
}

function parse<T>(data: Uint8Array, read: (r: FrameReader) => T): T {
  const r = new FrameReader(data)
  try {
    const value = read(r)
    r.end()
    return value
  } catch (err) {
    if (err instanceof MessageFormatError) throw err
    throw new MessageFormatError('the message is cut short or has trailing bytes')
  }
}
