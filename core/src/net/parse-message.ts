// Reading a request/response message whole: any shortfall or trailing byte is one
// MessageFormatError, so a handler never acts on half a message.
import { FrameReader } from '@weft/wasm'
import { MessageFormatError } from './consensus-message.ts'

export function parseMessage<T>(data: Uint8Array, read: (r: FrameReader) => T): T {
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

/** A u64 height as a JS number; heights beyond 2^53 are not a chain this node can follow. */
export function safeHeight(h: bigint): number {
  if (h > BigInt(Number.MAX_SAFE_INTEGER)) throw new MessageFormatError('height out of range')
  return Number(h)
}
