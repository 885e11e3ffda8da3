// The password → key step of key files: scrypt (RFC 7914) from node:crypto, over the password
// in Unicode NFKC so the same password typed on any system gives the same key.
import { scrypt } from 'node:crypto'
import { KeyFileError } from './errors.ts'

export interface ScryptParams {
  N: number
  r: number
  p: number
}

export const KEY_BYTES = 32
/** Bounds on what a file may ask for: below, too cheap to guess; above, a memory bomb. */
export const MIN_LOG2_N = 14
export const MAX_LOG2_N = 20
export const MAX_R = 32
export const MAX_P = 16
const MAX_MEMORY_BYTES = 2 ** 30

/** Throws KDF_LIMITS unless N, r, p are within what this program agrees to compute. */
export function checkScryptParams(params: ScryptParams): void {
  const { N, r, p } = params
  const powerOfTwo = Number.isSafeInteger(N) && N > 0 && (N & (N - 1)) === 0
  if (!powerOfTwo || N < 2 ** MIN_LOG2_N || N > 2 ** MAX_LOG2_N) {
    throw new KeyFileError(
      'KDF_LIMITS',
      `scrypt N is ${N}; allowed: a power of two from 2^${MIN_LOG2_N} to 2^${MAX_LOG2_N}`,
    )
  }
  if (!Number.isSafeInteger(r) || r < 1 || r > MAX_R) {
    throw new KeyFileError('KDF_LIMITS', `scrypt r is ${r}; allowed: 1 to ${MAX_R}`)
  }
  if (!Number.isSafeInteger(p) || p < 1 || p > MAX_P) {
    throw new KeyFileError('KDF_LIMITS', `scrypt p is ${p}; allowed: 1 to ${MAX_P}`)
  }
  if (memoryBytes(params) > MAX_MEMORY_BYTES) {
    throw new KeyFileError('KDF_LIMITS', `scrypt N·r needs more than 1 GiB; allowed: up to 1 GiB`)
  }
}

function memoryBytes({ N, r }: ScryptParams): number {
  return 128 * N * r
}

export function deriveKey(
  password: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Uint8Array> {
  checkScryptParams(params)
  const secret = Buffer.from(password.normalize('NFKC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, { ...params, maxmem: 2 * memoryBytes(params) }, (err, key) => {
      secret.fill(0)
      if (err === null) resolve(new Uint8Array(key.buffer, key.byteOffset, key.length))
      else reject(err)
    })
  })
}
