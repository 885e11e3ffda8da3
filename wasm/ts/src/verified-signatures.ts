// A handle on the core's memo of verified transaction signatures (wasm/src/chain/
// verified_signatures.hpp): pass it to admission, building and validation, and a transaction the
// node's pool admitted is not verified again when its block is built or validated. Only the core
// fills it, after its own verification, so no answer ever rests on the host's word.
import { chainIdBytes } from './chain.ts'
import { WeftInputError, WeftWasmError } from './errors.ts'
import type { CoreMemory } from './memory.ts'

export interface VerifiedSignaturesExports {
  weft_verified_new(chainId: number, chainLen: number, capacity: number): number
  weft_verified_free(handle: number): void
}

export interface VerifiedSignaturesOptions {
  /** Transactions remembered at least (default 131 072: more than a full pool of transfers). */
  capacity?: number
}

const DEFAULT_CAPACITY = 131_072

const openHandles = new WeakMap<VerifiedSignatures, () => number>()

/** The open memo's handle in weft_core.wasm, or 0 for none; throws if it is closed. */
export function verifiedHandle(memo: VerifiedSignatures | undefined): number {
  if (memo === undefined) return 0
  const open = openHandles.get(memo)
  if (open === undefined) {
    throw new WeftInputError('WRONG_TYPE', 'signatures must be a VerifiedSignatures')
  }
  return open()
}

/** The memo for one chain id. Not thread-safe; close() frees it. */
export class VerifiedSignatures {
  readonly chainId: string
  readonly #x: VerifiedSignaturesExports
  #handle: number

  constructor(
    x: VerifiedSignaturesExports,
    mem: CoreMemory,
    chainId: string,
    options: VerifiedSignaturesOptions = {},
  ) {
    const capacity = options.capacity ?? DEFAULT_CAPACITY
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 24) {
      throw new WeftInputError(
        'WRONG_TYPE',
        `capacity must be an integer from 1 to 2^24, got ${capacity}`,
      )
    }
    const chain = chainIdBytes(chainId)
    this.chainId = chainId
    this.#x = x
    this.#handle = mem.withRegion(chain.length, (base) => {
      mem.write(base, chain)
      return x.weft_verified_new(base, chain.length, capacity)
    })
    if (this.#handle === 0) {
      throw new WeftWasmError('OUT_OF_MEMORY', 'weft_core.wasm could not open a signature memo')
    }
    openHandles.set(this, () => {
      if (this.#handle === 0) {
        throw new WeftInputError('WRONG_TYPE', 'this signature memo is closed')
      }
      return this.#handle
    })
  }

  close(): void {
    if (this.#handle === 0) return
    this.#x.weft_verified_free(this.#handle)
    this.#handle = 0
  }
}
