// Genesis, blocks and stateful transaction checks from TypeScript (docs/protocol/transactions.md):
// the core validates, executes and builds blocks against a StateTree; the host persists what comes
// back (the nodes, with the block, in one transaction). Layouts: wasm/src/abi/exports_block.cpp.
import { chainIdBytes } from './chain.ts'
import { checkBytes } from './check.ts'
import { WeftCoreError, WeftInputError, WeftWasmError } from './errors.ts'
import { FrameReader, FrameWriter } from './frame.ts'
import type { CoreMemory } from './memory.ts'
import { type StateNode, type StateTree, type StateWrite, treeHandle } from './state.ts'
import {
  type VerifiedSignatures,
  type VerifiedSignaturesExports,
  verifiedHandle,
} from './verified-signatures.ts'

/** An export that runs against a tree, with an optional signature memo (0 for none). */
type TreeCall = (
  session: number,
  tree: number,
  verified: number,
  root: number,
  request: number,
  len: number,
) => number

export interface BlockExports extends VerifiedSignaturesExports {
  weft_genesis_load(session: number, tree: number, bytes: number, len: number): number
  weft_block_validate: TreeCall
  weft_block_build: TreeCall
  weft_tx_admit: TreeCall
  weft_tx_admit_run: TreeCall
  weft_tx_verify_signatures(session: number, verified: number, request: number, len: number): number
  weft_state_chain(session: number, tree: number, root: number): number
  weft_state_validator_set(session: number, tree: number, root: number, height: bigint): number
  weft_account_key(address: number, out: number): void
  weft_tx_proof(session: number, block: number, len: number, index: bigint): number
  weft_tx_proof_verify(
    root: number,
    txId: number,
    index: bigint,
    count: bigint,
    path: number,
    pathLen: number,
  ): number
}

const HASH_BYTES = 32
const ADDRESS_BYTES = 20
const TX_ERROR_DOMAIN = 5
const U64_MAX = (1n << 64n) - 1n

export interface GenesisState {
  genesisHash: Uint8Array
  /** The state root at height 0. */
  root: Uint8Array
  /** The validator list of heights 1 and 2 (its canonical encoding). */
  validators: Uint8Array
  /** Persist these before using `root`. */
  nodes: StateNode[]
}

export interface Receipt {
  txId: Uint8Array
  /** null: applied; otherwise the execution-tier reason, e.g. "TxError.InsufficientBalance". */
  error: string | null
  feeBurned: bigint
  tip: bigint
}

export interface BlockOutcome {
  /** The block's header encoding: what headers-first sync and light clients serve. */
  header: Uint8Array
  blockId: Uint8Array
  /** The state root after the block (equal to its header's). */
  root: Uint8Array
  txBytes: bigint
  feesBurned: bigint
  tips: bigint
  minted: bigint
  slashed: bigint
  nextBaseFeePerByte: bigint
  receipts: Receipt[]
  /** The block's state writes, sorted by key: what indexes and subscriptions watch. */
  writes: StateWrite[]
  /** Every new tree node: persist them atomically with the block. */
  nodes: StateNode[]
}

export interface ValidateRequest {
  chainId: string
  /** The previous block's header encoding; omitted at height 1. */
  previousHeader?: Uint8Array
  /** The proposer consensus expects for the round; omitted for synced blocks. */
  expectedProposer?: Uint8Array
  block: Uint8Array
  /** Signatures this core verified before are not verified again; those verified now join it. */
  signatures?: VerifiedSignatures
}

export interface BuildRequest {
  chainId: string
  previousHeader?: Uint8Array
  /** Milliseconds since the Unix epoch; later than the previous block's. */
  time: bigint
  proposer: Uint8Array
  /** The commit for the previous block; the empty commit encoding at height 1. */
  lastCommit: Uint8Array
  evidence?: readonly Uint8Array[]
  /** Mempool transactions in the proposer's preferred order. */
  candidates: readonly Uint8Array[]
  /** Signatures this core verified before (the pool's) are not verified again. */
  signatures?: VerifiedSignatures
}

export interface BuiltBlock {
  block: Uint8Array
  outcome: BlockOutcome
  /** Candidates left out, by index, and why. */
  skipped: { index: number; error: string }[]
}

