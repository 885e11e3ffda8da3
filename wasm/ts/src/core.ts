// The typed face of weft_core.wasm. Owns the module's memory discipline: every call copies its
// inputs into one reusable scratch region (or a temporary allocation that is always freed), so
// any number of calls leaves linear memory the size it was.

import { BlockEngine, type BlockExports } from './blocks.ts'
import { ChainCodec, type ChainExports } from './chain.ts'
import { checkBytes, MAX_INPUT_BYTES } from './check.ts'
import {
  type CheckResult,
  type ConsensusExports,
  type ConsensusInit,
  ConsensusMachine,
  ConsensusRules,
} from './consensus.ts'
import { WeftInputError, WeftWasmError } from './errors.ts'
import {
  attackEvidence,
  checkWitness,
  LightBisection,
  type LightExports,
  type LightOptions,
  type TrustedLightBlock,
  verifyLightBlock,
  type WitnessCheck,
} from './light.ts'
import { CoreMemory, type MemoryExports } from './memory.ts'
import {
  type HostStores,
  type NodeStore,
  type ProofCheck,
  type StateExports,
  StateTree,
  type StateTreeOptions,
  stateNodeChildren,
  verifyStateProof,
} from './state.ts'
import {
  VerifiedSignatures,
  type VerifiedSignaturesExports,
  type VerifiedSignaturesOptions,
} from './verified-signatures.ts'
import { ObjectCodec, type ViewExports } from './views.ts'

/** The ABI version this loader speaks; weft_core.wasm reports its own. */
export const ABI_VERSION = 3

const PUBLIC_KEY_BYTES = 32
const SIGNATURE_BYTES = 64
const SEED_BYTES = 32

interface CoreExports
  extends MemoryExports,
    StateExports,
    ChainExports,
    BlockExports,
    ConsensusExports,
    LightExports,
    VerifiedSignaturesExports,
    ViewExports {
  weft_abi_version(): number
  weft_sha256(data: number, len: number, out: number): void
  weft_sha512(data: number, len: number, out: number): void
  weft_sha256_new(): number
  weft_sha256_update(handle: number, data: number, len: number): void
  weft_sha256_finish(handle: number, out: number): void
  weft_sha512_new(): number
  weft_sha512_update(handle: number, data: number, len: number): void
  weft_sha512_finish(handle: number, out: number): void
  weft_ed25519_verify(
    publicKey: number,
    message: number,
    messageLen: number,
    signature: number,
  ): number
  weft_ed25519_verify_batch(
    count: number,
    publicKeys: number,
    signatures: number,
    messages: number,
    messageLens: number,
    seed: number,
    results: number,
  ): number
}

export interface SignedMessage {
  publicKey: Uint8Array
  message: Uint8Array
  signature: Uint8Array
}

export interface BatchResult {
  /** True when every signature in the batch is valid. */
  allValid: boolean
  /** One entry per item, in order: exactly what ed25519Verify would answer for it. */
  valid: boolean[]
}

type HashKind = 'sha256' | 'sha512'

export class WeftCore {
  readonly #x: CoreExports
  readonly #mem: CoreMemory
  readonly #stores: HostStores

