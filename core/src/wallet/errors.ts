// Errors the wallet primitives throw for input a user or a stored record got wrong. Each has a
// stable `code` the app maps to its own words; messages never contain a secret.

export type MnemonicErrorCode = 'WRONG_TYPE' | 'WRONG_WORD_COUNT' | 'UNKNOWN_WORD' | 'BAD_CHECKSUM'

/** A recovery phrase that is not a valid English BIP39 mnemonic; `code` says why. */
export class MnemonicError extends Error {
  override readonly name = 'MnemonicError'
  readonly code: MnemonicErrorCode
  /** UNKNOWN_WORD: the 1-based position of the first word not in the list. */
  declare readonly position?: number
  /**
   * UNKNOWN_WORD: the list word the user most likely meant, when one clearly is. It is probably a
   * word of the real phrase, so it stays out of the message and is not enumerable: error
   * reporters and JSON that serialize the error's own fields do not carry it.
   */
  declare readonly suggestion?: string

  constructor(
    code: MnemonicErrorCode,
    message: string,
    detail: { position?: number; suggestion?: string } = {},
  ) {
    super(message)
    this.code = code
    if (detail.position !== undefined) {
      Object.defineProperty(this, 'position', { value: detail.position, enumerable: true })
    }
    if (detail.suggestion !== undefined) {
      Object.defineProperty(this, 'suggestion', { value: detail.suggestion, enumerable: false })
    }
  }
}

export type DerivationErrorCode = 'BAD_SEED' | 'BAD_PATH' | 'NOT_HARDENED' | 'BAD_ACCOUNT'

/** A seed, derivation path or account number SLIP-0010 ed25519 cannot use. */
export class DerivationError extends Error {
  override readonly name = 'DerivationError'
  readonly code: DerivationErrorCode

  constructor(code: DerivationErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export type SigningErrorCode = 'WRONG_SENDER' | 'KEY_DESTROYED' | 'REFUSED_BY_CORE'

/** A transaction this key cannot sign, or one the core refuses once signed. */
export class SigningError extends Error {
  override readonly name = 'SigningError'
  readonly code: SigningErrorCode
  /** REFUSED_BY_CORE: the core's TxError name, unchanged (docs/protocol/transactions.md §1.1). */
  readonly reason?: string

  constructor(code: SigningErrorCode, message: string, reason?: string) {
    super(message)
    this.code = code
    if (reason !== undefined) this.reason = reason
  }
}

export type VaultErrorCode =
  | 'WRONG_PASSWORD'
  | 'TAMPERED'
  | 'MALFORMED'
  | 'UNSUPPORTED'
  | 'KDF_LIMITS'
  | 'EMPTY_PASSWORD'
  | 'BAD_CONTENTS'
  | 'LOCKED'

/**
 * A vault that cannot be sealed or opened. WRONG_PASSWORD and TAMPERED are told apart by the
 * record's password check (docs/wallet.md, "Vault"); in both cases nothing was decrypted.
 */
export class VaultError extends Error {
  override readonly name = 'VaultError'
  readonly code: VaultErrorCode

  constructor(code: VaultErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
