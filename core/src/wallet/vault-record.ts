// The vault record, format version 1: a plain object of strings and numbers (hex for bytes), so
// a host can keep it in IndexedDB, a file or an export without a serializer. Its fields:
//   format "weft-vault", version 1
//   kdf     {name: "scrypt", N, r, p, salt} or {name: "pbkdf2-sha256", iterations, salt}
//   cipher  {name: "aes-256-gcm", iv (12 bytes), ciphertext (sealed contents ‖ 16-byte tag)}
//   check   32 bytes from the password, telling a wrong password from a damaged record
//   digest  SHA-256 of every other field: catches corruption before any key is derived
// The AES-GCM additional data binds the format, version, KDF parameters and salt, and the IV.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { strictRecordReader } from '../records/strict-json-record.ts'
import { VaultError } from './errors.ts'
import { checkKdfParams, type KdfParams } from './kdf.ts'

export const VAULT_FORMAT = 'weft-vault'
export const VAULT_VERSION = 1
export const VAULT_CIPHER = 'aes-256-gcm'
export const SALT_BYTES = 32
export const IV_BYTES = 12
export const TAG_BYTES = 16
export const CHECK_BYTES = 32
const DIGEST_BYTES = 32
/** Contents are a phrase, a passphrase and account labels: far below this. */
export const MAX_CIPHERTEXT_BYTES = 64 * 1024

export type VaultKdf = KdfParams & { salt: string }

export interface VaultRecord {
  format: typeof VAULT_FORMAT
  version: typeof VAULT_VERSION
  kdf: VaultKdf
  cipher: { name: typeof VAULT_CIPHER; iv: string; ciphertext: string }
  check: string
  digest: string
}

/** What the cipher authenticates besides the contents. */
export function vaultAad(kdf: VaultKdf, iv: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    JSON.stringify([VAULT_FORMAT, VAULT_VERSION, ...kdfFields(kdf), VAULT_CIPHER, iv]),
  )
}

export function vaultDigest(record: Omit<VaultRecord, 'digest'>): string {
  const fields = [
    VAULT_FORMAT,
    VAULT_VERSION,
    ...kdfFields(record.kdf),
    VAULT_CIPHER,
    record.cipher.iv,
    record.cipher.ciphertext,
    record.check,
  ]
  return bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(fields))))
}

/**
 * Checks the shape of a stored record — every field present, typed and within bounds — and
 * returns a copy with only the known fields. Throws MALFORMED, UNSUPPORTED (another version or
 * algorithm) or KDF_LIMITS; it does not check the digest.
 */
export function parseVaultRecord(value: unknown): VaultRecord {
  const top = object(value, 'the vault record')
  if (top.format !== VAULT_FORMAT)
    throw malformed('it is not a Weft vault (format is not "weft-vault")')
  if (top.version !== VAULT_VERSION) {
    throw new VaultError(
      'UNSUPPORTED',
      `vault version ${JSON.stringify(top.version)} is not supported; this program reads version ${VAULT_VERSION}`,
    )
  }
  exactKeys(top, ['format', 'version', 'kdf', 'cipher', 'check', 'digest'], 'the vault record')
  const kdf = object(top.kdf, 'kdf')
  let params: KdfParams
  if (kdf.name === 'scrypt') {
    exactKeys(kdf, ['name', 'N', 'r', 'p', 'salt'], 'kdf')
    params = {
      name: 'scrypt',
      N: integer(kdf.N, 'kdf.N'),
      r: integer(kdf.r, 'kdf.r'),
      p: integer(kdf.p, 'kdf.p'),
    }
  } else if (kdf.name === 'pbkdf2-sha256') {
    exactKeys(kdf, ['name', 'iterations', 'salt'], 'kdf')
    params = { name: 'pbkdf2-sha256', iterations: integer(kdf.iterations, 'kdf.iterations') }
  } else {
    throw new VaultError(
      'UNSUPPORTED',
      `KDF ${JSON.stringify(kdf.name)} is not supported; this program reads "scrypt" and "pbkdf2-sha256"`,
    )
  }
  checkKdfParams(params)
  const cipher = object(top.cipher, 'cipher')
  if (cipher.name !== VAULT_CIPHER) {
    throw new VaultError(
      'UNSUPPORTED',
      `cipher ${JSON.stringify(cipher.name)} is not supported; this program reads "${VAULT_CIPHER}"`,
    )
  }
  exactKeys(cipher, ['name', 'iv', 'ciphertext'], 'cipher')
  return {
    format: VAULT_FORMAT,
    version: VAULT_VERSION,
    kdf: { ...params, salt: hex(kdf.salt, 'kdf.salt', SALT_BYTES) },
    cipher: {
      name: VAULT_CIPHER,
      iv: hex(cipher.iv, 'cipher.iv', IV_BYTES),
      ciphertext: hex(cipher.ciphertext, 'cipher.ciphertext', TAG_BYTES, MAX_CIPHERTEXT_BYTES),
    },
    check: hex(top.check, 'check', CHECK_BYTES),
    digest: hex(top.digest, 'digest', DIGEST_BYTES),
  }
}

/** Bytes of a hex field already checked by parseVaultRecord. */
export function fieldBytes(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(hexToBytes(text))
}

function kdfFields(kdf: VaultKdf): (string | number)[] {
  return kdf.name === 'scrypt'
    ? [kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt]
    : [kdf.name, kdf.iterations, kdf.salt]
}

function malformed(why: string): VaultError {
  return new VaultError('MALFORMED', `not a usable vault record: ${why}`)
}

const { object, exactKeys, integer, hex } = strictRecordReader(malformed)
