// Every chain object as a view through the WASM core (docs/protocol/views.md): realistic views of
// each kind round-trip through the canonical bytes, signatures made over the core's digests
// verify where the chain checks them, u64 values beyond 2^53 survive exactly, and malformed views
// fail with the core's own reason.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import fc from 'fast-check'
import {
  type CommitView,
  type EvidenceView,
  type GenesisView,
  type HeaderView,
  loadCore,
  MemoryNodeStore,
  type ParamsView,
  type TransferView,
  type ValidatorSetView,
  type ViewKind,
  type ViewTypes,
  type VoteView,
  WeftCoreError,
  WeftInputError,
} from '../src/index.ts'

const core = await loadCore()
const CHAIN = 'weft-test'
const U64_MAX = (1n << 64n) - 1n

const filled = (length: number, byte: number) => new Uint8Array(length).fill(byte)
const secret = (n: number) => filled(32, n)
const publicKey = (n: number) => ed25519.getPublicKey(secret(n))

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0)
  }
  return a.length - b.length
}

function roundTrip<K extends ViewKind>(kind: K, view: ViewTypes[K]): Uint8Array {
  const bytes = core.views.encode(kind, view)
  const back = core.views.decode(kind, bytes)
  assert.deepEqual(back, view)
  assert.deepEqual(core.views.encode(kind, back), bytes)
  return bytes
}

function coreError(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    assert.ok(e instanceof WeftCoreError, `expected a WeftCoreError, got ${String(e)}`)
    return e.code
  }
  assert.fail('expected the core to refuse')
}

function signedVote(vote: Omit<VoteView, 'signature'>, signer: number): VoteView {
  const unsigned = { ...vote, signature: new Uint8Array(64) }
  const digest = core.views.signDigest('vote', core.views.encode('vote', unsigned), CHAIN)
  return { ...unsigned, signature: ed25519.sign(digest, secret(signer)) }
}

function signedTransfer(nonce: bigint): { view: TransferView; bytes: Uint8Array } {
  const unsigned: TransferView = {
    kind: 'transfer',
    sender: publicKey(1),
    nonce,
    maxFeePerByte: 2000n,
    tipPerByte: 10n,
    to: filled(20, 9),
    validator: null,
    amount: 5_000_000_000n,
    signature: new Uint8Array(64),
  }
  const digest = core.views.signDigest(
    'transaction',
    core.views.encode('transaction', unsigned),
    CHAIN,
  )
  const view = { ...unsigned, signature: ed25519.sign(digest, secret(1)) }
  return { view, bytes: core.views.encode('transaction', view) }
}

// Validators 1, 2 and 3 with powers 30, 20, 10: already in set order (power descending).
const validators: ValidatorSetView = {
  members: [
    { publicKey: publicKey(1), power: 30n },
    { publicKey: publicKey(2), power: 20n },
    { publicKey: publicKey(3), power: 10n },
  ],
}

const header: HeaderView = {
  chainId: CHAIN,
  height: 3n,
  time: 1_700_000_003_000n,
  previousBlock: filled(32, 1),
  lastCommitHash: filled(32, 2),
  txRoot: filled(32, 3),
  stateRoot: filled(32, 4),
  validatorsHash: filled(32, 5),
  nextValidatorsHash: filled(32, 6),
  proposer: filled(20, 7),
  baseFeePerByte: 1000n,
  evidenceHash: filled(32, 8),
}
const blockId = core.views.id('header', core.views.encode('header', header))

// Precommits of validators 0 and 1 for `block` at `height`.
function commitFor(height: bigint, block: Uint8Array): CommitView {
  const signatures = [0, 1].map((validatorIndex) => {
    const vote = signedVote(
      { type: 'precommit', height, round: 0, block, validatorIndex },
      validatorIndex + 1,
    )
    return { validatorIndex, signature: vote.signature }
  })
  return { height, round: 0, block, signatures }
}

function duplicateVote(): EvidenceView {
  const a = signedVote(
    { type: 'prevote', height: 2n, round: 0, block: filled(32, 0xaa), validatorIndex: 1 },
    2,
  )
  const b = signedVote({ type: 'prevote', height: 2n, round: 0, block: null, validatorIndex: 1 }, 2)
  const [voteA, voteB] =
    compare(core.views.encode('vote', a), core.views.encode('vote', b)) < 0 ? [a, b] : [b, a]
  return { kind: 'duplicateVote', voteA, voteB }
}

const params: ParamsView = {
  maxBlockBytes: 2 * 1024 * 1024,
  maxTxBytes: 4096,
  maxValidators: 100,
  unbondingBlocks: 1000n,
  blockReward: 2_000_000_000n,
  initialBaseFeePerByte: 1000n,
  minBaseFeePerByte: 100n,
  timeoutProposeMs: 1000,
  timeoutProposeDeltaMs: 500,
  timeoutPrevoteMs: 500,
  timeoutPrevoteDeltaMs: 250,
  timeoutPrecommitMs: 500,
  timeoutPrecommitDeltaMs: 250,
  timeoutCommitMs: 1000,
  trustingPeriodMs: 604_800_000n,
  slashFractionBps: 500,
  jailBlocks: 1000n,
}

