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
