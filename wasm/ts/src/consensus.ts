// Consensus from TypeScript (docs/protocol/consensus.md): the Tendermint state machine as a
// handle (ConsensusMachine), and the rules a host needs around it — commit and evidence checks,
// the sign guard, attaching signatures (ConsensusRules). Objects cross as canonical bytes; the
// machine's actions come back typed (consensus-actions.ts). The layouts are documented in
// wasm/src/abi/consensus_handle.hpp and docs/architecture.md.
import { chainIdBytes } from './chain.ts'
import { checkBytes, checkU32, checkU64 } from './check.ts'
import {
  type Action,
  readActions,
  type SigningAction,
  TIMEOUT_KINDS,
  type TimeoutKind,
} from './consensus-actions.ts'
import { WeftCoreError, WeftInputError, WeftWasmError } from './errors.ts'
import { FrameReader } from './frame.ts'
import type { CoreMemory } from './memory.ts'

export interface ConsensusExports {
  weft_consensus_new(
    maxValidators: number,
    proposeMs: number,
    proposeDeltaMs: number,
    prevoteMs: number,
    prevoteDeltaMs: number,
    precommitMs: number,
    precommitDeltaMs: number,
  ): number
  weft_consensus_free(machine: number): void
  weft_consensus_start_height(
    session: number,
    machine: number,
    chainId: number,
    chainLen: number,
    height: bigint,
    set: number,
    setLen: number,
    ownKey: number,
    lastSigned: number,
    lastSignedLen: number,
    priorities: number,
    prioritiesLen: number,
  ): number
  weft_consensus_start_next_height(
    session: number,
    machine: number,
    set: number,
    setLen: number,
    ownKey: number,
    lastSigned: number,
    lastSignedLen: number,
  ): number
  weft_consensus_on_proposal(session: number, machine: number, bytes: number, len: number): number
  weft_consensus_on_vote(session: number, machine: number, bytes: number, len: number): number
  weft_consensus_on_commit(session: number, machine: number, bytes: number, len: number): number
  weft_consensus_on_timeout(
    session: number,
    machine: number,
    kind: number,
    height: bigint,
    round: number,
  ): number
  weft_consensus_on_block_validity(
    session: number,
    machine: number,
    block: number,
    valid: number,
  ): number
  weft_consensus_on_proposal_block(
    session: number,
    machine: number,
    height: bigint,
    round: number,
    block: number,
  ): number
  weft_consensus_height(machine: number): bigint
  weft_consensus_round(machine: number): number
  weft_consensus_step(machine: number): number
  weft_consensus_locked_round(machine: number): number
  weft_consensus_valid_round(machine: number): number
  weft_consensus_proposer_key(session: number, machine: number, round: number): number
  weft_consensus_priorities(session: number, machine: number): number
  weft_consensus_votes(session: number, machine: number, round: number, type: number): number
  weft_consensus_verify_commit(
    chainId: number,
    chainLen: number,
    set: number,
    setLen: number,
    commit: number,
    commitLen: number,
    height: bigint,
    block: number,
    maxValidators: number,
  ): number
  weft_consensus_verify_evidence(
    chainId: number,
    chainLen: number,
    set: number,
    setLen: number,
    evidence: number,
    evidenceLen: number,
    maxValidators: number,
  ): number
  weft_sign_guard_approve(last: number, lastLen: number, next: number, nextLen: number): number
  weft_vote_attach_signature(session: number, vote: number, len: number, signature: number): number
  weft_proposal_attach_signature(
    session: number,
    proposal: number,
    len: number,
    signature: number,
  ): number
}

/** Genesis timeouts: timeout(round) = base + round × delta, in milliseconds. */
export interface ConsensusTimeouts {
  proposeMs: number
  proposeDeltaMs: number
  prevoteMs: number
  prevoteDeltaMs: number
  precommitMs: number
  precommitDeltaMs: number
}

export interface ConsensusInit {
  /** The chain's timeout parameters; each defaults to the genesis default. */
  timeouts?: Partial<ConsensusTimeouts>
  /** The chain's max_validators parameter, bounding every set and commit decoded; default 100. */
  maxValidators?: number
}

