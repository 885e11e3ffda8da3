// One chain, two builds of the core. A single validator runs 1 000 heights through the WASM
// build — the consensus machine proposes, votes and decides, the block engine builds and
// validates blocks with real signed transfers, and the state lives in a host store — then the
// native build (wasm/tools/replay.cpp, built by the native suite) replays the same bytes and must
// print the same state root and block id at every height.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { ed25519 } from '@noble/curves/ed25519.js'
import { FrameWriter } from '../src/frame.ts'
import {
  type Action,
  loadCore,
  MemoryNodeStore,
  type StateTree,
  type Transaction,
} from '../src/index.ts'

const HEIGHTS = Number(process.env.WEFT_REPLAY_HEIGHTS ?? 1000)
const CHAIN = 'weft-replay'
const GENESIS_MS = 1_700_000_000_000n
const WEFT = 1_000_000_000n
const REPLAY = join(import.meta.dirname, '../../build/native/weft_replay')

const core = await loadCore()
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

interface Key {
  secret: Uint8Array
  publicKey: Uint8Array
  address: Uint8Array
}

function key(seed: number): Key {
  const secret = new Uint8Array(32).fill(seed)
  const publicKey = ed25519.getPublicKey(secret)
  return { secret, publicKey, address: core.chain.addressOf(publicKey) }
}

const validator = key(1)
const users = [key(10), key(11), key(12), key(13)]

function genesis(): Uint8Array {
  const accounts = users
    .map((u) => ({ address: u.address, balance: 1_000_000n * WEFT }))
    .sort((a, b) => Buffer.compare(a.address, b.address))
  return core.views.encode('genesis', {
    chainId: CHAIN,
    genesisTime: GENESIS_MS,
    params: core.views.defaultParams(),
    accounts,
    validators: [{ publicKey: validator.publicKey, stake: 1000n * WEFT }],
  })
}

function transfer(from: Key, nonce: bigint, to: Key, amount: bigint): Uint8Array {
  const tx: Transaction = {
    kind: 'transfer',
    sender: from.publicKey,
    nonce,
    maxFeePerByte: 5000n,
    tipPerByte: 10n,
    to: to.address,
    amount,
  }
  const digest = core.chain.transactionSignDigest(CHAIN, tx)
  return core.chain.encodeTransaction({ ...tx, signature: ed25519.sign(digest, from.secret) })
}

interface ChainTip {
  height: number
  root: Uint8Array
  header: Uint8Array | undefined
  lastCommit: Uint8Array
}

/** Runs one height through the consensus machine; returns the decided block and the new tip. */
async function runHeight(
  machine: ReturnType<typeof core.openConsensus>,
  first: Action[],
  tree: StateTree,
  store: MemoryNodeStore,
  tip: ChainTip,
  candidates: Uint8Array[],
): Promise<{ block: Uint8Array; tip: ChainTip; skipped: number }> {
  const sign = (digest: Uint8Array) => ed25519.sign(digest, validator.secret)
  const queue = [...first]
  const base = {
    chainId: CHAIN,
    ...(tip.header === undefined ? {} : { previousHeader: tip.header }),
  }
  let built: ReturnType<typeof core.blocks.build> | undefined
  let skipped = 0
  for (let action = queue.shift(); action !== undefined; action = queue.shift()) {
    switch (action.type) {
      case 'scheduleTimeout':
        break // one honest validator never needs a timeout to fire
      case 'requestProposalBlock': {
        built = core.blocks.build(tree, tip.root, {
          ...base,
          time: GENESIS_MS + BigInt(tip.height + 1) * 1000n,
          proposer: validator.address,
          lastCommit: tip.lastCommit,
          candidates,
        })
        skipped = built.skipped.length
        queue.push(...machine.onProposalBlock(action.height, action.round, built.outcome.blockId))
        break
      }
      case 'broadcastProposal':
      case 'broadcastVote': {
        const outcome =
          action.type === 'broadcastProposal'
            ? machine.onProposal(await machine.signAction(action, sign))
            : machine.onVote(await machine.signAction(action, sign))
        assert.equal(outcome.status, 'applied')
        if (outcome.status === 'applied') queue.push(...outcome.actions)
        break
      }
      case 'requestValidity': {
        assert.ok(built, 'the block asked about is the one we built')
        assert.equal(hex(action.block), hex(built.outcome.blockId))
        queue.push(...machine.onBlockValidity(action.block, true))
        break
      }
      case 'decide': {
        assert.ok(built)
        // Commit the way a node does: validate the decided bytes against the tip, persist.
        const outcome = core.blocks.validate(tree, tip.root, { ...base, block: built.block })
        assert.equal(hex(outcome.root), hex(built.outcome.root))
        store.commit(outcome)
        return {
          block: built.block,
          skipped,
          tip: {
            height: tip.height + 1,
            root: outcome.root,
            header: outcome.header,
            lastCommit: action.commit,
          },
        }
      }
      default:
        assert.fail(`a single honest validator saw ${action.type}`)
    }
  }
  assert.fail(`height ${tip.height + 1} was not decided`)
}

