// Errors about key files and their passwords, each with a stable code.

export type KeyFileErrorCode =
  /** Not JSON, or a field missing, mistyped or of the wrong length. */
  | 'MALFORMED'
  /** A version, kind, KDF or cipher this program does not read. */
  | 'UNSUPPORTED'
  /** KDF parameters beyond what a key file may ask for (they cost memory and time to try). */
  | 'KDF_LIMITS'
  /** AES-GCM refused the ciphertext: the password is wrong or the file was changed. */
  | 'WRONG_PASSWORD'

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError'
  readonly code: KeyFileErrorCode

  constructor(code: KeyFileErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export const WRONG_PASSWORD_MESSAGE = 'wrong password or corrupted key file'

export type PasswordErrorCode =
  /** No --password-file, no environment variable, and no terminal to ask on. */
  | 'NO_PASSWORD'
  | 'UNREADABLE_FILE'
  | 'EMPTY'
  | 'TOO_SHORT'
  /** The two passwords typed when creating a key differ. */
  | 'MISMATCH'
  /** Ctrl-C or Ctrl-D at the prompt. */
  | 'CANCELLED'

export class PasswordError extends Error {
  override readonly name = 'PasswordError'
  readonly code: PasswordErrorCode

  constructor(code: PasswordErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
