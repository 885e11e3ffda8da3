// The consensus state machine through the WASM build, driven as a host drives it: actions come
// back typed, every broadcast is signed with noble through the digest the core names and fed
// back, messages are verified before the machine reads them, and the sign guard refuses what a
// restarted validator must never sign.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type Action,
  type BroadcastVote,
  type ConsensusMachine,
  loadCore,
  SignGuard,
  WeftCoreError,
  WeftInputError,
} from '../src/index.ts'
import {
  applied,
  CHAIN,
  decideAlone,
  encodeValidatorSet,
  setOrder,
  signer,
  type Validator,
  validator,
} from './consensus-fixtures.ts'

const core = await loadCore()
const hex = (b: Uint8Array | undefined) => (b === undefined ? '' : Buffer.from(b).toString('hex'))
const types = (actions: Action[]) => actions.map((a) => a.type)
const blockA = new Uint8Array(32).fill(0xa)

function one<T extends Action['type']>(actions: Action[], type: T): Extract<Action, { type: T }> {
  const found = actions.filter((a) => a.type === type)
  assert.equal(found.length, 1, `one ${type} in ${types(actions).join(', ')}`)
  return found[0] as Extract<Action, { type: T }>
}

// Four validators of equal power; the machines below are opened per test and closed after.
const four = [1, 2, 3, 4].map((seed) => validator(seed))
const fourSet = encodeValidatorSet(four)

function open(v: Validator | undefined, restore?: Uint8Array) {
  const machine = core.openConsensus({ timeouts: { proposeMs: 2000, proposeDeltaMs: 250 } })
  const actions = machine.startHeight({
    chainId: CHAIN,
    height: 1n,
    validators: fourSet,
    ...(v === undefined ? {} : { ownKey: v.publicKey }),
    ...(restore === undefined ? {} : { lastSigned: restore }),
  })
  return { machine, actions }
}

function holderOf(machine: ConsensusMachine, round: number): Validator {
  const key = hex(machine.proposerKey(round))
  const found = four.find((v) => hex(v.publicKey) === key)
  assert.ok(found, 'the proposer is one of the four')
  return found
}

/** Who proposes `round` of height 1, asked of a follower's machine. */
function proposerOfRound(round: number): Validator {
  const { machine } = open(undefined)
  try {
    return holderOf(machine, round)
  } finally {
    machine.close()
  }
}

