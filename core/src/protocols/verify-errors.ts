// Errors a caller of the verify protocol may handle, each with a stable `name` and `code`.

export type VerifyInputErrorCode = 'WRONG_LENGTH' | 'TOO_LARGE'

/** The caller's own request cannot be sent (wrong key or signature length, message too long). */
export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError'
  readonly code: VerifyInputErrorCode

  constructor(code: VerifyInputErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export type VerifyDecodeErrorCode = 'MALFORMED' | 'TOO_LARGE'

/** Bytes received on the wire are not a well-formed verify frame. */
export class VerifyDecodeError extends Error {
  override readonly name = 'VerifyDecodeError'
  readonly code: VerifyDecodeErrorCode

  constructor(code: VerifyDecodeErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export type VerifyRemoteErrorCode = 'MALFORMED' | 'TOO_LARGE' | 'TIMEOUT' | 'INTERNAL'

/** The server answered with an error instead of a verdict; `detail` is its explanation. */
export class VerifyRemoteError extends Error {
  override readonly name = 'VerifyRemoteError'
  readonly code: VerifyRemoteErrorCode
  readonly detail: string

  constructor(code: VerifyRemoteErrorCode, detail: string) {
    super(`the node rejected the verify request (${code}): ${detail}`)
    this.code = code
    this.detail = detail
  }
}

/** No answer arrived before the deadline (or the caller's signal aborted the request). */
export class VerifyTimeoutError extends Error {
  override readonly name = 'VerifyTimeoutError'
  readonly code = 'TIMEOUT'

  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
  }
}
