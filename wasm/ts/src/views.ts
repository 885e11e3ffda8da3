// Every chain object built and read from TypeScript as a view (docs/protocol/views.md): the core
// owns the only encoders and decoders, and views cross the boundary as its canonical JSON text.
// Byte fields are Uint8Array and u64 fields bigint here (view-types.ts); view-json.ts converts.
import { checkBytes } from './check.ts'
import { WeftCoreError, WeftInputError, WeftWasmError } from './errors.ts'
import type { CoreMemory } from './memory.ts'
import { jsonToView, viewToJson } from './view-json.ts'
import type { ParamsView, ViewKind, ViewTypes } from './view-types.ts'

export interface ViewExports {
  weft_view_decode(session: number, kind: number, bytes: number, len: number): number
  weft_view_default_params(session: number): void
  weft_view_encode(session: number, kind: number, json: number, len: number): number
  weft_view_sign_digest(
    session: number,
    kind: number,
    bytes: number,
    len: number,
    chainId: number,
    chainLen: number,
  ): number
  weft_view_id(session: number, kind: number, bytes: number, len: number): number
}

/** The core's kind numbers (view::ViewKind in wasm/src/view/object_view.hpp). */
export const VIEW_KINDS: Readonly<Record<ViewKind, number>> = {
  transaction: 1,
  header: 2,
  block: 3,
  receipt: 4,
  genesis: 5,
  account: 6,
  vote: 7,
  proposal: 8,
  commit: 9,
  evidence: 10,
  validatorSet: 11,
  lastSigned: 12,
  lightBlock: 13,
  stateProof: 14,
}

/** The kinds that carry a signature over a signing digest. */
export type SignedViewKind = 'transaction' | 'vote' | 'proposal'
/** The kinds with an id: a transaction's, or the block id of a header or block. */
export type IdentifiedViewKind = 'transaction' | 'header' | 'block'

function kindNumber(kind: unknown): number {
  const number = typeof kind === 'string' ? VIEW_KINDS[kind as ViewKind] : undefined
  if (number === undefined) {
    throw new WeftInputError(
      'WRONG_TYPE',
      `kind must be one of ${Object.keys(VIEW_KINDS).join(', ')}, got ${String(kind)}`,
    )
  }
  return number
}

/** Chain objects of one loaded core as views; WeftCore exposes it as `core.views`. */
export class ObjectCodec {
  readonly #x: ViewExports
  readonly #mem: CoreMemory

  constructor(x: ViewExports, mem: CoreMemory) {
    if (typeof x.weft_view_encode !== 'function') {
      throw new WeftWasmError('ABI_MISMATCH', 'weft_core.wasm has no object views; rebuild it')
    }
    this.#x = x
    this.#mem = mem
  }

  /** The canonical bytes of `view`; the core refuses anything its decoder would refuse. */
  encode<K extends ViewKind>(kind: K, view: ViewTypes[K]): Uint8Array {
    const number = kindNumber(kind)
    const text = new TextEncoder().encode(viewToJson(view))
    checkBytes('view', text)
    this.#call(`encoding a ${kind}`, text.length, (base) => {
      this.#mem.write(base, text)
      return this.#x.weft_view_encode(this.#mem.session, number, base, text.length)
    })
    return this.#mem.output()
  }

  /** Canonical bytes from JSON text in the view format (a genesis file, an API body). */
  encodeJson(kind: ViewKind, json: string): Uint8Array {
    const number = kindNumber(kind)
    const text = new TextEncoder().encode(json)
    checkBytes('json', text)
    this.#call(`encoding a ${kind}`, text.length, (base) => {
      this.#mem.write(base, text)
      return this.#x.weft_view_encode(this.#mem.session, number, base, text.length)
    })
    return this.#mem.output()
  }

  /** The canonical JSON text of `bytes`: what a genesis file or an API answer carries. */
  decodeJson(kind: ViewKind, bytes: Uint8Array): string {
    const number = kindNumber(kind)
    this.#callOn(`decoding a ${kind}`, bytes, (base) =>
      this.#x.weft_view_decode(this.#mem.session, number, base, bytes.length),
    )
    return new TextDecoder().decode(this.#mem.output())
  }

  /** The chain parameters the core uses by default: the starting point of a new genesis. */
  defaultParams(): ParamsView {
    this.#x.weft_view_default_params(this.#mem.session)
    return jsonToView(new TextDecoder().decode(this.#mem.output())) as ParamsView
  }

  /** The view of canonical `bytes`, or WeftCoreError with the decoder's reason. */
  decode<K extends ViewKind>(kind: K, bytes: Uint8Array): ViewTypes[K] {
    const number = kindNumber(kind)
    this.#callOn(`decoding a ${kind}`, bytes, (base) =>
      this.#x.weft_view_decode(this.#mem.session, number, base, bytes.length),
    )
    return jsonToView(new TextDecoder().decode(this.#mem.output())) as ViewTypes[K]
  }

  /** What the signer signs: sign_digest over the encoding without its signature, 32 bytes. */
  signDigest(kind: SignedViewKind, bytes: Uint8Array, chainId: string): Uint8Array {
    const number = kindNumber(kind)
    checkBytes('bytes', bytes)
    if (typeof chainId !== 'string')
      throw new WeftInputError('WRONG_TYPE', 'chainId must be a string')
    const chain = new TextEncoder().encode(chainId)
    this.#call(`hashing a ${kind} for signing`, bytes.length + chain.length, (base) => {
      this.#mem.write(base, bytes)
      this.#mem.write(base + bytes.length, chain)
      return this.#x.weft_view_sign_digest(
        this.#mem.session,
        number,
        base,
        bytes.length,
        base + bytes.length,
        chain.length,
      )
    })
    return this.#mem.output()
  }

  /** A transaction's id, or the block id of a header or block, 32 bytes. */
  id(kind: IdentifiedViewKind, bytes: Uint8Array): Uint8Array {
    const number = kindNumber(kind)
    this.#callOn(`identifying a ${kind}`, bytes, (base) =>
      this.#x.weft_view_id(this.#mem.session, number, base, bytes.length),
    )
    return this.#mem.output()
  }

  #callOn(what: string, bytes: Uint8Array, call: (base: number) => number): void {
    checkBytes('bytes', bytes)
    this.#call(what, bytes.length, (base) => {
      this.#mem.write(base, bytes)
      return call(base)
    })
  }

  #call(what: string, size: number, call: (base: number) => number): void {
    const status = this.#mem.withRegion(size, call)
    if (status < 0) {
      const code = this.#mem.errorName(status)
      throw new WeftCoreError(code, `${what}: ${code}`)
    }
  }
}
