// Wire format of /weft/dev/verify/1.0.0. Both frames are fixed layouts with an explicit length,
// checked strictly: a decoder accepts exactly one encoding of each value and rejects truncated
// frames, trailing bytes and out-of-range lengths, each with its own message.
//
// Request (client → server, then the client closes its writable end):
//   publicKey [32] | signature [64] | messageLength u32 big-endian | message [messageLength]
// Response (server → client, then the server closes):
//   status u8 | detailLength u16 big-endian | detail [detailLength] (UTF-8, empty for verdicts)
import { VerifyDecodeError, VerifyInputError, type VerifyRemoteErrorCode } from './verify-errors.ts'

export const VERIFY_PUBLIC_KEY_BYTES = 32
export const VERIFY_SIGNATURE_BYTES = 64
/** Messages up to the chain's transaction cap (DESIGN §3: 4 KiB). */
export const MAX_VERIFY_MESSAGE_BYTES = 4096
export const VERIFY_REQUEST_HEADER_BYTES = VERIFY_PUBLIC_KEY_BYTES + VERIFY_SIGNATURE_BYTES + 4
export const MAX_VERIFY_REQUEST_BYTES = VERIFY_REQUEST_HEADER_BYTES + MAX_VERIFY_MESSAGE_BYTES
export const VERIFY_RESPONSE_HEADER_BYTES = 3
export const MAX_VERIFY_DETAIL_BYTES = 512
export const MAX_VERIFY_RESPONSE_BYTES = VERIFY_RESPONSE_HEADER_BYTES + MAX_VERIFY_DETAIL_BYTES

/** Response status bytes. Values are part of the protocol: never renumber, only add. */
export const VERIFY_STATUS = {
  /** The signature is valid for this key and message. */
  VALID: 0,
  /** The signature is not valid (including keys or signatures that do not decode). */
  INVALID: 1,
  /** The request did not decode: too short, trailing bytes, length field disagrees with data. */
  MALFORMED: 2,
  /** The request or its declared message length exceeds the limits above. */
  TOO_LARGE: 3,
  /** The whole request did not arrive before the server's deadline. */
  TIMEOUT: 4,
  /** The server could not run its verifier. */
  INTERNAL: 5,
} as const

export type VerifyStatus = keyof typeof VERIFY_STATUS

export interface VerifyRequest {
  publicKey: Uint8Array
  signature: Uint8Array
  message: Uint8Array
}

export type VerifyResponse =
  | { status: 'VALID' }
  | { status: 'INVALID' }
  | { status: VerifyRemoteErrorCode; detail: string }

const STATUS_BY_BYTE = new Map<number, VerifyStatus>(
  Object.entries(VERIFY_STATUS).map(([name, byte]) => [byte, name as VerifyStatus]),
)

export function encodeVerifyRequest(request: VerifyRequest): Uint8Array {
  const { publicKey, signature, message } = request
  checkInput('publicKey', publicKey, VERIFY_PUBLIC_KEY_BYTES)
  checkInput('signature', signature, VERIFY_SIGNATURE_BYTES)
  if (!(message instanceof Uint8Array)) {
    throw new VerifyInputError('WRONG_LENGTH', 'message must be a Uint8Array')
  }
  if (message.length > MAX_VERIFY_MESSAGE_BYTES) {
    throw new VerifyInputError(
      'TOO_LARGE',
      `message is ${message.length} bytes; the limit is ${MAX_VERIFY_MESSAGE_BYTES}`,
    )
  }
  const frame = new Uint8Array(VERIFY_REQUEST_HEADER_BYTES + message.length)
  frame.set(publicKey, 0)
  frame.set(signature, VERIFY_PUBLIC_KEY_BYTES)
  new DataView(frame.buffer).setUint32(VERIFY_REQUEST_HEADER_BYTES - 4, message.length, false)
  frame.set(message, VERIFY_REQUEST_HEADER_BYTES)
  return frame
}

