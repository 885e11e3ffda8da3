// Reading what callers send — path segments, query parameters, body fields — into typed values,
// each mistake a 400 with a code of its own (docs/api.md, "Errors").
import { AddressError, parseAddress } from '@weft/core'
import { ApiError } from './http.ts'

const HASH_HEX = /^[0-9a-fA-F]{64}$/
const DECIMAL = /^(0|[1-9]\d{0,15})$/

export type BlockRef = { height: number } | { hash: Uint8Array }

/** A decimal height or a 64-hex block id. */
export function parseBlockRef(text: string): BlockRef {
  if (DECIMAL.test(text)) {
    const height = Number(text)
    if (Number.isSafeInteger(height)) return { height }
  }
  if (HASH_HEX.test(text)) return { hash: Uint8Array.from(Buffer.from(text, 'hex')) }
  throw new ApiError(
    400,
    'BAD_BLOCK_ID',
    `'${shorten(text)}' is neither a decimal height nor a 64-hex block id`,
  )
}

export function parseTxHash(text: string): Uint8Array {
  if (!HASH_HEX.test(text)) {
    throw new ApiError(400, 'BAD_TX_HASH', `'${shorten(text)}' is not a 64-hex transaction hash`)
  }
  return Uint8Array.from(Buffer.from(text, 'hex'))
}

/** A `weft1…` address; the message is the address parser's, which says what is wrong. */
export function parseAddressText(text: unknown): Uint8Array {
  try {
    return parseAddress(text as string)
  } catch (err) {
    if (err instanceof AddressError) {
      throw new ApiError(400, 'BAD_ADDRESS', err.message, { details: { reason: err.code } })
    }
    throw err
  }
}

/** Hex of canonical bytes, either case, even length, not empty. */
export function parseHex(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string') {
    throw new ApiError(400, 'BAD_HEX', `${field} must be a string of hex digits`)
  }
  if (value.length === 0 || value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value)) {
    throw new ApiError(
      400,
      'BAD_HEX',
      `${field} must be an even number of hex digits (0-9, a-f), not empty`,
    )
  }
  return Uint8Array.from(Buffer.from(value, 'hex'))
}

/** A whole-number query parameter between `min` and `max`; `fallback` when absent. */
export function parseIntegerParam(
  query: URLSearchParams,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  const text = query.get(name)
  if (text === null) return range.fallback
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new ApiError(
      400,
      'BAD_QUERY',
      `${name} must be a whole number from ${range.min} to ${range.max}`,
    )
  }
  return n
}

/** The body as an object with the named fields, or 400 BAD_BODY saying what shape is expected. */
export function bodyObject(body: unknown, shape: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'BAD_BODY', `the body must be a JSON object: ${shape}`)
  }
  return body as Record<string, unknown>
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
