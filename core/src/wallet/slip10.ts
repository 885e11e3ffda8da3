// SLIP-0010 key derivation for ed25519 (github.com/satoshilabs/slips, slip-0010.md): the master
// key is HMAC-SHA512("ed25519 seed", seed); a child is HMAC-SHA512(chain code,
// 0x00 ‖ key ‖ ser32(index)), split into key (left 32 bytes) and chain code (right 32). Only
// hardened children exist for ed25519, since there is no public-key arithmetic to mirror.
import { hmac } from '@noble/hashes/hmac.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { DerivationError } from './errors.ts'

export const HARDENED_OFFSET = 0x8000_0000
const MASTER_HMAC_KEY = new TextEncoder().encode('ed25519 seed')
// BIP32 allows seeds of 128 to 512 bits; BIP39 seeds are 512.
const MIN_SEED_BYTES = 16
const MAX_SEED_BYTES = 64
const MAX_DEPTH = 255

/** A node of the tree: the 32-byte ed25519 secret key (RFC 8032 seed) and its chain code. */
export interface ExtendedKey {
  key: Uint8Array
  chainCode: Uint8Array
}

export function slip10MasterKey(seed: Uint8Array): ExtendedKey {
  if (!(seed instanceof Uint8Array)) {
    throw new DerivationError('BAD_SEED', 'a seed must be a Uint8Array')
  }
  if (seed.length < MIN_SEED_BYTES || seed.length > MAX_SEED_BYTES) {
    throw new DerivationError(
      'BAD_SEED',
      `a seed is ${MIN_SEED_BYTES} to ${MAX_SEED_BYTES} bytes, got ${seed.length}`,
    )
  }
  return split(hmac(sha512, MASTER_HMAC_KEY, seed))
}

/** The hardened child `index` (already ≥ 2^31) of `parent`. */
export function slip10HardenedChild(parent: ExtendedKey, index: number): ExtendedKey {
  if (!Number.isInteger(index) || index < HARDENED_OFFSET || index > 0xffff_ffff) {
    throw new DerivationError(
      'NOT_HARDENED',
      `ed25519 derives only hardened children (2^31 to 2^32 − 1), not ${index}`,
    )
  }
  const data = new Uint8Array(37)
  data.set(parent.key, 1)
  new DataView(data.buffer).setUint32(33, index)
  try {
    return split(hmac(sha512, parent.chainCode, data))
  } finally {
    data.fill(0)
  }
}

/**
 * Path text such as m/44'/1464157780'/0'/0'/0' into child indexes (hardened offset included).
 * Every level must be hardened, marked ' or h or H.
 */
export function parseDerivationPath(path: string): number[] {
  if (typeof path !== 'string') throw new DerivationError('BAD_PATH', 'a path must be a string')
  const [root, ...levels] = path.split('/')
  if (root !== 'm') {
    throw new DerivationError('BAD_PATH', `"${path}" is not a derivation path: it starts with m/`)
  }
  if (levels.length > MAX_DEPTH) {
    throw new DerivationError('BAD_PATH', `"${path}" is deeper than ${MAX_DEPTH} levels`)
  }
  return levels.map((level, i) => {
    const match = /^(0|[1-9][0-9]{0,9})(['hH]?)$/.exec(level)
    const value = match === null ? Number.NaN : Number(match[1])
    if (match === null || value >= HARDENED_OFFSET) {
      throw new DerivationError(
        'BAD_PATH',
        `level ${i + 1} of "${path}" is not an index from 0 to 2^31 − 1`,
      )
    }
    if (match[2] === '') {
      throw new DerivationError(
        'NOT_HARDENED',
        `level ${i + 1} of "${path}" is not hardened (add '): ed25519 derives only hardened keys`,
      )
    }
    return value + HARDENED_OFFSET
  })
}

export function formatDerivationPath(indexes: readonly number[]): string {
  return ['m', ...indexes.map((i) => `${i - HARDENED_OFFSET}'`)].join('/')
}

/** The key at `path` below the seed's master key; intermediate keys are wiped on the way. */
export function slip10DerivePath(seed: Uint8Array, path: string | readonly number[]): ExtendedKey {
  const indexes = typeof path === 'string' ? parseDerivationPath(path) : path
  let node = slip10MasterKey(seed)
  try {
    for (const index of indexes) {
      const child = slip10HardenedChild(node, index)
      wipeExtendedKey(node)
      node = child
    }
  } catch (err) {
    wipeExtendedKey(node)
    throw err
  }
  return node
}

export function wipeExtendedKey(node: ExtendedKey): void {
  node.key.fill(0)
  node.chainCode.fill(0)
}

function split(digest: Uint8Array): ExtendedKey {
  const node = { key: digest.slice(0, 32), chainCode: digest.slice(32, 64) }
  digest.fill(0)
  return node
}