  /** @param stores the registry the module's weft_host.node_get import reads from */
  constructor(instance: WebAssembly.Instance, stores: HostStores) {
    this.#x = instance.exports as unknown as CoreExports
    const version = this.#x.weft_abi_version()
    if (version !== ABI_VERSION) {
      throw new WeftWasmError(
        'ABI_MISMATCH',
        `weft_core.wasm speaks ABI ${version}, this loader speaks ${ABI_VERSION}; rebuild with npm run build`,
      )
    }
    this.#mem = new CoreMemory(this.#x)
    this.#stores = stores
    stores.attach(this.#mem)
    this.chain = new ChainCodec(this.#x, this.#mem)
    this.blocks = new BlockEngine(this.#x, this.#mem)
    this.consensus = new ConsensusRules(this.#x, this.#mem)
    this.views = new ObjectCodec(this.#x, this.#mem)
  }

  /** Genesis, block validation, execution and building, stateful transaction checks. */
  readonly blocks: BlockEngine

  /** Transactions built, read, hashed for signing and checked by the core. */
  readonly chain: ChainCodec

  /** Commit and evidence checks, the sign guard and signing helpers (docs/protocol/consensus.md). */
  readonly consensus: ConsensusRules

  /** Every chain object built and read as a view, hashed for signing and identified. */
  readonly views: ObjectCodec

  /** Bytes of WASM linear memory in use; flat across calls (the memory discipline tests assert it). */
  get memoryBytes(): number {
    return this.#mem.byteLength
  }

  sha256(data: Uint8Array): Uint8Array {
    return this.#hash('sha256', checkBytes('data', data), 32)
  }

  sha512(data: Uint8Array): Uint8Array {
    return this.#hash('sha512', checkBytes('data', data), 64)
  }

  /** Ed25519 verification under Weft's ZIP-215 rules (see wasm/src/crypto/ed25519/verify.hpp). */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    checkBytes('publicKey', publicKey, PUBLIC_KEY_BYTES)
    checkBytes('message', message)
    checkBytes('signature', signature, SIGNATURE_BYTES)
    return this.#mem.withRegion(PUBLIC_KEY_BYTES + SIGNATURE_BYTES + message.length, (base) => {
      const sig = base + PUBLIC_KEY_BYTES
      const msg = sig + SIGNATURE_BYTES
      this.#mem.write(base, publicKey)
      this.#mem.write(sig, signature)
      this.#mem.write(msg, message)
      return this.#x.weft_ed25519_verify(base, msg, message.length, sig) === 1
    })
  }

  /**
   * Verifies many signatures in one call with a random linear combination. `seed` (32 bytes)
   * chooses the combination's coefficients; pass fresh random bytes (the default) so no signer
   * can predict them. The answer per item always equals ed25519Verify's.
   */
  ed25519VerifyBatch(items: readonly SignedMessage[], seed?: Uint8Array): BatchResult {
    if (!Array.isArray(items)) {
      throw new WeftInputError(
        'WRONG_TYPE',
        'items must be an array of { publicKey, message, signature }',
      )
    }
    const seedBytes =
      seed === undefined
        ? crypto.getRandomValues(new Uint8Array(SEED_BYTES))
        : checkBytes('seed', seed, SEED_BYTES)
    let messageBytes = 0
    items.forEach((item, i) => {
      if (typeof item !== 'object' || item === null) {
        throw new WeftInputError('WRONG_TYPE', `items[${i}] must be an object`)
      }
      checkBytes(`items[${i}].publicKey`, item.publicKey, PUBLIC_KEY_BYTES)
      checkBytes(`items[${i}].signature`, item.signature, SIGNATURE_BYTES)
      messageBytes += checkBytes(`items[${i}].message`, item.message).length
    })
    const n = items.length
    if (messageBytes > MAX_INPUT_BYTES) {
      throw new WeftInputError(
        'TOO_LARGE',
        `the batch's messages total ${messageBytes} bytes; the limit is ${MAX_INPUT_BYTES}`,
      )
    }
    // Layout: lens (u32, 4-aligned first) | seed | public keys | signatures | results | messages
    const lensAt = 0
    const seedAt = lensAt + 4 * n
    const keysAt = seedAt + SEED_BYTES
    const sigsAt = keysAt + PUBLIC_KEY_BYTES * n
    const resultsAt = sigsAt + SIGNATURE_BYTES * n
    const messagesAt = resultsAt + n
    return this.#mem.withRegion(messagesAt + messageBytes, (base) => {
      const lens = new DataView(this.#x.memory.buffer, base + lensAt, 4 * n)
      this.#mem.write(base + seedAt, seedBytes)
      let offset = base + messagesAt
      items.forEach((item, i) => {
        lens.setUint32(4 * i, item.message.length, true)
        this.#mem.write(base + keysAt + PUBLIC_KEY_BYTES * i, item.publicKey)
        this.#mem.write(base + sigsAt + SIGNATURE_BYTES * i, item.signature)
        this.#mem.write(offset, item.message)
        offset += item.message.length
      })
      const status = this.#x.weft_ed25519_verify_batch(
        n,
        base + keysAt,
        base + sigsAt,
        base + messagesAt,
        base + lensAt,
        base + seedAt,
        base + resultsAt,
      )
      if (status < 0)
        throw new WeftWasmError(
          'OUT_OF_MEMORY',
          'weft_core.wasm ran out of memory during batch verification',
        )
      const results = this.#mem.read(base + resultsAt, n)
      return { allValid: status === 1, valid: Array.from(results, (r) => r === 1) }
    })
  }

