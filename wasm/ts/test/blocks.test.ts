// Genesis, blocks and admission through the WASM core's block engine: the host's view of the
// chain rules — what the mempool asks, what a proposer builds, what a validator refuses and why.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  BlockRejectedError,
  loadCore,
  MemoryNodeStore,
  type Transaction,
  WeftCoreError,
} from '../src/index.ts'

const core = await loadCore()
const CHAIN = 'weft-blocks'
const WEFT = 1_000_000_000n
const secret = (seed: number) => new Uint8Array(32).fill(seed)
const validator = secret(1)
const validatorKey = ed25519.getPublicKey(validator)
const alice = secret(2)
const aliceKey = ed25519.getPublicKey(alice)
const bob = core.chain.addressOf(ed25519.getPublicKey(secret(3)))

const genesis = core.views.encode('genesis', {
  chainId: CHAIN,
  genesisTime: 1_700_000_000_000n,
  params: core.views.defaultParams(),
  accounts: [{ address: core.chain.addressOf(aliceKey), balance: 100n * WEFT }],
  validators: [{ publicKey: validatorKey, stake: 1000n * WEFT }],
})

function transfer(nonce: bigint, amount: bigint, signer = alice): Uint8Array {
  const tx: Transaction = {
    kind: 'transfer',
    sender: ed25519.getPublicKey(signer),
    nonce,
    maxFeePerByte: 2000n,
    tipPerByte: 5n,
    to: bob,
    amount,
  }
  const digest = core.chain.transactionSignDigest(CHAIN, tx)
  return core.chain.encodeTransaction({ ...tx, signature: ed25519.sign(digest, signer) })
}

function open() {
  const store = new MemoryNodeStore()
  const tree = core.openStateTree(store)
  const loaded = core.blocks.loadGenesis(tree, genesis)
  store.commit(loaded)
  return { store, tree, loaded }
}

const emptyCommit = core.views.encode('commit', {
  height: 0n,
  round: 0,
  block: new Uint8Array(32),
  signatures: [],
})