export interface HeightStart {
  chainId: string
  height: bigint
  /** The height's validator set, canonical encoding. */
  validators: Uint8Array
  /** Ours if this node validates; without it the machine follows and never broadcasts. */
  ownKey?: Uint8Array
  /** The sign guard's last record: a restarted machine resumes from it and never contradicts it. */
  lastSigned?: Uint8Array
  /**
   * The record priorities() gave when this height began. Without it the set has its genesis
   * proposer priorities, which is right at height 1 only.
   */
  priorities?: Uint8Array
}

export interface NextHeightStart {
  /** The next height's validator set, canonical encoding, as the chain stores it. */
  validators: Uint8Array
  ownKey?: Uint8Array
  lastSigned?: Uint8Array
}

export type Step = 'idle' | 'propose' | 'prevote' | 'precommit' | 'decided'

/** What became of a proposal, vote or commit given to the machine. */
export type MessageOutcome =
  /** Verified and read; the actions may be none (a duplicate, a vote that changes nothing). */
  | { status: 'applied'; actions: Action[] }
  /**
   * Not for the machine's height (or a round too far ahead to know its proposer): not verified,
   * nothing changed. Keep it if it is ahead, for after startNextHeight.
   */
  | { status: 'otherHeight'; height: bigint; round: number }
  /** Malformed or badly signed, with the core's reason ("VoteError.BadSignature", …). */
  | { status: 'rejected'; reason: string }

export type CheckResult = { ok: true } | { ok: false; reason: string }

/** Signs a 32-byte digest with the validator's key; a remote signer may answer later. */
export type Signer = (digest: Uint8Array) => Uint8Array | Promise<Uint8Array>

export type VoteKind = 'prevote' | 'precommit'

export const DEFAULT_MAX_VALIDATORS = 100
export const DEFAULT_TIMEOUTS: Readonly<ConsensusTimeouts> = {
  proposeMs: 3000,
  proposeDeltaMs: 500,
  prevoteMs: 1000,
  prevoteDeltaMs: 500,
  precommitMs: 1000,
  precommitDeltaMs: 500,
}

const STEPS: readonly Step[] = ['idle', 'propose', 'prevote', 'precommit', 'decided']
const NO_ROUND = 0xffffffff
const HASH_BYTES = 32
const PUBLIC_KEY_BYTES = 32
const SIGNATURE_BYTES = 64
const APPLIED = 0
const OTHER_HEIGHT = 1
const EMPTY = new Uint8Array(0)

function fail(mem: CoreMemory, status: number, what: string): never {
  const code = mem.errorName(status)
  throw new WeftCoreError(code, `${what}: ${code}`)
}

function checkMaxValidators(value: unknown): number {
  const n = checkU32('maxValidators', value ?? DEFAULT_MAX_VALIDATORS)
  if (n < 1 || n > 0xffff)
    throw new WeftInputError('WRONG_TYPE', 'maxValidators must be 1 to 65535')
  return n
}

function optionalBytes(name: string, value: Uint8Array | undefined, length?: number): Uint8Array {
  return value === undefined ? EMPTY : checkBytes(name, value, length)
}

function isSigningAction(action: unknown): action is SigningAction {
  const type = (action as { type?: unknown } | null)?.type
  return type === 'broadcastVote' || type === 'broadcastProposal'
}

/** The consensus rules of one loaded core that need no state machine; WeftCore.consensus. */
export class ConsensusRules {
  readonly #x: ConsensusExports
  readonly #mem: CoreMemory

  constructor(x: ConsensusExports, mem: CoreMemory) {
    this.#x = x
    this.#mem = mem
  }

