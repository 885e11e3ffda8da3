// Errors @weft/wasm callers may handle, each with a stable `code`.

export type WeftInputErrorCode = 'WRONG_TYPE' | 'WRONG_LENGTH' | 'TOO_LARGE'

/** A caller passed something the core cannot accept; nothing was sent to WASM. */
export class WeftInputError extends Error {
  override readonly name = 'WeftInputError'
  readonly code: WeftInputErrorCode

  constructor(code: WeftInputErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export type WeftWasmErrorCode = 'ABI_MISMATCH' | 'OUT_OF_MEMORY' | 'LOAD_FAILED'

/** The module itself is unusable: wrong build, failed load, or its memory is exhausted. */
export class WeftWasmError extends Error {
  override readonly name = 'WeftWasmError'
  readonly code: WeftWasmErrorCode

  constructor(code: WeftWasmErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/**
 * The core rejected something under the chain's rules. `code` is the core's own name, as
 * "Domain.Reason" (for example "ProofError.RootMismatch" or "DecodeError.Truncated").
 */
export class WeftCoreError extends Error {
  override readonly name = 'WeftCoreError'
  readonly code: string
  readonly domain: string
  readonly reason: string

  constructor(code: string, message?: string) {
    super(message ?? code)
    this.code = code
    const dot = code.indexOf('.')
    this.domain = code.slice(0, dot)
    this.reason = code.slice(dot + 1)
  }
}