describe('the block engine', () => {
  it('loads a genesis: its hash, root and validator set', () => {
    const { tree, loaded } = open()
    assert.equal(
      Buffer.from(loaded.genesisHash).toString('hex'),
      Buffer.from(core.sha256(genesis)).toString('hex'),
      'the genesis hash is SHA-256 of its encoding',
    )
    const chain = core.blocks.chainRecord(tree, loaded.root)
    assert.equal(chain.height, 0n)
    assert.equal(chain.supply, 1100n * WEFT)
    assert.deepEqual(core.blocks.validatorSet(tree, loaded.root, 1n), loaded.validators)
    const set = core.views.decode('validatorSet', loaded.validators)
    assert.deepEqual(set.members, [{ publicKey: validatorKey, power: 1000n }])
    tree.close()
  })

  it('admits what the next block could hold, after the sender’s earlier transactions', () => {
    const { tree, loaded } = open()
    const first = transfer(0n, WEFT)
    const second = transfer(1n, WEFT)
    const admitted = core.blocks.admit(tree, loaded.root, first, CHAIN)
    assert.equal(admitted.size, BigInt(first.length))
    assert.equal(admitted.feeBurned, 1000n * BigInt(first.length), 'the genesis base fee per byte')
    const reason = (f: () => unknown) => {
      try {
        f()
      } catch (err) {
        assert.ok(err instanceof WeftCoreError)
        return err.code
      }
      return 'admitted'
    }
    assert.equal(
      reason(() => core.blocks.admit(tree, loaded.root, second, CHAIN)),
      'TxError.NonceTooHigh',
    )
    assert.equal(
      reason(() => core.blocks.admit(tree, loaded.root, second, CHAIN, [first])),
      'admitted',
    )
    assert.equal(
      reason(() => core.blocks.admit(tree, loaded.root, transfer(1n, 99n * WEFT), CHAIN, [first])),
      'TxError.InsufficientBalance',
      'the first transfer and its fee leave less than 99 WEFT',
    )
    assert.equal(
      reason(() => core.blocks.admit(tree, loaded.root, transfer(0n, WEFT, secret(9)), CHAIN)),
      'TxError.CannotPayFee',
      'an account that does not exist pays nothing',
    )
    assert.equal(
      reason(() => core.blocks.admit(tree, loaded.root, first, 'weft-other')),
      'TxError.BadSignature',
    )
    tree.close()
  })

  it('skips only the signature for a transaction the host already verified', () => {
    const { tree, loaded } = open()
    const forged = core.views.encode('transaction', {
      ...core.views.decode('transaction', transfer(0n, WEFT)),
      signature: new Uint8Array(64).fill(9),
    })
    assert.throws(
      () => core.blocks.admit(tree, loaded.root, forged, CHAIN),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'TxError.BadSignature',
    )
    assert.equal(
      core.blocks.admit(tree, loaded.root, forged, CHAIN, [], { signatureVerified: true }).size,
      BigInt(forged.length),
    )
    // The stateful rules still run without the signature check.
    assert.throws(
      () =>
        core.blocks.admit(tree, loaded.root, transfer(3n, WEFT), CHAIN, [], {
          signatureVerified: true,
        }),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'TxError.NonceTooHigh',
    )
    tree.close()
  })

  it('admits a sender’s run of transactions in one call, stopping after the first refusal', () => {
    const { tree, loaded } = open()
    const run = [
      transfer(1n, WEFT),
      transfer(2n, WEFT),
      transfer(3n, 99n * WEFT),
      transfer(4n, WEFT),
    ]
    const answers = core.blocks.admitRun(tree, loaded.root, CHAIN, [transfer(0n, WEFT)], run)
    assert.deepEqual(
      answers.map((a) => (a.ok ? 'admitted' : a.reason)),
      ['admitted', 'admitted', 'TxError.InsufficientBalance'],
    )
    // Each admitted answer is admit()'s own for that transaction after the ones before it.
    const single = core.blocks.admit(tree, loaded.root, run[1] as Uint8Array, CHAIN, [
      transfer(0n, WEFT),
      run[0] as Uint8Array,
    ])
    assert.deepEqual(answers[1], { ok: true, ...single })
    assert.throws(
      () => core.blocks.admitRun(tree, loaded.root, CHAIN, [transfer(5n, WEFT)], run),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'TxError.NonceTooHigh',
      'a failing transaction ahead is the answer for the whole run',
    )
    tree.close()
  })

  it('verifies each signature once per node with a memo, and never lets a forged one pass', () => {
    const { tree, loaded } = open()
    const memo = core.openVerifiedSignatures(CHAIN)
    const txs = [0n, 1n, 2n].map((nonce) => transfer(nonce, WEFT))
    const forged = core.views.encode('transaction', {
      ...core.views.decode('transaction', txs[1] as Uint8Array),
      signature: new Uint8Array(64).fill(9),
    })
    assert.deepEqual(core.blocks.verifySignatures(memo, [...txs, forged, new Uint8Array([1])]), [
      true,
      true,
      true,
      false,
      false,
    ])
    // The forged twin of a remembered transaction is still refused, with or without the memo.
    assert.throws(
      () =>
        core.blocks.admit(tree, loaded.root, forged, CHAIN, [txs[0] as Uint8Array], {
          signatures: memo,
        }),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'TxError.BadSignature',
    )
    const request = {
      chainId: CHAIN,
      time: 1_700_000_001_000n,
      proposer: core.chain.addressOf(validatorKey),
      lastCommit: emptyCommit,
      candidates: [...txs, forged],
    }
    const withMemo = core.blocks.build(tree, loaded.root, { ...request, signatures: memo })
    const without = core.blocks.build(tree, loaded.root, request)
    assert.deepEqual(withMemo.block, without.block, 'the memo never changes what is built')
    assert.deepEqual(withMemo.skipped, without.skipped)
    const validated = core.blocks.validate(tree, loaded.root, {
      chainId: CHAIN,
      block: withMemo.block,
      signatures: memo,
    })
    assert.deepEqual(validated.root, without.outcome.root)
    // A memo is for its own chain: another chain id gets no help from it.
    assert.throws(
      () =>
        core.blocks.admit(tree, loaded.root, txs[0] as Uint8Array, 'weft-other', [], {
          signatures: memo,
        }),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'TxError.BadSignature',
    )
    memo.close()
    assert.throws(() => core.blocks.verifySignatures(memo, txs), /closed/)
    tree.close()
  })

  it('builds a block that validates, skipping what cannot run, and names the rule a bad block breaks', () => {
    const { tree, loaded } = open()
    const proposer = core.chain.addressOf(validatorKey)
    const built = core.blocks.build(tree, loaded.root, {
      chainId: CHAIN,
      time: 1_700_000_001_000n,
      proposer,
      lastCommit: emptyCommit,
      candidates: [transfer(0n, WEFT), transfer(5n, WEFT), transfer(1n, 2n * WEFT)],
    })
    assert.deepEqual(built.skipped, [{ index: 1, error: 'TxError.NonceTooHigh' }])
    const block = core.views.decode('block', built.block)
    assert.equal(block.txs.length, 2)
    const outcome = core.blocks.validate(tree, loaded.root, { chainId: CHAIN, block: built.block })
    assert.deepEqual(outcome.root, built.outcome.root)
    assert.deepEqual(outcome.header, core.views.encode('header', block.header))
    assert.equal(outcome.receipts.length, 2)
    assert.ok(outcome.receipts.every((r) => r.error === null))
    assert.equal(outcome.minted, 2n * WEFT, 'the block reward')

    // The same block with its transactions swapped: the tx root no longer matches the header.
    const swapped = core.views.encode('block', { ...block, txs: [...block.txs].reverse() })
    assert.throws(
      () => core.blocks.validate(tree, loaded.root, { chainId: CHAIN, block: swapped }),
      (err: unknown) => err instanceof BlockRejectedError && err.code === 'BlockError.WrongTxRoot',
    )
    assert.throws(
      () => core.blocks.validate(tree, loaded.root, { chainId: 'weft-other', block: built.block }),
      (err: unknown) => err instanceof BlockRejectedError && err.code === 'BlockError.WrongChain',
    )
    tree.close()
  })

  it("proves each transaction of a block against its header's tx root", () => {
    const { tree, loaded } = open()
    const txs = [0n, 1n, 2n].map((nonce) => transfer(nonce, WEFT))
    const built = core.blocks.build(tree, loaded.root, {
      chainId: CHAIN,
      time: 1_700_000_001_000n,
      proposer: core.chain.addressOf(validatorKey),
      lastCommit: emptyCommit,
      candidates: txs,
    })
    const header = core.views.decode('block', built.block).header
    txs.forEach((tx, i) => {
      const proof = core.blocks.txProof(built.block, BigInt(i))
      assert.deepEqual(proof.txRoot, header.txRoot)
      assert.deepEqual(proof.txId, core.views.id('transaction', tx))
      assert.equal(proof.count, 3n)
      assert.equal(core.blocks.verifyTxProof(header.txRoot, proof), true)
      assert.equal(
        core.blocks.verifyTxProof(header.txRoot, { ...proof, index: (BigInt(i) + 1n) % 3n }),
        false,
      )
      assert.equal(core.blocks.verifyTxProof(new Uint8Array(32), proof), false)
    })
    assert.throws(
      () => core.blocks.txProof(built.block, 3n),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'DecodeError.ValueOutOfRange',
    )
    const proof = core.blocks.txProof(built.block, 0n)
    assert.throws(
      () => core.blocks.verifyTxProof(header.txRoot, { ...proof, path: proof.path.subarray(1) }),
      (err: unknown) => err instanceof WeftCoreError && err.code === 'DecodeError.Truncated',
    )
    tree.close()
  })
})