const genesis: GenesisView = {
  chainId: CHAIN,
  genesisTime: 1_700_000_000_000n,
  params,
  accounts: [
    { address: filled(20, 1), balance: 1_000_000_000_000n },
    { address: filled(20, 2), balance: 1n },
  ],
  validators: [publicKey(1), publicKey(2), publicKey(3)]
    .sort(compare)
    .map((key) => ({ publicKey: key, stake: 100_000_000_000n })),
}

describe('object views in wasm', () => {
  it('round-trips a signed transaction the chain accepts, with the same bytes as ChainCodec', () => {
    const { view, bytes } = signedTransfer(0n)
    assert.deepEqual(roundTrip('transaction', view), bytes)
    assert.deepEqual(core.chain.checkTransaction(bytes, CHAIN), {
      ok: true,
      id: core.views.id('transaction', bytes),
    })
    assert.deepEqual(core.views.id('transaction', bytes), core.sha256(bytes))
    const { validator: _, ...fields } = view
    assert.deepEqual(core.chain.encodeTransaction(fields), bytes)
    const stake = {
      ...view,
      kind: 'stake' as const,
      to: null,
      validator: publicKey(2),
    }
    roundTrip('transaction', stake)
    roundTrip('transaction', { ...stake, kind: 'unstake' })
  })

  it('round-trips headers, blocks, receipts, genesis and accounts', () => {
    roundTrip('header', header)
    const { bytes: tx } = signedTransfer(1n)
    const block = core.views.encode('block', {
      header,
      txs: [tx, signedTransfer(2n).bytes],
      evidence: [duplicateVote()],
      lastCommit: commitFor(2n, filled(32, 0x22)),
    })
    assert.deepEqual(core.views.id('block', block), blockId)
    roundTrip('block', core.views.decode('block', block))
    assert.deepEqual(core.views.decode('block', block).txs[0], tx)
    roundTrip('block', {
      header: {
        ...header,
        height: 1n,
        previousBlock: filled(32, 0),
        lastCommitHash: filled(32, 0),
      },
      txs: [],
      evidence: [],
      lastCommit: { height: 0n, round: 0, block: filled(32, 0), signatures: [] },
    })
    const txId = core.views.id('transaction', tx)
    roundTrip('receipt', { txId, error: null, feeBurned: 150_000n, tip: 1500n })
    roundTrip('receipt', { txId, error: 'TxError.InsufficientBalance', feeBurned: 1n, tip: 0n })
    roundTrip('genesis', genesis)
    roundTrip('account', { balance: 997_000_000_000n, nonce: 3n })
  })

  it('round-trips votes, proposals, commits, evidence, validator sets and sign-guard records', () => {
    roundTrip(
      'vote',
      signedVote({ type: 'prevote', height: 3n, round: 2, block: blockId, validatorIndex: 0 }, 1),
    )
    roundTrip(
      'vote',
      signedVote({ type: 'precommit', height: 3n, round: 0, block: null, validatorIndex: 2 }, 3),
    )
    const unsigned = {
      height: 3n,
      round: 2,
      polRound: 1,
      block: blockId,
      signature: new Uint8Array(64),
    }
    const digest = core.views.signDigest('proposal', core.views.encode('proposal', unsigned), CHAIN)
    const proposal = { ...unsigned, signature: ed25519.sign(digest, secret(1)) }
    roundTrip('proposal', proposal)
    assert.ok(ed25519.verify(proposal.signature, digest, publicKey(1)))
    roundTrip('proposal', { ...proposal, round: 0, polRound: null })
    roundTrip('commit', commitFor(3n, blockId))
    roundTrip('evidence', duplicateVote())
    roundTrip('validatorSet', validators)
    roundTrip('lastSigned', {
      height: 3n,
      round: 2,
      step: 'precommit',
      block: blockId,
      polRound: null,
      lockedRound: 1,
      lockedBlock: blockId,
      validRound: 2,
      validBlock: filled(32, 0xbb),
    })
  })

  it('round-trips light blocks and state proofs of every kind', () => {
    roundTrip('lightBlock', { header, commit: commitFor(3n, blockId), validators })
    const store = new MemoryNodeStore()
    const tree = core.openStateTree(store)
    const key = (first: number) => {
      const k = new Uint8Array(32)
      k[0] = first
      return k
    }
    const update = tree.apply(new Uint8Array(32), [
      { key: key(0x00), value: Uint8Array.of(1) },
      { key: key(0x01), value: Uint8Array.of(2) },
      { key: key(0x40), value: Uint8Array.of(3) },
    ])
    store.commit(update)
    const kinds = [0x01, 0x80, 0x50].map((first) => {
      const bytes = tree.prove(update.root, key(first))
      const view = core.views.decode('stateProof', bytes)
      assert.deepEqual(core.views.encode('stateProof', view), bytes)
      return view.kind
    })
    tree.close()
    assert.deepEqual(kinds, ['inclusion', 'emptySubtree', 'otherLeaf'])
  })

  it('keeps u64 values beyond 2^53 exact in both directions', () => {
    for (const value of [2n ** 53n + 1n, 2n ** 63n + 12345n, U64_MAX]) {
      roundTrip('account', { balance: value, nonce: value - 1n })
      const { view } = signedTransfer(value)
      const back = core.views.decode('transaction', core.views.encode('transaction', view))
      assert.equal(back.nonce, value)
      assert.equal(typeof back.amount, 'bigint')
    }
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom('prevote' as const, 'precommit' as const),
          height: fc.bigInt({ min: 1n, max: U64_MAX }),
          round: fc.integer({ min: 0, max: 0xfffffffe }),
          block: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 })),
          validatorIndex: fc.integer({ min: 0, max: 0xffffffff }),
          signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
        }),
        (vote) => {
          // fast-check's records are not plain objects; the core's views are.
          roundTrip('vote', { ...vote })
        },
      ),
      { numRuns: 200 },
    )
  })

  it('names what is wrong with a view, in the core’s words', () => {
    const account = { balance: 1n, nonce: 2n }
    assert.equal(
      coreError(() => core.views.encode('account', { ...account, memo: 1 } as never)),
      'ViewError.UnknownKey',
    )
    assert.equal(
      coreError(() => core.views.encode('account', { balance: 1n } as never)),
      'ViewError.MissingKey',
    )
    assert.equal(
      coreError(() => core.views.encode('account', { ...account, nonce: 'two' } as never)),
      'ViewError.WrongType',
    )
    assert.equal(
      coreError(() => core.views.encode('account', { ...account, nonce: 2n ** 64n })),
      'ViewError.NumberTooLarge',
    )
    assert.equal(
      coreError(() => core.views.encode('account', { ...account, nonce: -1n })),
      'ViewError.NegativeNumber',
    )
    const vote = signedVote(
      { type: 'prevote', height: 3n, round: 0, block: null, validatorIndex: 0 },
      1,
    )
    assert.equal(
      coreError(() => core.views.encode('vote', { ...vote, round: 2 ** 32 })),
      'ViewError.OutOfRange',
    )
    assert.equal(
      coreError(() => core.views.encode('vote', { ...vote, round: 1.5 })),
      'ViewError.NotAnInteger',
    )
    assert.equal(
      coreError(() => core.views.encode('vote', { ...vote, signature: new Uint8Array(63) })),
      'ViewError.WrongLength',
    )
    assert.equal(
      coreError(() => core.views.encode('vote', { ...vote, block: 'AB' as never })),
      'ViewError.BadHex',
    )
    assert.equal(
      coreError(() => core.views.encode('vote', { ...vote, type: 'vote' as never })),
      'ViewError.UnknownVariant',
    )
  })

  it('refuses what the decoder refuses, with the decoder’s reason', () => {
    const [first, second, third] = validators.members
    assert.ok(first && second && third)
    assert.equal(
      coreError(() => core.views.encode('validatorSet', { members: [second, first, third] })),
      'DecodeError.NotSorted',
    )
    assert.equal(
      coreError(() => core.views.encode('header', { ...header, height: 0n })),
      'DecodeError.ValueOutOfRange',
    )
    assert.equal(
      coreError(() => core.views.encode('genesis', { ...genesis, chainId: 'Weft Test' })),
      'DecodeError.ValueOutOfRange',
    )
    const bytes = core.views.encode('header', header)
    assert.equal(
      coreError(() => core.views.decode('header', bytes.subarray(0, bytes.length - 1))),
      'DecodeError.Truncated',
    )
    assert.equal(
      coreError(() => core.views.decode('stateProof', Uint8Array.of(7))),
      'ProofError.UnknownKind',
    )
    assert.equal(
      coreError(() => core.views.signDigest('header' as never, bytes, CHAIN)),
      'ViewError.NotSigned',
    )
    assert.equal(
      coreError(() => core.views.id('vote' as never, bytes)),
      'ViewError.NoId',
    )
    const { bytes: tx } = signedTransfer(0n)
    assert.equal(
      coreError(() => core.views.signDigest('transaction', tx, 'Weft')),
      'ViewError.BadChainId',
    )
    assert.equal(
      coreError(() => core.views.signDigest('transaction', tx, '')),
      'ViewError.BadChainId',
    )
  })

  it('refuses before the core what JSON cannot carry exactly', () => {
    const account = { balance: 1n, nonce: 2n }
    assert.throws(() => core.views.encode('mint' as never, account as never), WeftInputError)
    assert.throws(
      () => core.views.encode('account', { ...account, nonce: 2 ** 60 } as never),
      /pass it as a bigint/,
    )
    assert.throws(
      () => core.views.encode('account', { ...account, nonce: Number.NaN } as never),
      WeftInputError,
    )
    assert.throws(() => core.views.decode('account', [1, 2] as never), WeftInputError)
    assert.throws(
      () => core.views.signDigest('transaction', new Uint8Array(1), 7 as never),
      WeftInputError,
    )
  })
})
