// The light client from TypeScript (docs/protocol/light-client.md): one-step verification of a
// light block against a trusted one, witness comparison and attack evidence, and the bisection
// verifier as a handle that says which block it needs next. Light blocks cross in their
// canonical encoding; the core never reads a clock, so every check takes the host's `nowMs`.
import { checkBytes, checkMs, checkU32, checkU64 } from './check.ts'
import { type CheckResult, DEFAULT_MAX_VALIDATORS } from './consensus.ts'
import { WeftCoreError, WeftInputError, WeftWasmError } from './errors.ts'
import { FrameReader } from './frame.ts'
import type { CoreMemory } from './memory.ts'

export interface LightExports {
  weft_light_verify(
    trusted: number,
    trustedLen: number,
    nextSet: number,
    nextLen: number,
    untrusted: number,
    untrustedLen: number,
    trustingPeriodMs: bigint,
    maxClockDriftMs: bigint,
    nowMs: bigint,
    maxValidators: number,
  ): number
  weft_light_check_witness(
    session: number,
    common: number,
    commonLen: number,
    nextSet: number,
    nextLen: number,
    verified: number,
    verifiedLen: number,
    witness: number,
    witnessLen: number,
    trustingPeriodMs: bigint,
    maxClockDriftMs: bigint,
    nowMs: bigint,
    maxValidators: number,
  ): number
  weft_light_attack_evidence(
    session: number,
    commonHeight: bigint,
    verified: number,
    verifiedLen: number,
    conflicting: number,
    conflictingLen: number,
    maxValidators: number,
  ): number
  weft_bisection_new(
    trustingPeriodMs: bigint,
    maxClockDriftMs: bigint,
    maxValidators: number,
  ): number
  weft_bisection_free(bisection: number): void
  weft_bisection_start(
    bisection: number,
    trusted: number,
    trustedLen: number,
    nextSet: number,
    nextLen: number,
    targetHeight: bigint,
    nowMs: bigint,
  ): number
  weft_bisection_next(session: number, bisection: number): number
  weft_bisection_provide(bisection: number, block: number, len: number): number
  weft_bisection_fetched(bisection: number): bigint
  weft_bisection_trusted(session: number, bisection: number): number
}

export interface LightOptions {
  /** The chain's trusting period (below its unbonding period). */
  trustingPeriodMs: number
  /** How far ahead of the host's clock a header's time may be; default 10 s. */
  maxClockDriftMs?: number
  /** The chain's max_validators parameter, bounding every set and commit decoded; default 100. */
  maxValidators?: number
}

/** What the client trusts: a verified light block, and the next set its header names if known. */
export interface TrustedLightBlock {
  block: Uint8Array
  nextValidators?: Uint8Array
}

export type WitnessCheck =
  /** The witness has the header the client verified. */
  | { status: 'agrees' }
  /** A different header that also verifies from the common block: an attack, with evidence. */
  | { status: 'attack'; evidence: Uint8Array }
  /**
   * The witness is at fault, with the core's reason. "LightError.NotEnoughTrust": bisect the
   * witness's chain from the common block, then build the evidence with lightAttackEvidence.
   */
  | { status: 'faulty'; reason: string }

export type BisectionStep =
  /** The target is verified; trusted() is its light block. */
  | { type: 'verified'; height: bigint }
  /** Fetch the light block at `height` from a peer and provide() it. */
  | { type: 'needBlock'; height: bigint }
  /** The block at `height` was rejected for `reason`; start() again, perhaps with another peer. */
  | { type: 'failed'; height: bigint; reason: string }

export const DEFAULT_MAX_CLOCK_DRIFT_MS = 10_000
const EMPTY = new Uint8Array(0)

interface Params {
  trustingPeriodMs: bigint
  maxClockDriftMs: bigint
  maxValidators: number
}

function params(options: LightOptions): Params {
  if (typeof options !== 'object' || options === null)
    throw new WeftInputError('WRONG_TYPE', 'options must be an object with trustingPeriodMs')
  return {
    trustingPeriodMs: checkMs('trustingPeriodMs', options.trustingPeriodMs),
    maxClockDriftMs: checkMs(
      'maxClockDriftMs',
      options.maxClockDriftMs ?? DEFAULT_MAX_CLOCK_DRIFT_MS,
    ),
    maxValidators: checkU32('maxValidators', options.maxValidators ?? DEFAULT_MAX_VALIDATORS),
  }
}

function trustedParts(trusted: TrustedLightBlock): [Uint8Array, Uint8Array] {
  if (typeof trusted !== 'object' || trusted === null)
    throw new WeftInputError('WRONG_TYPE', 'trusted must be { block, nextValidators? }')
  const next =
    trusted.nextValidators === undefined
      ? EMPTY
      : checkBytes('trusted.nextValidators', trusted.nextValidators)
  return [checkBytes('trusted.block', trusted.block), next]
}

export function verifyLightBlock(
  x: LightExports,
  mem: CoreMemory,
  trusted: TrustedLightBlock,
  untrusted: Uint8Array,
  options: LightOptions,
  nowMs: number,
): CheckResult {
  const [block, next] = trustedParts(trusted)
  checkBytes('untrusted', untrusted)
  const p = params(options)
  const now = checkMs('nowMs', nowMs)
  const status = mem.withInputs([block, next, untrusted], (blockAt, nextAt, untrustedAt) =>
    x.weft_light_verify(
      blockAt,
      block.length,
      nextAt,
      next.length,
      untrustedAt,
      untrusted.length,
      p.trustingPeriodMs,
      p.maxClockDriftMs,
      now,
      p.maxValidators,
    ),
  )
  return status === 0 ? { ok: true } : { ok: false, reason: mem.errorName(status) }
}

