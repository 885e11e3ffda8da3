// Ed25519 keys for accounts and validators, through node:crypto (DESIGN §2.1: signing stays in
// TypeScript). The secret key is RFC 8032's 32-byte seed; randomness is crypto.getRandomValues.
import { createPrivateKey, createPublicKey, sign } from 'node:crypto'

export const SECRET_KEY_BYTES = 32
export const PUBLIC_KEY_BYTES = 32

// DER of a PKCS #8 OneAsymmetricKey for Ed25519 (RFC 8410, section 7) up to the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface Ed25519KeyPair {
  secretKey: Uint8Array
  publicKey: Uint8Array
}

export function generateEd25519Key(): Ed25519KeyPair {
  const secretKey = crypto.getRandomValues(new Uint8Array(SECRET_KEY_BYTES))
  return { secretKey, publicKey: ed25519PublicKey(secretKey) }
}

export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== SECRET_KEY_BYTES) {
    throw new RangeError(`an Ed25519 secret key is ${SECRET_KEY_BYTES} bytes`)
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]),
    format: 'der',
    type: 'pkcs8',
  })
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' })
  return Uint8Array.from(Buffer.from(jwk.x as string, 'base64url'))
}

/** A signing function over one key, the PKCS #8 key object built once. */
export function ed25519Signer(secretKey: Uint8Array): (message: Uint8Array) => Uint8Array {
  if (secretKey.length !== SECRET_KEY_BYTES) {
    throw new RangeError(`an Ed25519 secret key is ${SECRET_KEY_BYTES} bytes`)
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]),
    format: 'der',
    type: 'pkcs8',
  })
  return (message) => Uint8Array.from(sign(null, message, privateKey))
}
