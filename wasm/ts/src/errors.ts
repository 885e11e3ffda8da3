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
