// The answer frame shared by the proof, query and faucet protocols (docs/network.md): a status
// byte, then the protocol's data when it is OK, else why not — so a client tells "not found",
// "pruned" or "rate limited" from success without guessing from a reset stream.
import { FrameReader, FrameWriter } from '@weft/wasm'
import { MessageFormatError, toBytes } from './consensus-message.ts'

/** Answer status bytes. Values are part of the protocols: never renumber, only add. */
export const ANSWER_STATUS = {
  /** The data asked for follows. */
  OK: 0,
  /** The request decoded to something the protocol does not allow (the message says what). */
  BAD_REQUEST: 1,
  /** Nothing by that id, address or height on this node's chain. */
  NOT_FOUND: 2,
  /** It existed, but this node no longer keeps it (a pruning node); ask an archive node. */
  PRUNED: 3,
  /** This node does not keep what the request needs (an index only archive nodes build). */
  NOT_SERVED: 4,
  /** Too many requests from this peer, IP or address; `retryAfterMs` says when to ask again. */
  RATE_LIMITED: 5,
  /** The node cannot do it now (a faucet whose account is empty); not the caller's fault. */
  UNAVAILABLE: 6,
} as const

export type AnswerStatus = keyof typeof ANSWER_STATUS
export type RefusalStatus = Exclude<AnswerStatus, 'OK'>

/** A request the node understood and declined, with its reason in words. */
export interface Refusal {
  status: RefusalStatus
  message: string
  /** RATE_LIMITED only: milliseconds until the node would accept the request. */
  retryAfterMs?: number
}

/** What a typed client gets back: the data, or the node's refusal. */
export type Answer<T> = ({ status: 'OK' } & T) | Refusal

/** Refusal messages are cut to this many UTF-8 bytes. */
export const MAX_REFUSAL_MESSAGE_BYTES = 256

const STATUS_BY_BYTE = new Map<number, AnswerStatus>(
  Object.entries(ANSWER_STATUS).map(([name, byte]) => [byte, name as AnswerStatus]),
)
const utf8 = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** status | retryAfterMs u64 (RATE_LIMITED only) | message (varint-length UTF-8). */
export function encodeRefusal(refusal: Refusal): Uint8Array {
  const w = new FrameWriter().u8(ANSWER_STATUS[refusal.status])
  if (refusal.status === 'RATE_LIMITED') {
    w.u64(BigInt(Math.max(0, Math.ceil(refusal.retryAfterMs ?? 0))))
  }
  return toBytes(w.bytes(utf8.encode(clipText(refusal.message, MAX_REFUSAL_MESSAGE_BYTES))))
}

/** An OK answer: the status byte, then what `write` adds. */
export function encodeOk(write: (w: FrameWriter) => FrameWriter): Uint8Array {
  return toBytes(write(new FrameWriter().u8(ANSWER_STATUS.OK)))
}

/** Reads an answer whose OK data `readOk` reads; throws MessageFormatError on anything else. */
export function decodeAnswer<T extends object>(
  data: Uint8Array,
  readOk: (r: FrameReader) => T,
): Answer<T> {
  return decodeFrame(data, (r) => {
    const byte = r.u8()
    const status = STATUS_BY_BYTE.get(byte)
    if (status === undefined) throw new MessageFormatError(`unknown answer status ${byte}`)
    if (status === 'OK') return { status, ...readOk(r) }
    const retryAfterMs = status === 'RATE_LIMITED' ? readSafeInteger(r, 'retryAfterMs') : undefined
    const message = readText(r, MAX_REFUSAL_MESSAGE_BYTES, 'message')
    return retryAfterMs === undefined ? { status, message } : { status, message, retryAfterMs }
  })
}

/**
 * Reads a whole frame strictly: `read` must consume every byte, and a frame cut short or with
 * bytes left over is a MessageFormatError saying so.
 */
export function decodeFrame<T>(data: Uint8Array, read: (r: FrameReader) => T): T {
  const r = new FrameReader(data)
  let value: T
  try {
    value = read(r)
  } catch (err) {
    if (err instanceof MessageFormatError) throw err
    throw new MessageFormatError(`the message is cut short (${data.length} bytes)`)
  }
  if (!r.done) throw new MessageFormatError(`the message has trailing bytes (${data.length} bytes)`)
  return value
}

/** A u64 that must fit a JavaScript number (heights, indexes, counts). */
export function readSafeInteger(r: FrameReader, what: string): number {
  const v = r.u64()
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new MessageFormatError(`${what} out of range`)
  return Number(v)
}

/** A minimal LEB128 varint no larger than `max`. */
export function readVarint(r: FrameReader, max: number, what: string): number {
  let value = 0
  let scale = 1
  for (let i = 0; ; i++) {
    const b = r.u8()
    if (i > 0 && b === 0) throw new MessageFormatError(`${what}: non-minimal varint`)
    value += (b & 0x7f) * scale
    if (value > max) throw new MessageFormatError(`${what} is over its limit of ${max}`)
    if ((b & 0x80) === 0) return value
    scale *= 128
  }
}

/** Varint-length bytes of at most `max`. */
export function readBytes(r: FrameReader, max: number, what: string): Uint8Array {
  return r.fixed(readVarint(r, max, `${what} length`))
}

/** 0 (absent) or 1 then varint-length bytes of at most `max`. */
export function readOptionalBytes(
  r: FrameReader,
  max: number,
  what: string,
): Uint8Array | undefined {
  const flag = r.u8()
  if (flag === 0) return undefined
  if (flag !== 1) throw new MessageFormatError(`${what}: presence flag ${flag} is neither 0 nor 1`)
  return readBytes(r, max, what)
}

/** Varint-length UTF-8 of at most `max` bytes. */
export function readText(r: FrameReader, max: number, what: string): string {
  return utf8Text(readBytes(r, max, what), what)
}

/** 0 (absent) or 1 then varint-length UTF-8 of at most `max` bytes. */
export function readOptionalText(r: FrameReader, max: number, what: string): string | undefined {
  const bytes = readOptionalBytes(r, max, what)
  return bytes === undefined ? undefined : utf8Text(bytes, what)
}

function utf8Text(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    throw new MessageFormatError(`${what} is not UTF-8`)
  }
}

export function encodeText(text: string): Uint8Array {
  return utf8.encode(text)
}

/** `text` shortened, whole characters at a time, to at most `maxBytes` of UTF-8. */
export function clipText(text: string, maxBytes: number): string {
  if (utf8.encode(text).length <= maxBytes) return text
  const chars = [...text]
  while (chars.length > 0 && utf8.encode(`${chars.join('')}…`).length > maxBytes) chars.pop()
  return `${chars.join('')}…`
}

/** Checks a fixed-size field of a request before it is sent. */
export function checkLength(value: Uint8Array, length: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new MessageFormatError(`${what} must be ${length} bytes`)
  }
  return value
}