export interface Admission {
  id: Uint8Array
  size: bigint
  feeBurned: bigint
  tip: bigint
}

/** One answer of admitRun: admitted, or the core's reason ("TxError.NonceTooHigh", …). */
export type RunAdmission = ({ ok: true } & Admission) | { ok: false; reason: string }

/** A transaction's place in its block, provable against the header's tx root (RFC 9162 §2.1.3). */
export interface TxProof {
  /** The header's tx root the path leads to. */
  txRoot: Uint8Array
  txId: Uint8Array
  index: bigint
  /** Transactions in the block. */
  count: bigint
  /** The audit path: sibling hashes from the leaf up, 32 bytes each, concatenated. */
  path: Uint8Array
}

export interface ChainRecord {
  height: bigint
  time: bigint
  nextBaseFeePerByte: bigint
  supply: bigint
  /** The parameters' canonical encoding. */
  params: Uint8Array
}

/** A block the rules reject: `code` names the rule, the fields say where. */
export class BlockRejectedError extends WeftCoreError {
  readonly txIndex: number | undefined
  readonly txError: string | undefined
  readonly evidenceIndex: number | undefined

  constructor(
    code: string,
    where: { txIndex?: number; txError?: string; evidenceIndex?: number },
    what: string,
  ) {
    const at = [
      where.txIndex === undefined ? '' : ` at transaction ${where.txIndex}`,
      where.txError === undefined ? '' : ` (${where.txError})`,
      where.evidenceIndex === undefined ? '' : ` at evidence ${where.evidenceIndex}`,
    ].join('')
    super(code, `${what}: ${code}${at}`)
    this.txIndex = where.txIndex
    this.txError = where.txError
    this.evidenceIndex = where.evidenceIndex
  }
}

export class BlockEngine {
  readonly #x: BlockExports
  readonly #mem: CoreMemory

  constructor(x: BlockExports, mem: CoreMemory) {
    this.#x = x
    this.#mem = mem
  }

