// The key file format, version 1: JSON with the public key in the clear and the 32-byte Ed25519
// secret key sealed by AES-256-GCM under a scrypt-derived key, the public key as additional data.
// Binary fields are lowercase hex; `ciphertext` is the sealed key followed by the 16-byte tag.
import { strictRecordReader } from '@weft/core'
import { PUBLIC_KEY_BYTES, SECRET_KEY_BYTES } from './ed25519-key.ts'
import { KeyFileError } from './errors.ts'
import { checkScryptParams, type ScryptParams } from './kdf.ts'

export const KEY_FILE_VERSION = 1
export const KEY_FILE_KIND = 'weft-ed25519'
export const IV_BYTES = 12
export const TAG_BYTES = 16
export const MIN_SALT_BYTES = 16
export const MAX_SALT_BYTES = 64

export interface KeyFile {
  version: typeof KEY_FILE_VERSION
  kind: typeof KEY_FILE_KIND
  publicKey: Uint8Array
  kdf: { name: 'scrypt'; salt: Uint8Array } & ScryptParams
  cipher: { name: 'aes-256-gcm'; iv: Uint8Array; ciphertext: Uint8Array }
}

export function serializeKeyFile(file: KeyFile): string {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
  const json = {
    version: file.version,
    kind: file.kind,
    publicKey: hex(file.publicKey),
    kdf: { name: 'scrypt', N: file.kdf.N, r: file.kdf.r, p: file.kdf.p, salt: hex(file.kdf.salt) },
    cipher: {
      name: 'aes-256-gcm',
      iv: hex(file.cipher.iv),
      ciphertext: hex(file.cipher.ciphertext),
    },
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

/** Reads and checks every field; throws KeyFileError naming the first one at fault. */
export function parseKeyFile(text: string): KeyFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw malformed('it is not JSON')
  }
  const top = object(json, 'the file')
  exactKeys(top, ['version', 'kind', 'publicKey', 'kdf', 'cipher'], 'the file')
  if (top.version !== KEY_FILE_VERSION) {
    throw new KeyFileError(
      'UNSUPPORTED',
      `key file version ${JSON.stringify(top.version)} is not supported; this program reads version ${KEY_FILE_VERSION}`,
    )
  }
  if (top.kind !== KEY_FILE_KIND) {
    throw new KeyFileError(
      'UNSUPPORTED',
      `key kind ${JSON.stringify(top.kind)} is not supported; this program reads "${KEY_FILE_KIND}"`,
    )
  }
  const kdf = object(top.kdf, 'kdf')
  exactKeys(kdf, ['name', 'N', 'r', 'p', 'salt'], 'kdf')
  if (kdf.name !== 'scrypt') {
    throw new KeyFileError(
      'UNSUPPORTED',
      `kdf ${JSON.stringify(kdf.name)} is not supported; use "scrypt"`,
    )
  }
  const params = {
    N: integer(kdf.N, 'kdf.N'),
    r: integer(kdf.r, 'kdf.r'),
    p: integer(kdf.p, 'kdf.p'),
  }
  checkScryptParams(params)
  const cipher = object(top.cipher, 'cipher')
  exactKeys(cipher, ['name', 'iv', 'ciphertext'], 'cipher')
  if (cipher.name !== 'aes-256-gcm') {
    throw new KeyFileError(
      'UNSUPPORTED',
      `cipher ${JSON.stringify(cipher.name)} is not supported; use "aes-256-gcm"`,
    )
  }
  return {
    version: KEY_FILE_VERSION,
    kind: KEY_FILE_KIND,
    publicKey: hex(top.publicKey, 'publicKey', PUBLIC_KEY_BYTES),
    kdf: {
      name: 'scrypt',
      ...params,
      salt: hex(kdf.salt, 'kdf.salt', MIN_SALT_BYTES, MAX_SALT_BYTES),
    },
    cipher: {
      name: 'aes-256-gcm',
      iv: hex(cipher.iv, 'cipher.iv', IV_BYTES),
      ciphertext: hex(cipher.ciphertext, 'cipher.ciphertext', SECRET_KEY_BYTES + TAG_BYTES),
    },
  }
}

function malformed(why: string): KeyFileError {
  return new KeyFileError('MALFORMED', `not a Weft key file: ${why}`)
}

const record = strictRecordReader(malformed)
const { object, exactKeys, integer } = record

function hex(value: unknown, what: string, min: number, max = min): Uint8Array {
  return Uint8Array.from(Buffer.from(record.hex(value, what, min, max), 'hex'))
}
