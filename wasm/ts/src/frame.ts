// The framing of requests to and answers from weft_core.wasm: the canonical encoding's own
// primitives (minimal LEB128 varints, big-endian integers, varint-length byte strings), used only
// to carry canonical objects and plain fields across the boundary — never to encode chain
// objects themselves, which only the core does. Layouts are documented beside each export
// (wasm/src/abi/).
import { WeftWasmError } from './errors.ts'

export class FrameWriter {
  readonly #parts: Uint8Array[] = []
  #length = 0

  get length(): number {
    return this.#length
  }

  raw(bytes: Uint8Array): this {
    this.#parts.push(bytes)
    this.#length += bytes.length
    return this
  }

  u8(v: number): this {
    return this.raw(Uint8Array.of(v))
  }

  u64(v: bigint): this {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, v)
    return this.raw(b)
  }

  varint(n: number): this {
    const out: number[] = []
    let v = n
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80)
      v = Math.floor(v / 128)
    }
    out.push(v)
    return this.raw(Uint8Array.from(out))
  }

  bytes(b: Uint8Array): this {
    return this.varint(b.length).raw(b)
  }

  optionalBytes(b: Uint8Array | undefined): this {
    return b === undefined ? this.u8(0) : this.u8(1).bytes(b)
  }

  list(items: readonly Uint8Array[]): this {
    this.varint(items.length)
    for (const item of items) this.bytes(item)
    return this
  }

  /** Copies the frame into WASM memory at `at` (see CoreMemory.withRegion). */
  writeTo(write: (at: number, data: Uint8Array) => void, at: number): void {
    let pos = at
    for (const p of this.#parts) {
      write(pos, p)
      pos += p.length
    }
  }
}

export class FrameReader {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  #pos = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  u8(): number {
    return this.#view.getUint8(this.#take(1))
  }

  u32(): number {
    return this.#view.getUint32(this.#take(4))
  }

  i32(): number {
    return this.#view.getInt32(this.#take(4))
  }

  u64(): bigint {
    return this.#view.getBigUint64(this.#take(8))
  }

  varint(): number {
    let value = 0
    let scale = 1
    for (;;) {
      const b = this.u8()
      value += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return value
      scale *= 128
    }
  }

  fixed(length: number): Uint8Array {
    const at = this.#take(length)
    return this.#bytes.slice(at, at + length)
  }

  bytes(): Uint8Array {
    return this.fixed(this.varint())
  }

  /** Everything not read yet. */
  rest(): Uint8Array {
    return this.fixed(this.#bytes.length - this.#pos)
  }

  get done(): boolean {
    return this.#pos === this.#bytes.length
  }

  list<T>(item: (r: FrameReader) => T): T[] {
    const count = this.varint()
    const out: T[] = []
    for (let i = 0; i < count; i++) out.push(item(this))
    return out
  }

  /** The answer must end here: anything else means the loader and the module disagree. */
  end(): void {
    if (this.#pos !== this.#bytes.length) this.#corrupt()
  }

  #take(length: number): number {
    const at = this.#pos
    if (at + length > this.#bytes.length) this.#corrupt()
    this.#pos += length
    return at
  }

  #corrupt(): never {
    throw new WeftWasmError(
      'LOAD_FAILED',
      'weft_core.wasm gave an answer this loader cannot read; rebuild it',
    )
  }
}