  /** Builds the genesis state in `tree`'s store (persist `nodes`) and names the chain. */
  loadGenesis(tree: StateTree, genesis: Uint8Array): GenesisState {
    checkBytes('genesis', genesis)
    const status = this.#mem.withRegion(genesis.length, (base) => {
      this.#mem.write(base, genesis)
      return this.#x.weft_genesis_load(this.#mem.session, treeHandle(tree), base, genesis.length)
    })
    if (status < 0) this.#fail(status, 'loading the genesis')
    const r = new FrameReader(this.#mem.output())
    return {
      genesisHash: r.fixed(HASH_BYTES),
      root: r.fixed(HASH_BYTES),
      validators: r.bytes(),
      nodes: readNodes(r),
    }
  }

  /** Validates and executes `request.block` on the state at `root`. Throws BlockRejectedError. */
  validate(tree: StateTree, root: Uint8Array, request: ValidateRequest): BlockOutcome {
    const frame = new FrameWriter()
      .bytes(chainIdBytes(request.chainId))
      .optionalBytes(optional('previousHeader', request.previousHeader))
    if (request.expectedProposer === undefined) frame.u8(0)
    else frame.u8(1).raw(checkBytes('expectedProposer', request.expectedProposer, ADDRESS_BYTES))
    frame.bytes(checkBytes('block', request.block))
    this.#run(
      tree,
      root,
      verifiedHandle(request.signatures),
      frame,
      'validating a block',
      this.#x.weft_block_validate,
    )
    return readOutcome(new FrameReader(this.#mem.output()), this.#mem)
  }

  /** Builds the proposer's block from mempool candidates, every header field filled in. */
  build(tree: StateTree, root: Uint8Array, request: BuildRequest): BuiltBlock {
    if (typeof request.time !== 'bigint')
      throw new WeftInputError('WRONG_TYPE', 'time must be a bigint (ms since the Unix epoch)')
    const frame = new FrameWriter()
      .bytes(chainIdBytes(request.chainId))
      .optionalBytes(optional('previousHeader', request.previousHeader))
      .u64(request.time)
      .raw(checkBytes('proposer', request.proposer, ADDRESS_BYTES))
      .bytes(checkBytes('lastCommit', request.lastCommit))
      .list(checkList('evidence', request.evidence ?? []))
      .list(checkList('candidates', request.candidates))
    this.#run(
      tree,
      root,
      verifiedHandle(request.signatures),
      frame,
      'building a block',
      this.#x.weft_block_build,
    )
    const r = new FrameReader(this.#mem.output())
    const block = r.bytes()
    const outcome = readOutcome(r, this.#mem)
    const skipped = r.list((s) => ({ index: s.u32(), error: txErrorName(this.#mem, s.u8()) }))
    return { block, outcome, skipped }
  }

  /**
   * Every check `tx` must pass to enter the next block on the state at `root`, after `ahead` —
   * the same sender's earlier pooled transactions, in nonce order — has run: the mempool's
   * question. Throws WeftCoreError with the core's reason ("TxError.NonceTooHigh", …).
   * `signatureVerified` skips the signature check for a transaction this host already verified
   * with this core (re-checking its pool after a block); every other check still runs. With
   * `signatures`, a signature the memo holds is not verified again and one verified now joins it.
   */
  admit(
    tree: StateTree,
    root: Uint8Array,
    tx: Uint8Array,
    chainId: string,
    ahead: readonly Uint8Array[] = [],
    options: { signatureVerified?: boolean; signatures?: VerifiedSignatures } = {},
  ): Admission {
    const frame = new FrameWriter()
      .bytes(chainIdBytes(chainId))
      .bytes(checkBytes('tx', tx))
      .list(checkList('ahead', ahead))
      .u8(options.signatureVerified === true ? 0 : 1)
    const status = this.#call(
      tree,
      root,
      verifiedHandle(options.signatures),
      frame,
      this.#x.weft_tx_admit,
    )
    if (status < 0) this.#fail(status, 'admitting a transaction')
    const r = new FrameReader(this.#mem.output())
    return { id: r.fixed(HASH_BYTES), size: r.u64(), feeBurned: r.u64(), tip: r.u64() }
  }

  /**
   * admit() for a run of one sender's transactions in nonce order, in one call: `ahead` runs
   * first, then each of `txs` is checked and executed after the ones before it. Answers stop
   * after the first refusal, so there is one answer per transaction up to and including it.
   * Throws WeftCoreError when `ahead` itself fails or the state cannot be read.
   */
  admitRun(
    tree: StateTree,
    root: Uint8Array,
    chainId: string,
    ahead: readonly Uint8Array[],
    txs: readonly Uint8Array[],
    options: { signatures?: VerifiedSignatures } = {},
  ): RunAdmission[] {
    const frame = new FrameWriter()
      .bytes(chainIdBytes(chainId))
      .list(checkList('ahead', ahead))
      .list(checkList('txs', txs))
    const status = this.#call(
      tree,
      root,
      verifiedHandle(options.signatures),
      frame,
      this.#x.weft_tx_admit_run,
    )
    if (status < 0) this.#fail(status, 'admitting transactions')
    const r = new FrameReader(this.#mem.output())
    // Names are looked up after the answer is read: errorName reuses the output buffer.
    const raw = r.list((a) => {
      const reason = a.u8()
      if (reason !== 0) return { reason }
      return { reason, id: a.fixed(HASH_BYTES), size: a.u64(), feeBurned: a.u64(), tip: a.u64() }
    })
    return raw.map((a): RunAdmission => {
      if (a.id === undefined) return { ok: false, reason: txErrorName(this.#mem, a.reason) }
      return { ok: true, id: a.id, size: a.size, feeBurned: a.feeBurned, tip: a.tip }
    })
  }

  /**
   * Verifies the signatures of a burst of arriving transactions as one batch and remembers the
   * valid ones in `signatures`, so that admitting them verifies nothing again. One answer per
   * transaction: true when its signature is valid; false for a bad signature or bytes that do
   * not decode (admission then names the reason). `seed` picks the batch's coefficients: fresh
   * random bytes by default, so no signer can predict them.
   */
  verifySignatures(
    signatures: VerifiedSignatures,
    txs: readonly Uint8Array[],
    seed?: Uint8Array,
  ): boolean[] {
    const seedBytes =
      seed === undefined
        ? crypto.getRandomValues(new Uint8Array(HASH_BYTES))
        : checkBytes('seed', seed, HASH_BYTES)
    const frame = new FrameWriter().raw(seedBytes).list(checkList('txs', txs))
    const handle = verifiedHandle(signatures)
    const status = this.#mem.withRegion(frame.length, (base) => {
      frame.writeTo((at, data) => this.#mem.write(at, data), base)
      return this.#x.weft_tx_verify_signatures(this.#mem.session, handle, base, frame.length)
    })
    if (status < 0) this.#fail(status, 'verifying signatures')
    return Array.from(this.#mem.output(), (v) => v === 1)
  }

  /** The chain record and parameters at `root`. */
  chainRecord(tree: StateTree, root: Uint8Array): ChainRecord {
    const status = this.#withRoot(root, (base) =>
      this.#x.weft_state_chain(this.#mem.session, treeHandle(tree), base),
    )
    if (status < 0) this.#fail(status, 'reading the chain record')
    const r = new FrameReader(this.#mem.output())
    return {
      height: r.u64(),
      time: r.u64(),
      nextBaseFeePerByte: r.u64(),
      supply: r.u64(),
      params: r.bytes(),
    }
  }

  /** The validator list stored for `height` at `root` (at most two heights ahead of it). */
  validatorSet(tree: StateTree, root: Uint8Array, height: bigint): Uint8Array {
    const status = this.#withRoot(root, (base) =>
      this.#x.weft_state_validator_set(this.#mem.session, treeHandle(tree), base, height),
    )
    if (status < 0) this.#fail(status, 'reading the validator set')
    return this.#mem.output()
  }

  /** The state key of the account record for a 20-byte address. */
  accountKey(address: Uint8Array): Uint8Array {
    checkBytes('address', address, ADDRESS_BYTES)
    return this.#mem.withRegion(ADDRESS_BYTES + HASH_BYTES, (base) => {
      this.#mem.write(base, address)
      this.#x.weft_account_key(base, base + ADDRESS_BYTES)
      return this.#mem.read(base + ADDRESS_BYTES, HASH_BYTES)
    })
  }

  /** The inclusion proof of the block's transaction at `index` (the core's DecodeError if none). */
  txProof(block: Uint8Array, index: bigint): TxProof {
    this.#requireTxProofs()
    checkBytes('block', block)
    if (typeof index !== 'bigint' || index < 0n || index > U64_MAX) {
      throw new WeftInputError('WRONG_TYPE', 'index must be a bigint from 0 to 2^64-1')
    }
    const status = this.#mem.withRegion(block.length, (base) => {
      this.#mem.write(base, block)
      return this.#x.weft_tx_proof(this.#mem.session, base, block.length, index)
    })
    if (status < 0) this.#fail(status, 'proving a transaction')
    const r = new FrameReader(this.#mem.output())
    const txRoot = r.fixed(HASH_BYTES)
    const txId = r.fixed(HASH_BYTES)
    const count = r.u64()
    return { txRoot, txId, index, count, path: r.rest() }
  }

  /** Whether `proof` shows its transaction under `txRoot`: what a light client checks. */
  verifyTxProof(txRoot: Uint8Array, proof: Omit<TxProof, 'txRoot'>): boolean {
    this.#requireTxProofs()
    checkBytes('txRoot', txRoot, HASH_BYTES)
    checkBytes('txId', proof.txId, HASH_BYTES)
    checkBytes('path', proof.path)
    for (const [name, value] of [
      ['index', proof.index],
      ['count', proof.count],
    ] as const) {
      if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
        throw new WeftInputError('WRONG_TYPE', `${name} must be a bigint from 0 to 2^64-1`)
      }
    }
    const status = this.#mem.withRegion(2 * HASH_BYTES + proof.path.length, (base) => {
      this.#mem.write(base, txRoot)
      this.#mem.write(base + HASH_BYTES, proof.txId)
      this.#mem.write(base + 2 * HASH_BYTES, proof.path)
      return this.#x.weft_tx_proof_verify(
        base,
        base + HASH_BYTES,
        proof.index,
        proof.count,
        base + 2 * HASH_BYTES,
        proof.path.length,
      )
    })
    if (status < 0) this.#fail(status, 'verifying a transaction proof')
    return status === 1
  }

  // Added within ABI version 2: a module built before them lacks the exports.
  #requireTxProofs(): void {
    if (typeof this.#x.weft_tx_proof !== 'function') {
      throw new WeftWasmError('ABI_MISMATCH', 'weft_core.wasm has no tx proofs; rebuild it')
    }
  }

  #withRoot(root: Uint8Array, call: (base: number) => number): number {
    checkBytes('root', root, HASH_BYTES)
    return this.#mem.withRegion(HASH_BYTES, (base) => {
      this.#mem.write(base, root)
      return call(base)
    })
  }

  /** Copies the root and the request in and calls `call` against `tree`; returns its status. */
  #call(
    tree: StateTree,
    root: Uint8Array,
    verified: number,
    frame: FrameWriter,
    call: TreeCall,
  ): number {
    checkBytes('root', root, HASH_BYTES)
    const handle = treeHandle(tree)
    return this.#mem.withRegion(HASH_BYTES + frame.length, (base) => {
      this.#mem.write(base, root)
      frame.writeTo((at, data) => this.#mem.write(at, data), base + HASH_BYTES)
      return call(this.#mem.session, handle, verified, base, base + HASH_BYTES, frame.length)
    })
  }

  #run(
    tree: StateTree,
    root: Uint8Array,
    verified: number,
    frame: FrameWriter,
    what: string,
    call: TreeCall,
  ): void {
    const status = this.#call(tree, root, verified, frame, call)
    if (status >= 0) return
    // A BlockError leaves its diagnostics in the output; copy them before errorName reuses it.
    const diagnostics = this.#mem.output()
    const code = this.#mem.errorName(status)
    if (!code.startsWith('BlockError.')) throw new WeftCoreError(code, `${what}: ${code}`)
    const d = new FrameReader(diagnostics)
    const flags = d.u8()
    const txIndex = d.u32()
    const txError = d.u8()
    const evidenceIndex = d.u32()
    throw new BlockRejectedError(
      code,
      {
        ...(flags & 1 ? { txIndex } : {}),
        ...(flags & 2 ? { txError: txErrorName(this.#mem, txError) } : {}),
        ...(flags & 4 ? { evidenceIndex } : {}),
      },
      what,
    )
  }

  #fail(status: number, what: string): never {
    const code = this.#mem.errorName(status)
    throw new WeftCoreError(code, `${what}: ${code}`)
  }
}

function txErrorName(mem: CoreMemory, reason: number): string {
  return mem.errorName(-(TX_ERROR_DOMAIN * 256 + reason))
}

function readNodes(r: FrameReader): StateNode[] {
  return r.list((n) => ({ hash: n.fixed(HASH_BYTES), bytes: n.bytes() }))
}

function readOutcome(r: FrameReader, mem: CoreMemory): BlockOutcome {
  const header = r.bytes()
  const blockId = r.fixed(HASH_BYTES)
  const root = r.fixed(HASH_BYTES)
  const txBytes = r.u64()
  const feesBurned = r.u64()
  const tips = r.u64()
  const minted = r.u64()
  const slashed = r.u64()
  const nextBaseFeePerByte = r.u64()
  const raw = r.list((x) => ({
    txId: x.fixed(HASH_BYTES),
    result: x.u8(),
    feeBurned: x.u64(),
    tip: x.u64(),
  }))
  const writes = r.list((w) => {
    const key = w.fixed(HASH_BYTES)
    return { key, value: w.u8() === 1 ? w.bytes() : null }
  })
  const nodes = readNodes(r)
  // Names are looked up after the answer is read: errorName reuses the output buffer.
  const receipts = raw.map(({ result, ...rest }) => ({
    ...rest,
    error: result === 0 ? null : txErrorName(mem, result),
  }))
  return {
    header,
    blockId,
    root,
    txBytes,
    feesBurned,
    tips,
    minted,
    slashed,
    nextBaseFeePerByte,
    receipts,
    writes,
    nodes,
  }
}

function optional(name: string, bytes: Uint8Array | undefined): Uint8Array | undefined {
  return bytes === undefined ? undefined : checkBytes(name, bytes)
}

function checkList(name: string, items: readonly Uint8Array[]): readonly Uint8Array[] {
  if (!Array.isArray(items))
    throw new WeftInputError('WRONG_TYPE', `${name} must be an array of byte arrays`)
  items.forEach((item, i) => {
    checkBytes(`${name}[${i}]`, item)
  })
  return items
}
