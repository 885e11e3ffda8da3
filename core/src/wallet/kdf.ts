// The vault's password → key step. scrypt (RFC 7914, @noble/hashes) by default: memory-hard, so
// guessing on GPUs costs memory as well as time; PBKDF2-HMAC-SHA256 (WebCrypto) for devices that
// cannot spare the memory. The KDF's 32 bytes are split by HKDF-SHA256 (RFC 5869) into the
// AES-256-GCM key and a password check, so the defender runs the slow step exactly once per try,
// the same as an attacker.
import { hkdf } from '@noble/hashes/hkdf.js'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { DEFAULT_VAULT_KDF, PBKDF2_VAULT_KDF } from './constants.ts'
import { VaultError } from './errors.ts'

export interface ScryptParams {
  name: 'scrypt'
  /** CPU and memory cost, a power of two; memory is 128 · N · r bytes. */
  N: number
  r: number
  p: number
}

export interface Pbkdf2Params {
  name: 'pbkdf2-sha256'
  iterations: number
}

export type KdfParams = ScryptParams | Pbkdf2Params

export interface VaultKeys {
  /** AES-256-GCM, not extractable. */
  cipherKey: CryptoKey
  /** 32 bytes that show the password was right before anything is decrypted. */
  passwordCheck: Uint8Array
}

const MASTER_BYTES = 32
/**
 * What a stored record may ask this program to compute: above these, opening it would be a
 * memory or time bomb. Below them the record still opens (its owner chose it), but new vaults
 * must meet the defaults unless the caller explicitly allows less (tests do).
 */
export const KDF_CEILINGS = {
  scryptMaxN: 2 ** 20,
  scryptMaxR: 32,
  scryptMaxP: 16,
  scryptMaxMemoryBytes: 2 ** 30,
  /** N · r · p, the work: 16 times the default's (about 16 s in a browser, docs/wallet.md). */
  scryptMaxWork: 2 ** 24,
  pbkdf2MaxIterations: 10_000_000,
} as const

const CIPHER_KEY_INFO = new TextEncoder().encode('weft/vault/v1/aes-256-gcm')
const CHECK_INFO = new TextEncoder().encode('weft/vault/v1/password-check')

/** Throws KDF_LIMITS for parameters that are not well formed or exceed KDF_CEILINGS. */
export function checkKdfParams(params: KdfParams): void {
  if (params.name === 'scrypt') {
    const { N, r, p } = params
    const powerOfTwo = Number.isSafeInteger(N) && N > 1 && (N & (N - 1)) === 0
    if (!powerOfTwo || N > KDF_CEILINGS.scryptMaxN) {
      throw new VaultError(
        'KDF_LIMITS',
        `scrypt N is ${N}; allowed: a power of two from 2 to 2^${Math.log2(KDF_CEILINGS.scryptMaxN)}`,
      )
    }
    if (!Number.isSafeInteger(r) || r < 1 || r > KDF_CEILINGS.scryptMaxR) {
      throw new VaultError(
        'KDF_LIMITS',
        `scrypt r is ${r}; allowed: 1 to ${KDF_CEILINGS.scryptMaxR}`,
      )
    }
    if (!Number.isSafeInteger(p) || p < 1 || p > KDF_CEILINGS.scryptMaxP) {
      throw new VaultError(
        'KDF_LIMITS',
        `scrypt p is ${p}; allowed: 1 to ${KDF_CEILINGS.scryptMaxP}`,
      )
    }
    if (scryptMemoryBytes(params) > KDF_CEILINGS.scryptMaxMemoryBytes) {
      throw new VaultError('KDF_LIMITS', 'scrypt N · r needs more than 1 GiB; allowed: up to 1 GiB')
    }
    if (N * r * p > KDF_CEILINGS.scryptMaxWork) {
      throw new VaultError(
        'KDF_LIMITS',
        `scrypt N · r · p is ${N * r * p}; allowed: up to 2^${Math.log2(KDF_CEILINGS.scryptMaxWork)}`,
      )
    }
    return
  }
  if (params.name === 'pbkdf2-sha256') {
    const { iterations } = params
    if (
      !Number.isSafeInteger(iterations) ||
      iterations < 1 ||
      iterations > KDF_CEILINGS.pbkdf2MaxIterations
    ) {
      throw new VaultError(
        'KDF_LIMITS',
        `PBKDF2 iterations are ${iterations}; allowed: 1 to ${KDF_CEILINGS.pbkdf2MaxIterations}`,
      )
    }
    return
  }
  throw new VaultError(
    'UNSUPPORTED',
    `KDF ${JSON.stringify((params as { name?: unknown }).name)} is not supported; use "scrypt" or "pbkdf2-sha256"`,
  )
}

/** True when `params` cost less than this program's default for their kind (new vaults refuse). */
export function isWeakerThanDefault(params: KdfParams): boolean {
  if (params.name === 'pbkdf2-sha256') return params.iterations < PBKDF2_VAULT_KDF.iterations
  // Memory (N · r) is what makes scrypt costly to guess on; p adds time only.
  return scryptMemoryBytes(params) < scryptMemoryBytes(DEFAULT_VAULT_KDF)
}

export function scryptMemoryBytes({ N, r }: ScryptParams): number {
  return 128 * N * r
}

export async function deriveVaultKeys(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  params: KdfParams,
): Promise<VaultKeys> {
  checkKdfParams(params)
  // NFKC: the same password typed on any system or keyboard gives the same bytes.
  const secret = new TextEncoder().encode(password.normalize('NFKC'))
  let master: Uint8Array | undefined
  try {
    master = await runKdf(secret, salt, params)
    const keyBytes = hkdf(sha256, master, undefined, CIPHER_KEY_INFO, 32)
    try {
      const cipherKey = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, [
        'encrypt',
        'decrypt',
      ])
      return { cipherKey, passwordCheck: hkdf(sha256, master, undefined, CHECK_INFO, 32) }
    } finally {
      keyBytes.fill(0)
    }
  } finally {
    secret.fill(0)
    master?.fill(0)
  }
}

async function runKdf(
  secret: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  params: KdfParams,
): Promise<Uint8Array> {
  if (params.name === 'scrypt') {
    const { N, r, p } = params
    return scryptAsync(secret, salt, {
      N,
      r,
      p,
      dkLen: MASTER_BYTES,
      maxmem: KDF_CEILINGS.scryptMaxMemoryBytes + 4096,
    })
  }
  const base = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
    base,
    MASTER_BYTES * 8,
  )
  return new Uint8Array(bits)
}
