// Weft addresses as people see them: bech32m (BIP 350) with the human-readable part "weft",
// over the 20-byte address the consensus core derives from a public key (docs/protocol.md).
import { bech32m } from '@scure/base'

export const ADDRESS_BYTES = 20
export const ADDRESS_PREFIX = 'weft'
// bech32's own limit; a 20-byte address is 4 + 1 + 32 + 6 = 43 characters.
const MAX_TEXT_LENGTH = 90

export type AddressErrorCode =
  | 'WRONG_TYPE'
  | 'WRONG_LENGTH'
  | 'WRONG_PREFIX'
  | 'BAD_CHECKSUM'
  | 'BAD_CHARACTERS'
  | 'MIXED_CASE'

/** A string or byte array that is not a Weft address; `code` says why. */
export class AddressError extends Error {
  override readonly name = 'AddressError'
  readonly code: AddressErrorCode

  constructor(code: AddressErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export function formatAddress(address: Uint8Array): string {
  if (!(address instanceof Uint8Array)) {
    throw new AddressError('WRONG_TYPE', 'an address must be a Uint8Array')
  }
  if (address.length !== ADDRESS_BYTES) {
    throw new AddressError(
      'WRONG_LENGTH',
      `an address is ${ADDRESS_BYTES} bytes, got ${address.length}`,
    )
  }
  return bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(address))
}

/** Parses `weft1…` (either all lower or all upper case) into the 20 address bytes. */
export function parseAddress(text: string): Uint8Array {
  if (typeof text !== 'string') throw new AddressError('WRONG_TYPE', 'an address must be a string')
  const trimmed = text.trim()
  if (trimmed !== trimmed.toLowerCase() && trimmed !== trimmed.toUpperCase()) {
    throw new AddressError('MIXED_CASE', `"${text}" mixes upper and lower case`)
  }
  const lower = trimmed.toLowerCase()
  const separator = lower.lastIndexOf('1')
  const prefix = separator < 0 ? '' : lower.slice(0, separator)
  if (prefix !== ADDRESS_PREFIX) {
    throw new AddressError(
      'WRONG_PREFIX',
      `"${text}" is not a Weft address: it should start with ${ADDRESS_PREFIX}1`,
    )
  }
  if (
    lower.length > MAX_TEXT_LENGTH ||
    !/^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/.test(lower.slice(separator + 1))
  ) {
    throw new AddressError('BAD_CHARACTERS', `"${text}" contains characters an address cannot have`)
  }
  let words: number[]
  try {
    words = bech32m.decode(lower as `${string}1${string}`, MAX_TEXT_LENGTH).words
  } catch {
    throw new AddressError('BAD_CHECKSUM', `"${text}" has a typo: its checksum does not match`)
  }
  let bytes: Uint8Array
  try {
    bytes = bech32m.fromWords(words)
  } catch {
    throw new AddressError('WRONG_LENGTH', `"${text}" does not encode whole bytes`)
  }
  if (bytes.length !== ADDRESS_BYTES) {
    throw new AddressError(
      'WRONG_LENGTH',
      `"${text}" encodes ${bytes.length} bytes; an address is ${ADDRESS_BYTES}`,
    )
  }
  return bytes
}

export function isAddress(text: string): boolean {
  try {
    parseAddress(text)
    return true
  } catch {
    return false
  }
}
