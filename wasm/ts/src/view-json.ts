// Views as the core's JSON text (docs/protocol/views.md, "TypeScript"): Uint8Array ↔ lowercase
// hex, bigint ↔ JSON numbers of any size. u64 values are read exactly through the reviver's
// source text (ES2025 JSON.parse source text access) and written with JSON.rawJSON, so no value
// passes through a float.
import { WeftInputError, WeftWasmError } from './errors.ts'

/** Keys whose numbers are u64 in every view: they become bigint. */
export const U64_KEYS: ReadonlySet<string> = new Set([
  'amount',
  'balance',
  'baseFeePerByte',
  'blockReward',
  'feeBurned',
  'genesisTime',
  'height',
  'initialBaseFeePerByte',
  'jailBlocks',
  'maxFeePerByte',
  'minBaseFeePerByte',
  'nonce',
  'power',
  'stake',
  'time',
  'tip',
  'tipPerByte',
  'trustingPeriodMs',
  'unbondingBlocks',
])

/** Keys whose strings (or arrays of strings) are bytes in every view: they become Uint8Array. */
export const BYTE_KEYS: ReadonlySet<string> = new Set([
  'address',
  'bitmap',
  'block',
  'evidenceHash',
  'lastCommitHash',
  'lockedBlock',
  'nextValidatorsHash',
  'otherKey',
  'otherValueHash',
  'previousBlock',
  'proposer',
  'publicKey',
  'sender',
  'siblings',
  'signature',
  'stateRoot',
  'to',
  'txId',
  'txRoot',
  'txs',
  'validBlock',
  'validator',
  'validatorsHash',
])

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown

// The ES2025 parts of JSON that TypeScript's lib does not describe yet.
const json = JSON as unknown as {
  parse(text: string, reviver: Reviver): unknown
  rawJSON(text: string): unknown
}

const sourceTextAccess = (() => {
  let seen: string | undefined
  json.parse('0', (_key, value, context) => {
    seen = context?.source
    return value
  })
  return seen === '0' && typeof json.rawJSON === 'function'
})()

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += HEX[b]
  return out
}

/** Lowercase hex from the core, which only ever writes valid hex. */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

function requireSourceText(): void {
  if (!sourceTextAccess) {
    throw new WeftWasmError(
      'LOAD_FAILED',
      'object views need JSON.parse source text access and JSON.rawJSON (ES2025)',
    )
  }
}

/**
 * The JSON text of a view. Values JSON cannot carry exactly are refused here; everything else,
 * negative or fractional numbers included, goes to the core, which names what is wrong.
 */
export function viewToJson(view: unknown): string {
  requireSourceText()
  return JSON.stringify(view, (key, value: unknown) => {
    if (value instanceof Uint8Array) return toHex(value)
    if (typeof value === 'bigint') return json.rawJSON(value.toString())
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new WeftInputError('WRONG_TYPE', `${key} must be a finite number, got ${value}`)
      if (Number.isInteger(value) && !Number.isSafeInteger(value))
        throw new WeftInputError('WRONG_TYPE', `${key} is beyond 2^53; pass it as a bigint`)
    }
    return value
  })
}

/** The view in the core's JSON text. */
export function jsonToView(text: string): unknown {
  requireSourceText()
  return json.parse(text, (key, value, context) => {
    if (U64_KEYS.has(key) && typeof value === 'number') return BigInt(context?.source ?? value)
    if (BYTE_KEYS.has(key)) {
      if (typeof value === 'string') return fromHex(value)
      if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? fromHex(v) : v))
    }
    return value
  })
}