  /** Whether `commit` carries > 2/3 of `validators`' power for (height, block), all signatures valid. */
  verifyCommit(check: {
    chainId: string
    validators: Uint8Array
    commit: Uint8Array
    height: bigint
    block: Uint8Array
    maxValidators?: number
  }): CheckResult {
    const chain = chainIdBytes(check.chainId)
    checkBytes('validators', check.validators)
    checkBytes('commit', check.commit)
    checkBytes('block', check.block, HASH_BYTES)
    const height = checkU64('height', check.height)
    const maxValidators = checkMaxValidators(check.maxValidators)
    const status = this.#mem.withInputs(
      [chain, check.validators, check.commit, check.block],
      (chainAt, setAt, commitAt, blockAt) =>
        this.#x.weft_consensus_verify_commit(
          chainAt,
          chain.length,
          setAt,
          check.validators.length,
          commitAt,
          check.commit.length,
          height,
          blockAt,
          maxValidators,
        ),
    )
    return status === 0 ? { ok: true } : { ok: false, reason: this.#mem.errorName(status) }
  }

  /** Whether duplicate-vote evidence is signed twice by a member of its height's set. */
  verifyEvidence(
    chainId: string,
    validators: Uint8Array,
    evidence: Uint8Array,
    maxValidators?: number,
  ): CheckResult {
    const chain = chainIdBytes(chainId)
    checkBytes('validators', validators)
    checkBytes('evidence', evidence)
    const max = checkMaxValidators(maxValidators)
    const status = this.#mem.withInputs([chain, validators, evidence], (chainAt, setAt, evAt) =>
      this.#x.weft_consensus_verify_evidence(
        chainAt,
        chain.length,
        setAt,
        validators.length,
        evAt,
        evidence.length,
        max,
      ),
    )
    return status === 0 ? { ok: true } : { ok: false, reason: this.#mem.errorName(status) }
  }

  /**
   * The sign guard (consensus.md §6): whether signing under record `next` is safe after `last`
   * (undefined: nothing signed yet). Persist `next` after an ok and before signing.
   */
  approveSigning(last: Uint8Array | undefined, next: Uint8Array): CheckResult {
    const previous = optionalBytes('last', last)
    checkBytes('next', next)
    const status = this.#mem.withInputs([previous, next], (lastAt, nextAt) =>
      this.#x.weft_sign_guard_approve(lastAt, previous.length, nextAt, next.length),
    )
    return status === 0 ? { ok: true } : { ok: false, reason: this.#mem.errorName(status) }
  }

  /** The signed message for a Broadcast action: its encoding with `signature` in place. */
  attachSignature(action: SigningAction, signature: Uint8Array): Uint8Array {
    if (!isSigningAction(action))
      throw new WeftInputError('WRONG_TYPE', 'action must be a broadcastVote or broadcastProposal')
    checkBytes('signature', signature, SIGNATURE_BYTES)
    const body = action.type === 'broadcastVote' ? action.vote : action.proposal
    checkBytes('action body', body)
    const s = this.#mem.session
    const status = this.#mem.withInputs([body, signature], (bodyAt, sigAt) =>
      action.type === 'broadcastVote'
        ? this.#x.weft_vote_attach_signature(s, bodyAt, body.length, sigAt)
        : this.#x.weft_proposal_attach_signature(s, bodyAt, body.length, sigAt),
    )
    if (status < 0) fail(this.#mem, status, 'attaching a signature')
    return this.#mem.output()
  }

  /**
   * Signs a Broadcast action's digest with `sign` and returns the signed message, ready to send
   * and to feed back to the machine. Call it only after the sign guard approved action.record
   * and the host persisted it.
   */
  async signAction(action: SigningAction, sign: Signer): Promise<Uint8Array> {
    if (!isSigningAction(action))
      throw new WeftInputError('WRONG_TYPE', 'action must be a broadcastVote or broadcastProposal')
    return this.attachSignature(action, await sign(action.signDigest.slice()))
  }
}

/**
 * The sign guard kept in memory around a persisted record: approve() answers as
 * ConsensusRules.approveSigning and remembers what it approved. Restore it from storage with
 * the last record the host persisted.
 */
export class SignGuard {
  readonly #rules: ConsensusRules
  #last: Uint8Array | undefined

  constructor(rules: ConsensusRules, last?: Uint8Array) {
    this.#rules = rules
    this.#last = last === undefined ? undefined : checkBytes('last', last).slice()
  }

  /** The last approved record: what the host must have persisted. */
  get last(): Uint8Array | undefined {
    return this.#last?.slice()
  }

  approve(record: Uint8Array): CheckResult {
    const result = this.#rules.approveSigning(this.#last, record)
    if (result.ok) this.#last = record.slice()
    return result
  }
}

/**
 * One node's Tendermint state machine (docs/protocol/consensus.md §3). Inputs return the
 * actions the host performs. Proposals, votes and commits are verified inside the core before
 * the machine reads them, so a host cannot feed an unverified message. Not thread-safe;
 * close() frees it.
 */
