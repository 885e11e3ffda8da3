// The messages of the consensus topic and of the finalized-blocks topic (docs/network.md): canonical
// objects in a small frame. A proposal travels with its block so a validator can judge it
// without a round trip; a finalized block travels with the commit that made it final.
import { FrameReader, FrameWriter } from '@weft/wasm'

export type ConsensusMessage = (
  | { type: 'proposal'; proposal: Uint8Array; block: Uint8Array }
  | { type: 'vote'; vote: Uint8Array }
) & {
  /**
   * Which sending of the message this is. Gossip ids are content hashes, so a re-sent message
   * (lost the first time) needs different bytes to travel again; the count is all that differs.
   */
  attempt?: number
}

const PROPOSAL = 1
const VOTE = 2

export class MessageFormatError extends Error {
  override readonly name = 'MessageFormatError'
}

export function encodeConsensusMessage(m: ConsensusMessage): Uint8Array {
  const w = new FrameWriter()
  if (m.type === 'proposal') w.u8(PROPOSAL).bytes(m.proposal).bytes(m.block)
  else w.u8(VOTE).bytes(m.vote)
  return toBytes(w.varint(m.attempt ?? 0))
}

export function decodeConsensusMessage(data: Uint8Array): ConsensusMessage {
  return read(data, (r) => {
    const tag = r.u8()
    if (tag === PROPOSAL) {
      return { type: 'proposal', proposal: r.bytes(), block: r.bytes(), attempt: r.varint() }
    }
    if (tag === VOTE) return { type: 'vote', vote: r.bytes(), attempt: r.varint() }
    throw new MessageFormatError(`unknown consensus message type ${tag}`)
  })
}

export interface FinalizedBlock {
  block: Uint8Array
  commit: Uint8Array
}

export function encodeFinalizedBlock(f: FinalizedBlock): Uint8Array {
  return toBytes(new FrameWriter().bytes(f.block).bytes(f.commit))
}

export function decodeFinalizedBlock(data: Uint8Array): FinalizedBlock {
  return read(data, (r) => ({ block: r.bytes(), commit: r.bytes() }))
}

export function toBytes(w: FrameWriter): Uint8Array {
  const out = new Uint8Array(w.length)
  w.writeTo((at, data) => out.set(data, at), 0)
  return out
}

function read<T>(data: Uint8Array, parse: (r: FrameReader) => T): T {
  let value: T
  const r = new FrameReader(data)
  try {
    value = parse(r)
    r.end()
  } catch (err) {
    if (err instanceof MessageFormatError) throw err
    throw new MessageFormatError('the message is cut short or has trailing bytes')
  }
  return value
}
