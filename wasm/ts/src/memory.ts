// The memory discipline of the boundary: inputs go into one reusable scratch region (or a
// temporary allocation that is always freed), answers of variable size come back through a
// session's output buffer, and views are re-taken whenever linear memory grows.
import { WeftWasmError } from './errors.ts'

const SCRATCH_BYTES = 64 * 1024

export interface MemoryExports {
  memory: WebAssembly.Memory
  weft_alloc(size: number): number
  weft_free(ptr: number): void
  weft_session_new(): number
  weft_out_ptr(session: number): number
  weft_out_len(session: number): number
  weft_error_name(session: number, status: number): void
}

export class CoreMemory {
  static readonly SCRATCH_BYTES = SCRATCH_BYTES
  readonly scratch: number
  /** The session whose output buffer carries variable-size answers. */
  readonly session: number
  readonly #x: MemoryExports
  #view: Uint8Array

  constructor(exports: MemoryExports) {
    this.#x = exports
    this.scratch = this.alloc(SCRATCH_BYTES)
    this.session = exports.weft_session_new()
    if (this.session === 0)
      throw new WeftWasmError('OUT_OF_MEMORY', 'weft_core.wasm could not open a session')
    this.#view = new Uint8Array(exports.memory.buffer)
  }

  get byteLength(): number {
    return this.#x.memory.buffer.byteLength
  }

  /** Runs `use` on `size` bytes of WASM memory: the scratch region, or a temporary allocation. */
  withRegion<T>(size: number, use: (base: number) => T): T {
    if (size <= SCRATCH_BYTES) return use(this.scratch)
    const base = this.alloc(size)
    try {
      return use(base)
    } finally {
      this.#x.weft_free(base)
    }
  }

  /** Copies `inputs` one after another into one region and runs `use` on their addresses. */
  withInputs<T>(inputs: readonly Uint8Array[], use: (...at: number[]) => T): T {
    const total = inputs.reduce((sum, b) => sum + b.length, 0)
    return this.withRegion(total, (base) => {
      const at: number[] = []
      let ptr = base
      for (const input of inputs) {
        this.write(ptr, input)
        at.push(ptr)
        ptr += input.length
      }
      return use(...at)
    })
  }

  alloc(size: number): number {
    const ptr = this.#x.weft_alloc(size)
    if (ptr === 0)
      throw new WeftWasmError('OUT_OF_MEMORY', `weft_core.wasm could not allocate ${size} bytes`)
    return ptr
  }

  // Growing memory detaches the old ArrayBuffer, so views are re-taken when the buffer changes.
  bytes(): Uint8Array {
    if (this.#view.buffer !== this.#x.memory.buffer)
      this.#view = new Uint8Array(this.#x.memory.buffer)
    return this.#view
  }

  write(ptr: number, data: Uint8Array): void {
    this.bytes().set(data, ptr)
  }

  read(ptr: number, length: number): Uint8Array {
    return this.bytes().slice(ptr, ptr + length)
  }

  /** A copy of the session's output buffer: the answer of the last call that produced bytes. */
  output(): Uint8Array {
    return this.read(this.#x.weft_out_ptr(this.session), this.#x.weft_out_len(this.session))
  }

  /** "Domain.Reason" for a negative status. */
  errorName(status: number): string {
    this.#x.weft_error_name(this.session, status)
    return new TextDecoder().decode(this.output())
  }
}