export class ConsensusMachine {
  readonly #x: ConsensusExports
  readonly #mem: CoreMemory
  readonly #rules: ConsensusRules
  #handle: number

  constructor(x: ConsensusExports, mem: CoreMemory, rules: ConsensusRules, init: ConsensusInit) {
    const t = { ...DEFAULT_TIMEOUTS, ...init.timeouts }
    const maxValidators = checkMaxValidators(init.maxValidators)
    this.#x = x
    this.#mem = mem
    this.#rules = rules
    this.#handle = x.weft_consensus_new(
      maxValidators,
      checkU32('timeouts.proposeMs', t.proposeMs),
      checkU32('timeouts.proposeDeltaMs', t.proposeDeltaMs),
      checkU32('timeouts.prevoteMs', t.prevoteMs),
      checkU32('timeouts.prevoteDeltaMs', t.prevoteDeltaMs),
      checkU32('timeouts.precommitMs', t.precommitMs),
      checkU32('timeouts.precommitDeltaMs', t.precommitDeltaMs),
    )
    if (this.#handle === 0)
      throw new WeftWasmError('OUT_OF_MEMORY', 'weft_core.wasm could not open a state machine')
  }

  /** Begins a height (the first one, or any after a restart). */
  startHeight(start: HeightStart): Action[] {
    const chain = chainIdBytes(start.chainId)
    const height = checkU64('height', start.height)
    checkBytes('validators', start.validators)
    const ownKey = optionalBytes('ownKey', start.ownKey, PUBLIC_KEY_BYTES)
    const last = optionalBytes('lastSigned', start.lastSigned)
    const priorities = optionalBytes('priorities', start.priorities)
    const handle = this.#open()
    const status = this.#mem.withInputs(
      [chain, start.validators, ownKey, last, priorities],
      (chainAt, setAt, keyAt, lastAt, prioAt) =>
        this.#x.weft_consensus_start_height(
          this.#mem.session,
          handle,
          chainAt,
          chain.length,
          height,
          setAt,
          start.validators.length,
          ownKey.length === 0 ? 0 : keyAt,
          lastAt,
          last.length,
          prioAt,
          priorities.length,
        ),
    )
    return this.#actions(status, 'starting a height')
  }

  /**
   * Begins the height after the current one with its validator set, carrying proposer
   * priorities over (the chain's set changes applied, then one increment).
   */
  startNextHeight(next: NextHeightStart): Action[] {
    checkBytes('validators', next.validators)
    const ownKey = optionalBytes('ownKey', next.ownKey, PUBLIC_KEY_BYTES)
    const last = optionalBytes('lastSigned', next.lastSigned)
    const handle = this.#open()
    const status = this.#mem.withInputs([next.validators, ownKey, last], (setAt, keyAt, lastAt) =>
      this.#x.weft_consensus_start_next_height(
        this.#mem.session,
        handle,
        setAt,
        next.validators.length,
        ownKey.length === 0 ? 0 : keyAt,
        lastAt,
        last.length,
      ),
    )
    return this.#actions(status, 'starting the next height')
  }

  onProposal(proposal: Uint8Array): MessageOutcome {
    return this.#message('proposal', proposal, this.#x.weft_consensus_on_proposal)
  }

  onVote(vote: Uint8Array): MessageOutcome {
    return this.#message('vote', vote, this.#x.weft_consensus_on_vote)
  }

  /** A whole commit for this height from a peer that decided it (catch-up). */
  onCommit(commit: Uint8Array): MessageOutcome {
    return this.#message('commit', commit, this.#x.weft_consensus_on_commit)
  }

  onTimeout(kind: TimeoutKind, height: bigint, round: number): Action[] {
    const tag = TIMEOUT_KINDS.indexOf(kind) + 1
    if (tag === 0)
      throw new WeftInputError('WRONG_TYPE', `kind must be one of ${TIMEOUT_KINDS.join(', ')}`)
    const status = this.#x.weft_consensus_on_timeout(
      this.#mem.session,
      this.#open(),
      tag,
      checkU64('height', height),
      checkU32('round', round),
    )
    return this.#actions(status, 'a timeout')
  }

  onBlockValidity(block: Uint8Array, valid: boolean): Action[] {
    checkBytes('block', block, HASH_BYTES)
    const handle = this.#open()
    const status = this.#mem.withInputs([block], (blockAt) =>
      this.#x.weft_consensus_on_block_validity(this.#mem.session, handle, blockAt, valid ? 1 : 0),
    )
    return this.#actions(status, 'a validity answer')
  }

  onProposalBlock(height: bigint, round: number, block: Uint8Array): Action[] {
    checkU64('height', height)
    checkU32('round', round)
    checkBytes('block', block, HASH_BYTES)
    const handle = this.#open()
    const status = this.#mem.withInputs([block], (blockAt) =>
      this.#x.weft_consensus_on_proposal_block(this.#mem.session, handle, height, round, blockAt),
    )
    return this.#actions(status, 'a proposal block')
  }

  get height(): bigint {
    return BigInt.asUintN(64, this.#x.weft_consensus_height(this.#open()))
  }

  get round(): number {
    return this.#x.weft_consensus_round(this.#open()) >>> 0
  }

  get step(): Step {
    return STEPS[this.#x.weft_consensus_step(this.#open())] ?? 'idle'
  }

  /** The round of the current lock, or null when nothing is locked. */
  get lockedRound(): number | null {
    const round = this.#x.weft_consensus_locked_round(this.#open()) >>> 0
    return round === NO_ROUND ? null : round
  }

  /** The round of the current valid value, or null when there is none. */
  get validRound(): number | null {
    const round = this.#x.weft_consensus_valid_round(this.#open()) >>> 0
    return round === NO_ROUND ? null : round
  }

  /** The proposer of `round` at this height, or undefined when the machine cannot say yet. */
  proposerKey(round: number): Uint8Array | undefined {
    const status = this.#x.weft_consensus_proposer_key(
      this.#mem.session,
      this.#open(),
      checkU32('round', round),
    )
    return status === 1 ? this.#mem.output() : undefined
  }

  /** This height's proposer priorities: persist them to restart at this height (HeightStart). */
  priorities(): Uint8Array {
    const status = this.#x.weft_consensus_priorities(this.#mem.session, this.#open())
    if (status < 0) fail(this.#mem, status, 'reading proposer priorities')
    return this.#mem.output()
  }

  /** The signed votes counted for (round, kind): what to relay to peers that lack them. */
  votes(round: number, kind: VoteKind): Uint8Array[] {
    const type = kind === 'prevote' ? 1 : kind === 'precommit' ? 2 : 0
    const status = this.#x.weft_consensus_votes(
      this.#mem.session,
      this.#open(),
      checkU32('round', round),
      type,
    )
    if (status < 0) fail(this.#mem, status, 'reading votes')
    const r = new FrameReader(this.#mem.output())
    const count = r.varint()
    const out: Uint8Array[] = []
    for (let i = 0; i < count; i++) out.push(r.bytes())
    r.end()
    return out
  }

  /** See ConsensusRules.signAction: the signed message for a Broadcast action. */
  signAction(action: SigningAction, sign: Signer): Promise<Uint8Array> {
    return this.#rules.signAction(action, sign)
  }

  close(): void {
    if (this.#handle === 0) return
    this.#x.weft_consensus_free(this.#handle)
    this.#handle = 0
  }

  #open(): number {
    if (this.#handle === 0) throw new WeftInputError('WRONG_TYPE', 'this state machine is closed')
    return this.#handle
  }

  #actions(status: number, what: string): Action[] {
    if (status < 0) fail(this.#mem, status, what)
    return readActions(this.#mem.output())
  }

  #message(
    name: string,
    bytes: Uint8Array,
    call: (session: number, machine: number, bytes: number, len: number) => number,
  ): MessageOutcome {
    checkBytes(name, bytes)
    const handle = this.#open()
    const status = this.#mem.withInputs([bytes], (at) =>
      call(this.#mem.session, handle, at, bytes.length),
    )
    if (status < 0) return { status: 'rejected', reason: this.#mem.errorName(status) }
    const out = this.#mem.output()
    if (status === APPLIED) return { status: 'applied', actions: readActions(out) }
    if (status !== OTHER_HEIGHT)
      throw new WeftWasmError('LOAD_FAILED', `weft_core.wasm answered ${status}; rebuild it`)
    const r = new FrameReader(out)
    const outcome = { status: 'otherHeight' as const, height: r.u64(), round: r.u32() }
    r.end()
    return outcome
  }
}