  /**
   * Checks a state proof (docs/protocol/state.md) against a root: that `key` holds `value`, or
   * with `value` null that `key` is absent. Needs no tree: this is what a light client runs.
   */
  verifyStateProof(
    root: Uint8Array,
    key: Uint8Array,
    value: Uint8Array | null,
    proof: Uint8Array,
  ): ProofCheck {
    return verifyStateProof(this.#x, this.#mem, root, key, value, proof)
  }

  /**
   * Checks a state node fetched from a peer against the hash it was asked for and answers its
   * children's hashes (state sync walks the tree from a verified root with it). Throws
   * WeftCoreError "StateError.CorruptNode" when the bytes are not that node.
   */
  stateNodeChildren(hash: Uint8Array, bytes: Uint8Array): Uint8Array[] {
    return stateNodeChildren(this.#x, this.#mem, hash, bytes)
  }

  /** Opens the state tree over `store`; close() it when done. */
  openStateTree(store: NodeStore, options: StateTreeOptions = {}): StateTree {
    return new StateTree(this.#x, this.#mem, this.#stores, store, options)
  }

  /**
   * Opens a memo of the signatures this core verifies for `chainId`: hand it to admission,
   * building and validation so a transaction is verified once per node; close() it when done.
   */
  openVerifiedSignatures(
    chainId: string,
    options: VerifiedSignaturesOptions = {},
  ): VerifiedSignatures {
    return new VerifiedSignatures(this.#x, this.#mem, chainId, options)
  }

  /** Opens a consensus state machine; close() it when done. */
  openConsensus(init: ConsensusInit = {}): ConsensusMachine {
    return new ConsensusMachine(this.#x, this.#mem, this.consensus, init)
  }

  /**
   * Verifies one light block against a trusted one (docs/protocol/light-client.md): adjacent or
   * skipping by height. "LightError.NotEnoughTrust" means bisect (openBisection).
   */
  verifyLightBlock(
    trusted: TrustedLightBlock,
    untrusted: Uint8Array,
    options: LightOptions,
    nowMs: number,
  ): CheckResult {
    return verifyLightBlock(this.#x, this.#mem, trusted, untrusted, options, nowMs)
  }

  /** Compares a witness's light block with the one verified from `common` at its height. */
  checkWitness(
    common: TrustedLightBlock,
    verified: Uint8Array,
    witness: Uint8Array,
    options: LightOptions,
    nowMs: number,
  ): WitnessCheck {
    return checkWitness(this.#x, this.#mem, common, verified, witness, options, nowMs)
  }

  /** Light-client attack evidence: `conflicting` contradicts `verified`, both from commonHeight. */
  lightAttackEvidence(
    commonHeight: bigint,
    verified: Uint8Array,
    conflicting: Uint8Array,
    maxValidators?: number,
  ): Uint8Array {
    return attackEvidence(this.#x, this.#mem, commonHeight, verified, conflicting, maxValidators)
  }

  /** Opens a bisection verifier; close() it when done. */
  openBisection(options: LightOptions): LightBisection {
    return new LightBisection(this.#x, this.#mem, options)
  }

  #hash(kind: HashKind, data: Uint8Array, digestBytes: number): Uint8Array {
    const x = this.#x
    const out = this.#mem.scratch
    const input = out + digestBytes
    const room = CoreMemory.SCRATCH_BYTES - digestBytes
    if (data.length <= room) {
      this.#mem.write(input, data)
      ;(kind === 'sha256' ? x.weft_sha256 : x.weft_sha512)(input, data.length, out)
      return this.#mem.read(out, digestBytes)
    }
    // Larger inputs stream through the scratch region so memory never grows with input size.
    const handle = kind === 'sha256' ? x.weft_sha256_new() : x.weft_sha512_new()
    if (handle === 0)
      throw new WeftWasmError(
        'OUT_OF_MEMORY',
        `weft_core.wasm could not allocate a ${kind} context`,
      )
    const update = kind === 'sha256' ? x.weft_sha256_update : x.weft_sha512_update
    for (let at = 0; at < data.length; at += room) {
      const chunk = data.subarray(at, at + room)
      this.#mem.write(input, chunk)
      update(handle, input, chunk.length)
    }
    ;(kind === 'sha256' ? x.weft_sha256_finish : x.weft_sha512_finish)(handle, out)
    return this.#mem.read(out, digestBytes)
  }
}