describe('consensus state machine in wasm', () => {
  it('a single validator proposes, votes and decides; its commit verifies', async () => {
    const v = validator(9)
    const set = encodeValidatorSet([v])
    const sign = signer(v)
    const machine = core.openConsensus()
    try {
      let actions = machine.startHeight({
        chainId: CHAIN,
        height: 1n,
        validators: set,
        ownKey: v.publicKey,
      })
      assert.deepEqual(types(actions), ['scheduleTimeout', 'requestProposalBlock'])
      assert.deepEqual(one(actions, 'scheduleTimeout'), {
        type: 'scheduleTimeout',
        kind: 'propose',
        height: 1n,
        round: 0,
        durationMs: 3000,
      })
      assert.equal(machine.step, 'propose')
      assert.equal(hex(machine.proposerKey(0)), hex(v.publicKey))

      actions = machine.onProposalBlock(1n, 0, blockA)
      const proposal = one(actions, 'broadcastProposal')
      assert.equal(proposal.signDigest.length, 32)
      actions = applied(machine.onProposal(await machine.signAction(proposal, sign)))
      assert.equal(hex(one(actions, 'requestValidity').block), hex(blockA))

      actions = machine.onBlockValidity(blockA, true)
      const prevote = one(actions, 'broadcastVote')
      assert.equal(machine.step, 'prevote')
      actions = applied(machine.onVote(await machine.signAction(prevote, sign)))
      const precommit = one(actions, 'broadcastVote')
      assert.notEqual(hex(precommit.vote), hex(prevote.vote))
      assert.equal(machine.lockedRound, 0)
      assert.equal(machine.validRound, 0)

      actions = applied(machine.onVote(await machine.signAction(precommit, sign)))
      const decide = one(actions, 'decide')
      assert.equal(decide.height, 1n)
      assert.equal(decide.round, 0)
      assert.equal(hex(decide.block), hex(blockA))
      assert.equal(machine.step, 'decided')

      const check = { chainId: CHAIN, validators: set, commit: decide.commit, height: 1n }
      assert.deepEqual(core.consensus.verifyCommit({ ...check, block: blockA }), { ok: true })
      assert.deepEqual(core.consensus.verifyCommit({ ...check, block: new Uint8Array(32) }), {
        ok: false,
        reason: 'CommitError.WrongBlock',
      })
      assert.deepEqual(
        core.consensus.verifyCommit({ ...check, block: blockA, chainId: 'weft-other' }),
        {
          ok: false,
          reason: 'CommitError.BadSignature',
        },
      )
    } finally {
      machine.close()
    }
  })

  it('reads only verified messages, and says which it did not read', async () => {
    const { machine } = open(four[0])
    try {
      const proposer = holderOf(machine, 0)
      const other = setOrder(four).find((v) => v !== proposer) ?? proposer
      // Another validator's prevote for A, made by that validator's own machine.
      const theirs = open(other).machine
      const proposal = await proposalFor(proposer)
      applied(theirs.onProposal(proposal))
      const prevote = one(theirs.onBlockValidity(blockA, true), 'broadcastVote')
      const signed = await theirs.signAction(prevote, signer(other))
      theirs.close()

      const forged = signed.slice()
      forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1
      assert.deepEqual(machine.onVote(forged), {
        status: 'rejected',
        reason: 'VoteError.BadSignature',
      })
      assert.deepEqual(machine.onVote(signed.subarray(0, 20)), {
        status: 'rejected',
        reason: 'DecodeError.Truncated',
      })
      assert.deepEqual(applied(machine.onVote(signed)), [])

      // The proposal signed by someone who does not propose this round.
      const byOther = await core.consensus.signAction(
        one(proposerActions(proposer), 'broadcastProposal'),
        signer(other),
      )
      assert.deepEqual(machine.onProposal(byOther), {
        status: 'rejected',
        reason: 'ConsensusError.BadProposalSignature',
      })
      assert.deepEqual(types(applied(machine.onProposal(proposal))), ['requestValidity'])

      // A message for a later height is left alone, and its height and round come back.
      const later = core.openConsensus()
      later.startHeight({
        chainId: CHAIN,
        height: 7n,
        validators: fourSet,
        ownKey: other.publicKey,
      })
      const nil = one(later.onTimeout('propose', 7n, 0), 'broadcastVote')
      later.close()
      assert.deepEqual(machine.onVote(await core.consensus.signAction(nil, signer(other))), {
        status: 'otherHeight',
        height: 7n,
        round: 0,
      })
    } finally {
      machine.close()
    }
  })

  it('an equivocating validator yields evidence that verifies', async () => {
    const { machine: observer } = open(four[0])
    const proposer = holderOf(observer, 0)
    const equivocator = setOrder(four).find((v) => v !== proposer && v !== four[0]) ?? proposer
    try {
      const [forA, forNil] = await twoPrevotes(equivocator, await proposalFor(proposer))
      assert.deepEqual(applied(observer.onVote(forA.signed)), [])
      const actions = applied(observer.onVote(forNil.signed))
      const evidence = one(actions, 'evidenceFound').evidence
      assert.deepEqual(core.consensus.verifyEvidence(CHAIN, fourSet, evidence), { ok: true })
      assert.deepEqual(core.consensus.verifyEvidence('weft-other', fourSet, evidence), {
        ok: false,
        reason: 'EvidenceError.BadSignature',
      })
      assert.equal(observer.votes(0, 'prevote').length, 2)
    } finally {
      observer.close()
    }
  })

  it('after a restart the sign guard refuses a conflicting vote, and the machine never asks', async () => {
    const proposer = proposerOfRound(0)
    const v = setOrder(four).find((x) => x !== proposer) ?? proposer
    const [forA, forNil] = await twoPrevotes(v, await proposalFor(proposer))

    // The host approved and persisted the prevote for A, then crashed.
    const guard = new SignGuard(core.consensus)
    assert.deepEqual(guard.approve(forA.action.record), { ok: true })
    const persisted = guard.last
    assert.ok(persisted)

    const restored = new SignGuard(core.consensus, persisted)
    assert.deepEqual(restored.approve(forNil.action.record), {
      ok: false,
      reason: 'SignGuardError.Conflict',
    })
    assert.deepEqual(restored.approve(forA.action.record), { ok: true }) // the same vote again

    // A machine restarted from the record resumes after its prevote and asks for nothing to sign.
    const { machine, actions } = open(v, persisted)
    try {
      assert.equal(machine.step, 'prevote')
      assert.deepEqual(types(actions), ['scheduleTimeout'])
      assert.deepEqual(machine.onTimeout('propose', 1n, 0), [])
    } finally {
      machine.close()
    }
  })

  it('four machines decide together; the next height carries proposer priorities', async () => {
    const machines = await decideHeightOne()
    try {
      assert.deepEqual(
        machines.map((m) => m.step),
        ['decided', 'decided', 'decided', 'decided'],
      )
      const machine = machines[0]
      assert.ok(machine)
      const actions = machine.startNextHeight({ validators: fourSet, ownKey: four[0]?.publicKey })
      assert.equal(machine.height, 2n)
      assert.equal(machine.step, 'propose')
      assert.equal(actions[0]?.type, 'scheduleTimeout')
      const proposers = [0, 1, 2, 3, 4].map((r) => hex(machine.proposerKey(r)))
      // Height 2's round-0 proposer is not height 1's: priorities moved on.
      assert.notEqual(proposers[0], hex(proposerOfRound(0).publicKey))

      // A node restarting at height 2 with the persisted priorities agrees on every proposer.
      const restarted = core.openConsensus()
      restarted.startHeight({
        chainId: CHAIN,
        height: 2n,
        validators: fourSet,
        priorities: machine.priorities(),
      })
      assert.deepEqual(
        [0, 1, 2, 3, 4].map((r) => hex(restarted.proposerKey(r))),
        proposers,
      )
      restarted.close()
    } finally {
      for (const m of machines) m.close()
    }
  })

  it('names refusals and checks its arguments', () => {
    const machine = core.openConsensus()
    assert.throws(
      () => machine.startHeight({ chainId: 'Weft', height: 1n, validators: fourSet }),
      (e) => e instanceof WeftCoreError && e.code === 'ConsensusError.InvalidChainId',
    )
    assert.throws(
      () => machine.startHeight({ chainId: CHAIN, height: 0n, validators: fourSet }),
      (e) => e instanceof WeftCoreError && e.code === 'ConsensusError.HeightOutOfRange',
    )
    assert.throws(
      () => machine.startNextHeight({ validators: fourSet }),
      (e) => e instanceof WeftCoreError && e.code === 'AbiError.NotStarted',
    )
    assert.throws(
      () => machine.startHeight({ chainId: CHAIN, height: 1n, validators: fourSet.subarray(0, 9) }),
      (e) => e instanceof WeftCoreError && e.code === 'DecodeError.Truncated',
    )
    assert.throws(
      () =>
        machine.startHeight({
          chainId: CHAIN,
          height: 1n,
          validators: fourSet,
          ownKey: new Uint8Array(31),
        }),
      (e) => e instanceof WeftInputError && e.code === 'WRONG_LENGTH',
    )
    assert.equal(machine.step, 'idle')
    machine.close()
    assert.throws(() => machine.height, WeftInputError)
    machine.close() // twice is harmless
  })

  it('keeps memory flat over many heights', async () => {
    const v = validator(5)
    await decideAlone(core, 1n, v, blockA)
    const before = core.memoryBytes
    for (let h = 2n; h < 30n; h++) await decideAlone(core, h, v, blockA)
    assert.equal(core.memoryBytes, before)
  })
})