export function decodeVerifyRequest(frame: Uint8Array): VerifyRequest {
  if (frame.length < VERIFY_REQUEST_HEADER_BYTES) {
    throw new VerifyDecodeError(
      'MALFORMED',
      `request is ${frame.length} bytes; its header alone is ${VERIFY_REQUEST_HEADER_BYTES}`,
    )
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const declared = view.getUint32(VERIFY_REQUEST_HEADER_BYTES - 4, false)
  if (declared > MAX_VERIFY_MESSAGE_BYTES) {
    throw new VerifyDecodeError(
      'TOO_LARGE',
      `message length field says ${declared} bytes; the limit is ${MAX_VERIFY_MESSAGE_BYTES}`,
    )
  }
  const present = frame.length - VERIFY_REQUEST_HEADER_BYTES
  if (present < declared) {
    throw new VerifyDecodeError(
      'MALFORMED',
      `message is truncated: its length field says ${declared} bytes, ${present} arrived`,
    )
  }
  if (present > declared) {
    throw new VerifyDecodeError(
      'MALFORMED',
      `${present - declared} trailing bytes after the ${declared}-byte message`,
    )
  }
  return {
    publicKey: frame.slice(0, VERIFY_PUBLIC_KEY_BYTES),
    signature: frame.slice(
      VERIFY_PUBLIC_KEY_BYTES,
      VERIFY_PUBLIC_KEY_BYTES + VERIFY_SIGNATURE_BYTES,
    ),
    message: frame.slice(VERIFY_REQUEST_HEADER_BYTES),
  }
}

export function encodeVerifyResponse(response: VerifyResponse): Uint8Array {
  const detail =
    'detail' in response ? utf8Prefix(response.detail, MAX_VERIFY_DETAIL_BYTES) : new Uint8Array(0)
  const frame = new Uint8Array(VERIFY_RESPONSE_HEADER_BYTES + detail.length)
  frame[0] = VERIFY_STATUS[response.status]
  new DataView(frame.buffer).setUint16(1, detail.length, false)
  frame.set(detail, VERIFY_RESPONSE_HEADER_BYTES)
  return frame
}

export function decodeVerifyResponse(frame: Uint8Array): VerifyResponse {
  if (frame.length < VERIFY_RESPONSE_HEADER_BYTES) {
    throw new VerifyDecodeError(
      'MALFORMED',
      `response is ${frame.length} bytes; its header alone is ${VERIFY_RESPONSE_HEADER_BYTES}`,
    )
  }
  const statusByte = frame[0] as number
  const status = STATUS_BY_BYTE.get(statusByte)
  if (status === undefined) {
    throw new VerifyDecodeError('MALFORMED', `unknown response status ${statusByte}`)
  }
  const declared = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint16(
    1,
    false,
  )
  if (declared > MAX_VERIFY_DETAIL_BYTES) {
    throw new VerifyDecodeError(
      'TOO_LARGE',
      `response detail length field says ${declared} bytes; the limit is ${MAX_VERIFY_DETAIL_BYTES}`,
    )
  }
  const present = frame.length - VERIFY_RESPONSE_HEADER_BYTES
  if (present !== declared) {
    throw new VerifyDecodeError(
      'MALFORMED',
      `response detail length field says ${declared} bytes, ${present} arrived`,
    )
  }
  if (status === 'VALID' || status === 'INVALID') {
    if (declared !== 0) {
      throw new VerifyDecodeError(
        'MALFORMED',
        `a ${status} response carries no detail, got ${declared} bytes`,
      )
    }
    return { status }
  }
  let detail: string
  try {
    detail = new TextDecoder('utf-8', { fatal: true }).decode(
      frame.subarray(VERIFY_RESPONSE_HEADER_BYTES),
    )
  } catch {
    throw new VerifyDecodeError('MALFORMED', 'response detail is not valid UTF-8')
  }
  return { status, detail }
}

function checkInput(name: string, value: unknown, length: number): void {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value
    throw new VerifyInputError('WRONG_LENGTH', `${name} must be ${length} bytes, got ${got}`)
  }
}

/** UTF-8 bytes of `text`, cut to at most `max` bytes on a character boundary. */
function utf8Prefix(text: string, max: number): Uint8Array {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length <= max) return bytes
  let end = max
  // Back off continuation bytes (10xxxxxx) so the cut never splits a character.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--
  return bytes.subarray(0, end)
}