export function checkWitness(
  x: LightExports,
  mem: CoreMemory,
  common: TrustedLightBlock,
  verified: Uint8Array,
  witness: Uint8Array,
  options: LightOptions,
  nowMs: number,
): WitnessCheck {
  const [block, next] = trustedParts(common)
  checkBytes('verified', verified)
  checkBytes('witness', witness)
  const p = params(options)
  const now = checkMs('nowMs', nowMs)
  const status = mem.withInputs(
    [block, next, verified, witness],
    (blockAt, nextAt, verifiedAt, witnessAt) =>
      x.weft_light_check_witness(
        mem.session,
        blockAt,
        block.length,
        nextAt,
        next.length,
        verifiedAt,
        verified.length,
        witnessAt,
        witness.length,
        p.trustingPeriodMs,
        p.maxClockDriftMs,
        now,
        p.maxValidators,
      ),
  )
  if (status === 0) return { status: 'agrees' }
  if (status === 1) return { status: 'attack', evidence: mem.output() }
  return { status: 'faulty', reason: mem.errorName(status) }
}

export function attackEvidence(
  x: LightExports,
  mem: CoreMemory,
  commonHeight: bigint,
  verified: Uint8Array,
  conflicting: Uint8Array,
  maxValidators: number = DEFAULT_MAX_VALIDATORS,
): Uint8Array {
  const height = checkU64('commonHeight', commonHeight)
  checkBytes('verified', verified)
  checkBytes('conflicting', conflicting)
  const max = checkU32('maxValidators', maxValidators)
  const status = mem.withInputs([verified, conflicting], (verifiedAt, conflictingAt) =>
    x.weft_light_attack_evidence(
      mem.session,
      height,
      verifiedAt,
      verified.length,
      conflictingAt,
      conflicting.length,
      max,
    ),
  )
  if (status < 0) {
    const code = mem.errorName(status)
    throw new WeftCoreError(code, `building attack evidence: ${code}`)
  }
  return mem.output()
}

/**
 * Skipping verification by bisection, sans I/O: start(), then next() until it answers
 * 'verified' or 'failed', provide()ing each block it asks for. Not thread-safe; close() frees it.
 */
export class LightBisection {
  readonly #x: LightExports
  readonly #mem: CoreMemory
  #handle: number

  constructor(x: LightExports, mem: CoreMemory, options: LightOptions) {
    const p = params(options)
    this.#x = x
    this.#mem = mem
    this.#handle = x.weft_bisection_new(p.trustingPeriodMs, p.maxClockDriftMs, p.maxValidators)
    if (this.#handle === 0)
      throw new WeftWasmError('OUT_OF_MEMORY', 'weft_core.wasm could not open a bisection')
  }

  /**
   * Begins a run from `trusted` to `targetHeight`, judged at `nowMs`. Blocks provided in an
   * earlier run that are still in range are reused.
   */
  start(trusted: TrustedLightBlock, targetHeight: bigint, nowMs: number): void {
    const [block, next] = trustedParts(trusted)
    const target = checkU64('targetHeight', targetHeight)
    const now = checkMs('nowMs', nowMs)
    const handle = this.#open()
    const status = this.#mem.withInputs([block, next], (blockAt, nextAt) =>
      this.#x.weft_bisection_start(handle, blockAt, block.length, nextAt, next.length, target, now),
    )
    if (status < 0) this.#fail(status, 'starting a bisection')
  }

  next(): BisectionStep {
    const status = this.#x.weft_bisection_next(this.#mem.session, this.#open())
    if (status < 0) this.#fail(status, 'bisecting')
    const r = new FrameReader(this.#mem.output())
    const tag = r.u8()
    const height = r.u64()
    if (tag === 1 || tag === 2) {
      r.end()
      return { type: tag === 1 ? 'verified' : 'needBlock', height }
    }
    if (tag !== 3) throw new WeftWasmError('LOAD_FAILED', `weft_core.wasm sent step ${tag}`)
    const error = r.i32()
    r.end()
    return { type: 'failed', height, reason: this.#mem.errorName(error) }
  }

  /** A fetched light block; true when it was kept (its height lies in the run's range). */
  provide(block: Uint8Array): boolean {
    checkBytes('block', block)
    const handle = this.#open()
    const status = this.#mem.withInputs([block], (at) =>
      this.#x.weft_bisection_provide(handle, at, block.length),
    )
    if (status < 0) this.#fail(status, 'providing a light block')
    return status === 1
  }

  /** Blocks provided in answer to needBlock during this run. */
  get fetched(): number {
    return Number(BigInt.asUintN(64, this.#x.weft_bisection_fetched(this.#open())))
  }

  /** The latest verified light block: the target once next() answered 'verified'. */
  trusted(): Uint8Array {
    const status = this.#x.weft_bisection_trusted(this.#mem.session, this.#open())
    if (status < 0) this.#fail(status, 'reading the trusted block')
    return this.#mem.output()
  }

  close(): void {
    if (this.#handle === 0) return
    this.#x.weft_bisection_free(this.#handle)
    this.#handle = 0
  }

  #open(): number {
    if (this.#handle === 0) throw new WeftInputError('WRONG_TYPE', 'this bisection is closed')
    return this.#handle
  }

  #fail(status: number, what: string): never {
    const code = this.#mem.errorName(status)
    throw new WeftCoreError(code, `${what}: ${code}`)
  }
}