// ---- helpers: each validator's part is played by its own machine --------------------------

/** The proposer's actions after it is asked for a block and answers with block A. */
function proposerActions(proposer: Validator): Action[] {
  const { machine, actions } = open(proposer)
  assert.deepEqual(types(actions), ['scheduleTimeout', 'requestProposalBlock'])
  const proposed = machine.onProposalBlock(1n, 0, blockA)
  machine.close()
  return proposed
}

/** The round-0 proposal of block A, signed by its proposer. */
function proposalFor(proposer: Validator): Promise<Uint8Array> {
  return core.consensus.signAction(
    one(proposerActions(proposer), 'broadcastProposal'),
    signer(proposer),
  )
}

interface SignedVote {
  action: BroadcastVote
  signed: Uint8Array
}

/**
 * Two prevotes by `v` for round 0 that conflict: one machine saw the proposal and prevoted A,
 * another (the same key, without the first's record) timed out and prevoted nil.
 */
async function twoPrevotes(v: Validator, proposal: Uint8Array): Promise<[SignedVote, SignedVote]> {
  const first = open(v).machine
  applied(first.onProposal(proposal))
  const forA = one(first.onBlockValidity(blockA, true), 'broadcastVote')
  first.close()
  const second = open(v).machine
  const forNil = one(second.onTimeout('propose', 1n, 0), 'broadcastVote')
  second.close()
  return [
    { action: forA, signed: await core.consensus.signAction(forA, signer(v)) },
    { action: forNil, signed: await core.consensus.signAction(forNil, signer(v)) },
  ]
}

/**
 * The four validators, each a machine behind a host that signs what it broadcasts and delivers
 * it to everyone (itself included), judges block A valid and proposes it: a network without
 * faults, run until nothing is left to deliver. Timeouts never fire. Answers the machines.
 */
async function decideHeightOne(): Promise<ConsensusMachine[]> {
  const nodes = four.map((v) => ({ v, ...open(v) }))
  const queue = nodes.flatMap((node) => node.actions.map((action) => ({ node, action })))
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const { node, action } = item
    const from = (n: (typeof nodes)[number], actions: Action[]) =>
      queue.push(...actions.map((a) => ({ node: n, action: a })))
    if (action.type === 'requestProposalBlock')
      from(node, node.machine.onProposalBlock(action.height, action.round, blockA))
    if (action.type === 'requestValidity')
      from(node, node.machine.onBlockValidity(action.block, true))
    if (action.type === 'broadcastProposal' || action.type === 'broadcastVote') {
      const signed = await node.machine.signAction(action, signer(node.v))
      for (const n of nodes) {
        const outcome =
          action.type === 'broadcastVote' ? n.machine.onVote(signed) : n.machine.onProposal(signed)
        from(n, applied(outcome))
      }
    }
  }
  return nodes.map((n) => n.machine)
}
