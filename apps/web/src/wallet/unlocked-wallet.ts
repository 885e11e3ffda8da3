// An unlocked wallet: the vault's secrets (for signing, held only until lock) and account 0's
// public key and address, derived once. The key itself is derived again for each signature and
// wiped right after, so it is not kept in memory between sends.
import {
  accountAddress,
  parseAddress,
  type SignedTransaction,
  signTransaction,
  type UnsignedTransaction,
  type VaultSecrets,
} from '@weft/core'
import type { WeftCore } from '@weft/wasm'

const ACCOUNT = 0

export class UnlockedWallet {
  readonly #secrets: VaultSecrets
  readonly publicKey: Uint8Array
  readonly address: string
  readonly addressBytes: Uint8Array

  private constructor(secrets: VaultSecrets, publicKey: Uint8Array, address: string) {
    this.#secrets = secrets
    this.publicKey = publicKey
    this.address = address
    this.addressBytes = parseAddress(address)
  }

  static async from(core: WeftCore, secrets: VaultSecrets): Promise<UnlockedWallet> {
    const key = await secrets.accountKey(ACCOUNT)
    try {
      return new UnlockedWallet(secrets, key.publicKey, accountAddress(core, key.publicKey))
    } finally {
      key.destroy()
    }
  }

  /** Signs through the core (which must accept the result); the key lives for this call only. */
  async sign(core: WeftCore, chainId: string, tx: UnsignedTransaction): Promise<SignedTransaction> {
    const key = await this.#secrets.accountKey(ACCOUNT)
    try {
      return signTransaction(core, chainId, tx, key)
    } finally {
      key.destroy()
    }
  }

  lock(): void {
    this.#secrets.destroy()
  }

  toJSON(): string {
    return `[UnlockedWallet ${this.address}]`
  }
}
