// Argument checks run before any byte reaches WASM memory: the C ABI trusts the lengths it gets.
import { WeftInputError } from './errors.ts'

/** The largest single input the core accepts (messages, hash inputs copied whole). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024

export function checkBytes(name: string, value: unknown, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    const got =
      value === null ? 'null' : typeof value === 'object' ? value.constructor.name : typeof value
    throw new WeftInputError('WRONG_TYPE', `${name} must be a Uint8Array, got ${got}`)
  }
  if (length !== undefined && value.length !== length) {
    throw new WeftInputError('WRONG_LENGTH', `${name} must be ${length} bytes, got ${value.length}`)
  }
  if (value.length > MAX_INPUT_BYTES) {
    throw new WeftInputError(
      'TOO_LARGE',
      `${name} is ${value.length} bytes; the limit is ${MAX_INPUT_BYTES}`,
    )
  }
  return value
}

const U64_MAX = (1n << 64n) - 1n
const U32_MAX = 0xffffffff

export function checkU64(name: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
    throw new WeftInputError('WRONG_TYPE', `${name} must be a bigint from 0 to 2^64-1`)
  }
  return value
}

export function checkU32(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new WeftInputError('WRONG_TYPE', `${name} must be an integer from 0 to 2^32-1`)
  }
  return value
}

/** Milliseconds (a time or a duration): a non-negative safe integer, as the core's u64. */
export function checkMs(name: string, value: unknown): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new WeftInputError('WRONG_TYPE', `${name} must be a non-negative integer of milliseconds`)
  }
  return BigInt(value)
}