const dirs: string[] = []
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('a single-validator chain through WASM, replayed natively', () => {
  it(`commits ${HEIGHTS} heights with transfers; native roots and ids agree at every height`, async () => {
    assert.ok(
      existsSync(REPLAY),
      `${REPLAY} is missing: the native suite builds it (npm test -- native, before this suite)`,
    )
    const genesisBytes = genesis()
    const store = new MemoryNodeStore()
    const tree = core.openStateTree(store)
    const machine = core.openConsensus()
    try {
      const loaded = core.blocks.loadGenesis(tree, genesisBytes)
      store.commit(loaded)
      let tip: ChainTip = {
        height: 0,
        root: loaded.root,
        header: undefined,
        lastCommit: core.views.encode('commit', {
          height: 0n,
          round: 0,
          block: new Uint8Array(32),
          signatures: [],
        }),
      }
      const nonces = users.map(() => 0n)
      const chainFile = new FrameWriter()
      const wasmLines = [`0 ${hex(loaded.root)} ${hex(loaded.genesisHash)}`]
      let txs = 0
      let skippedTotal = 0
      for (let h = 1; h <= HEIGHTS; h++) {
        // Two transfers per block between the users in turn; every 100th block also carries one
        // that overspends, which the builder must leave out.
        const candidates: Uint8Array[] = []
        for (let k = 0; k < 2; k++) {
          const i = (h * 2 + k) % users.length
          const from = users[i] as Key
          const to = users[(i + 1) % users.length] as Key
          candidates.push(transfer(from, nonces[i] as bigint, to, BigInt(h) * 1000n + BigInt(k)))
          nonces[i] = (nonces[i] as bigint) + 1n
        }
        if (h % 100 === 0) {
          const i = (h * 2 + 2) % users.length
          candidates.push(transfer(users[i] as Key, nonces[i] as bigint, validator, 10n ** 18n))
        }
        const validators = core.blocks.validatorSet(tree, tip.root, BigInt(h))
        const first =
          h === 1
            ? machine.startHeight({
                chainId: CHAIN,
                height: 1n,
                validators,
                ownKey: validator.publicKey,
              })
            : machine.startNextHeight({ validators, ownKey: validator.publicKey })
        const done = await runHeight(machine, first, tree, store, tip, candidates)
        tip = done.tip
        skippedTotal += done.skipped
        txs += candidates.length - done.skipped
        chainFile.bytes(done.block)
        wasmLines.push(`${h} ${hex(tip.root)} ${hex(core.views.id('block', done.block))}`)
      }
      assert.equal(skippedTotal, Math.floor(HEIGHTS / 100), 'each overspend was left out')
      assert.equal(txs, HEIGHTS * 2)
      const chainState = core.blocks.chainRecord(tree, tip.root)
      assert.equal(chainState.height, BigInt(HEIGHTS))

      const dir = await mkdtemp(join(tmpdir(), 'weft-replay-'))
      dirs.push(dir)
      const bytes = new Uint8Array(chainFile.length)
      chainFile.writeTo((at, data) => bytes.set(data, at), 0)
      await writeFile(join(dir, 'genesis.bin'), genesisBytes)
      await writeFile(join(dir, 'chain.bin'), bytes)
      const { stdout } = await promisify(execFile)(
        REPLAY,
        [join(dir, 'genesis.bin'), join(dir, 'chain.bin')],
        { maxBuffer: 64 * 1024 * 1024 },
      )
      const nativeLines = stdout.trim().split('\n')
      assert.equal(nativeLines.length, HEIGHTS + 1)
      for (let h = 0; h <= HEIGHTS; h++) {
        assert.equal(nativeLines[h], wasmLines[h], `height ${h}: native and WASM disagree`)
      }
    } finally {
      machine.close()
      tree.close()
    }
  })

  it('the native replay names the first block it rejects', async () => {
    assert.ok(existsSync(REPLAY), `${REPLAY} is missing: run the native suite first`)
    const dir = await mkdtemp(join(tmpdir(), 'weft-replay-'))
    dirs.push(dir)
    // A genesis with one block whose bytes are cut short.
    await writeFile(join(dir, 'genesis.bin'), genesis())
    await writeFile(join(dir, 'chain.bin'), Uint8Array.of(3, 1, 2, 3))
    await assert.rejects(
      promisify(execFile)(REPLAY, [join(dir, 'genesis.bin'), join(dir, 'chain.bin')]),
      (err: { stderr: string; code: number }) =>
        err.code === 1 && /block 1: BlockError\.Malformed/.test(err.stderr),
    )
  })
})
