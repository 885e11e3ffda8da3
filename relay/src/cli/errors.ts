// Errors the CLI reports to the user and maps to its exit status.

/** The command line cannot be run as given; `weft` prints the message and exits 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError'
  readonly code = 'USAGE'
  /** The flag at fault, when there is one (e.g. `--listen`). */
  readonly flag: string | undefined
  /** The value at fault, when there is one. */
  readonly value: string | undefined

  constructor(message: string, details: { flag?: string; value?: string } = {}) {
    super(message)
    this.flag = details.flag
    this.value = details.value
  }
}

export type WalletErrorCode =
  /** The key file cannot be read, or is not a key file. */
  | 'BAD_KEY_FILE'
  /** The balance cannot cover the amount plus the most the fee can be; nothing was sent. */
  | 'INSUFFICIENT_FUNDS'
  /** The core refuses the signed transaction before it is sent; its TxError is in the message. */
  | 'INVALID_TX'
  /** The node's state proof does not check against the root it reported. */
  | 'BAD_PROOF'
  /** The node's answer lacks what the API documents. */
  | 'BAD_ANSWER'
  /** A transaction sent with --wait was not made final: failed, replaced, dropped, timed out. */
  | 'NOT_FINAL'

/** `weft wallet` could not do what was asked; `weft` prints the message and exits 1. */
export class WalletError extends Error {
  override readonly name = 'WalletError'
  readonly code: WalletErrorCode

  constructor(code: WalletErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
