// The framing of requests to and answers from weft_core.wasm: the canonical encoding's own
// primitives (minimal LEB128 varints, big-endian integers, varint-length byte strings), used only
// to carry canonical objects and plain fields across the boundary — never to encode chain
// objects themselves, which only the core does.
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
  #pos = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
  }

  get done(): boolean {
    return this.#pos === this.#bytes.length
  }

  fixed(n: number): Uint8Array {
    if (this.#pos + n > this.#bytes.length) truncated()
    const out = this.#bytes.slice(this.#pos, this.#pos + n)
    this.#pos += n
    return out
  }

  u8(): number {
    const b = this.#bytes[this.#pos++]
    if (b === undefined) truncated()
    return b
  }

  u32(): number {
    const b = this.fixed(4)
    return new DataView(b.buffer).getUint32(0)
  }

  u64(): bigint {
    const b = this.fixed(8)
    return new DataView(b.buffer).getBigUint64(0)
  }

  varint(): number {
    let v = 0
    let scale = 1
    for (;;) {
      const b = this.u8()
      v += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return v
      scale *= 128
    }
  }

  bytes(): Uint8Array {
    return this.fixed(this.varint())
  }

  list<T>(item: (r: FrameReader) => T): T[] {
    const count = this.varint()
    const out: T[] = []
    for (let i = 0; i < count; i++) out.push(item(this))
    return out
  }
}

function truncated(): never {
  throw new WeftWasmError('LOAD_FAILED', 'truncated answer from weft_core.wasm')
}
