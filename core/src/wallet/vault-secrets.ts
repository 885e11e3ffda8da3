// What an unlocked vault holds — the phrase, the BIP39 passphrase, the accounts — behind getters
// on #private fields, printed and serialized as a placeholder. destroy() drops them: JavaScript
// strings cannot be overwritten, so this is as far as wiping a phrase goes (docs/wallet.md).

import { deriveAccountKey } from './account.ts'
import type { AccountKey } from './account-key.ts'
import { VaultError } from './errors.ts'
import { mnemonicToSeed } from './mnemonic.ts'
import { Redacted } from './redacted.ts'

/** An account the wallet shows: its number in the derivation path and the user's label. */
export interface VaultAccount {
  index: number
  name?: string
}

/** What a vault is sealed from. */
export interface VaultContents {
  phrase: string
  /** BIP39's optional passphrase ("25th word"); '' or absent for none. */
  passphrase?: string
  accounts: VaultAccount[]
}

export class VaultSecrets extends Redacted {
  #contents: Required<VaultContents> | undefined

  /** Takes already-checked contents (see vault-contents.ts). */
  constructor(contents: Required<VaultContents>) {
    super('VaultSecrets')
    this.#contents = contents
  }

  get phrase(): string {
    return this.#open().phrase
  }

  get passphrase(): string {
    return this.#open().passphrase
  }

  get accounts(): VaultAccount[] {
    return this.#open().accounts.map((a) => ({ ...a }))
  }

  get destroyed(): boolean {
    return this.#contents === undefined
  }

  /** The 64-byte BIP39 seed; the caller wipes it. */
  seed(): Promise<Uint8Array> {
    const { phrase, passphrase } = this.#open()
    return mnemonicToSeed(phrase, passphrase)
  }

  /** The signing key of account `index`, the seed wiped once it is derived. */
  async accountKey(index: number): Promise<AccountKey> {
    const seed = await this.seed()
    try {
      return deriveAccountKey(seed, index)
    } finally {
      seed.fill(0)
    }
  }

  /** Forgets the contents (on lock); later reads throw VaultError LOCKED. */
  destroy(): void {
    this.#contents = undefined
  }

  #open(): Required<VaultContents> {
    if (this.#contents === undefined) {
      throw new VaultError('LOCKED', 'the vault is locked; unlock it with its password')
    }
    return this.#contents
  }
}
