// One account's Ed25519 signing key (RFC 8032, through @noble/curves): it signs digests the core
// computes and can be wiped. Printing or serializing it shows a placeholder, never the key.
import { ed25519 } from '@noble/curves/ed25519.js'
import { SigningError } from './errors.ts'
import { Redacted } from './redacted.ts'

export const SECRET_KEY_BYTES = 32

export class AccountKey extends Redacted {
  /** The account number in Weft's derivation path. */
  readonly index: number
  readonly path: string
  readonly publicKey: Uint8Array
  #secretKey: Uint8Array | undefined

  /** Takes a copy of `secretKey`; the caller wipes its own. */
  constructor(secretKey: Uint8Array, index: number, path: string) {
    super('AccountKey')
    if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_BYTES) {
      throw new RangeError(`an Ed25519 secret key is ${SECRET_KEY_BYTES} bytes`)
    }
    this.#secretKey = secretKey.slice()
    this.publicKey = ed25519.getPublicKey(this.#secretKey)
    this.index = index
    this.path = path
  }

  get destroyed(): boolean {
    return this.#secretKey === undefined
  }

  sign(message: Uint8Array): Uint8Array {
    if (this.#secretKey === undefined) {
      throw new SigningError('KEY_DESTROYED', 'this account key was wiped; unlock the vault again')
    }
    return ed25519.sign(message, this.#secretKey)
  }

  /** Zeroes the secret key; the object can no longer sign. */
  destroy(): void {
    this.#secretKey?.fill(0)
    this.#secretKey = undefined
  }
}
