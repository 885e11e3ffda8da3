// The light client against in-memory peers serving a real chain (blocks executed by the core,
// commits signed by four validators): it reaches the head by skipping verification, follows
// gossip, resumes from storage only when the record verifies again, halts with evidence on a
// conflicting witness, drops a faulty one, and proves balances and transactions.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import {
  ConflictHaltedError,
  chainTrust,
  LightClient,
  type LightClientConfig,
  LightClientError,
  type LightClientEvent,
  type LightClientInit,
  MemoryTrustedStore,
} from '../../src/index.ts'
import { readLightBlock } from '../../src/light-client/light-block.ts'
import { sealRecord } from '../../src/light-client/trusted-record.ts'
import { FakeNetwork, type FakePeer } from './fake-network.ts'
import { hex, TestChain } from './test-chain.ts'

const core = await loadCore()
const TOP = 40
const chain = new TestChain(core)
chain.extend(TOP)
const config: LightClientConfig = { genesis: chain.genesis, genesisHash: chain.genesisHash }
const NOW = chain.timeAt(TOP) + 5_000

function client(
  peers: Record<string, FakePeer>,
  options: {
    store?: MemoryTrustedStore
    now?: number
    config?: LightClientConfig
    init?: LightClientInit
  } = {},
) {
  const network = new FakeNetwork(chain, peers)
  const events: LightClientEvent[] = []
  const c = new LightClient(
    {
      core,
      transport: network,
      store: options.store ?? new MemoryTrustedStore(),
      now: () => options.now ?? NOW,
    },
    options.init,
  )
  c.subscribe((e) => events.push(e))
  return { client: c, network, events, start: () => c.start(options.config ?? config) }
}

const honest = () => ({ a: {}, b: {}, c: {} })

describe('light client: trust', () => {
  it('verifies from block 1 to the head by skipping, fetching few headers', async () => {
    const { client: c, network, events, start } = client(honest())
    const head = await start()
    assert.equal(head.height, TOP)
    assert.equal(hex(head.blockId), hex(chain.at(TOP).blockId))
    assert.equal(c.sendingAllowed, true)
    const fromPrimary = network.requests.filter((r) => r.peer === 'a').map((r) => r.height)
    assert.deepEqual(fromPrimary, [1, TOP], 'the anchor, then one skip to the head')
    assert.deepEqual(
      events.filter((e) => e.type === 'head').map((e) => e.type === 'head' && e.source),
      ['anchor', 'sync'],
    )
  })

  it('refuses a genesis that does not match the pinned hash', async () => {
    const other = new TestChain(core)
    const { start } = client(honest(), {
      config: { genesis: other.genesis, genesisHash: chain.genesisHash },
    })
    await assert.rejects(start, { name: 'LightClientError', code: 'GENESIS_MISMATCH' })
    other.close()
  })

  it('starts from a checkpoint, and refuses one older than the trusting period', async () => {
    const checkpoint = { height: 30, blockId: chain.at(30).blockId }
    const { network, start } = client(honest(), { config: { ...config, checkpoint } })
    assert.equal((await start()).height, TOP)
    assert.equal(network.requests[0]?.height, 30, 'the anchor is the checkpoint, not block 1')

    const late = chain.timeAt(30) + chain.trustingPeriodMs
    const expired = client(honest(), { config: { ...config, checkpoint }, now: late })
    await assert.rejects(expired.start, { code: 'CHECKPOINT_EXPIRED' })
  })

  it('refuses a peer whose checkpoint block is not the one configured, and uses another', async () => {
    const checkpoint = { height: 30, blockId: chain.at(30).blockId }
    const fork = chain.fork(30).lightBlock
    const {
      client: c,
      events,
      start,
    } = client(
      { liar: { lightBlockAt: new Map([[30, fork]]) }, a: {}, b: {}, c: {} },
      { config: { ...config, checkpoint } },
    )
    assert.equal((await start()).height, TOP)
    assert.deepEqual(c.faultyPeers, ['liar'])
    assert.ok(events.some((e) => e.type === 'primaryReplaced' && e.peer === 'liar'))
  })
})

describe('light client: gossip', () => {
  it('adopts an adjacent finalized block and rejects a forged one', async () => {
    const longer = new TestChain(core)
    longer.extend(3)
    const network = new FakeNetwork(longer, {
      a: { height: 2 },
      b: { height: 2 },
      c: { height: 2 },
    })
    const c = new LightClient(
      { core, transport: network, now: () => longer.timeAt(3) + 1000 },
      { crossCheckEveryHeights: 100 },
    )
    await c.start({ genesis: longer.genesis, genesisHash: longer.genesisHash })
    assert.equal(c.head?.height, 2)
    const next = longer.at(3)
    const forged = next.commit.slice()
    forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1
    assert.deepEqual(await c.onFinalized({ block: next.block, commit: forged }), {
      status: 'rejected',
      reason: 'LightError.BadCommitSignature',
    })
    assert.equal(c.head?.height, 2)
    const outcome = await c.onFinalized({ block: next.block, commit: next.commit })
    assert.equal(outcome.status, 'verified')
    assert.equal(c.head?.height, 3)
    assert.deepEqual(await c.onFinalized({ lightBlock: next.lightBlock }), { status: 'stale' })
    longer.close()
  })
})

describe('light client: storage', () => {
  it('resumes from a stored state that verifies again, without fetching the anchor', async () => {
    const store = new MemoryTrustedStore()
    await client(honest(), { store }).start()
    const again = client(honest(), { store })
    assert.equal((await again.start()).height, TOP)
    assert.equal(again.events[0]?.type === 'head' && again.events[0].source, 'resume')
    assert.equal(again.network.requests.length, 0, 'nothing fetched: the head is current')
  })

  it('discards a record whose checksum fails and falls back to the anchor', async () => {
    const store = new MemoryTrustedStore()
    await client(honest(), { store }).start()
    const record = store.trusted?.record
    assert.ok(record)
    record[record.length - 10] = (record[record.length - 10] ?? 0) ^ 1
    const again = client(honest(), { store })
    assert.equal((await again.start()).height, TOP)
    const discarded = again.events.find((e) => e.type === 'storeDiscarded')
    assert.equal(discarded?.type === 'storeDiscarded' && discarded.reason, 'CHECKSUM')
    assert.equal(again.network.requests[0]?.height, 1, 'trust rebuilt from block 1')
  })

  it('discards a re-sealed record whose head was edited: the core re-verifies every step', async () => {
    const store = new MemoryTrustedStore()
    const trust = chainTrust(core, config)
    // Whoever can write storage can also recompute the checksum; only verification stops them.
    const edited = chain.at(TOP).lightBlock.slice()
    edited[150] = (edited[150] ?? 0) ^ 1 // a header byte: the commit no longer signs it
    store.trusted = sealRecord(core, trust, [
      readLightBlock(core, chain.at(1).lightBlock),
      readLightBlock(core, edited),
    ])
    const again = client(honest(), { store })
    assert.equal((await again.start()).height, TOP)
    const discarded = again.events.find((e) => e.type === 'storeDiscarded')
    assert.equal(discarded?.type === 'storeDiscarded' && discarded.reason, 'UNVERIFIED')
    assert.match(discarded?.type === 'storeDiscarded' ? discarded.detail : '', /height 40/)
  })

  it('discards a record older than the trusting period', async () => {
    const store = new MemoryTrustedStore()
    await client(honest(), { store }).start()
    const later = chain.timeAt(TOP) + chain.trustingPeriodMs
    const again = client(honest(), { store, now: later })
    // Block 1 has expired too: the client says a checkpoint is needed rather than trust it.
    await assert.rejects(again.start, { code: 'TRUST_EXPIRED' })
    const discarded = again.events.find((e) => e.type === 'storeDiscarded')
    assert.equal(discarded?.type === 'storeDiscarded' && discarded.reason, 'EXPIRED')
    assert.equal(store.trusted, undefined)
  })
})

describe('light client: witnesses', () => {
  it('halts on a conflicting witness, keeps the evidence and refuses to send, across reloads', async () => {
    const store = new MemoryTrustedStore()
    const fork = chain.fork(TOP)
    const peers = { a: {}, b: {}, forked: { lightBlockAt: new Map([[TOP, fork.lightBlock]]) } }
    const { client: c, events, start } = client(peers, { store })
    const err = await start().then(
      () => assert.fail('start should halt'),
      (e: unknown) => e,
    )
    assert.ok(err instanceof ConflictHaltedError)
    assert.equal(err.code, 'HALTED')
    const conflict = c.conflict
    assert.ok(conflict)
    assert.deepEqual(
      [conflict.primary, conflict.witness, conflict.height, conflict.commonHeight],
      ['a', 'forked', TOP, 1],
    )
    assert.equal(hex(conflict.witnessBlockId), hex(fork.blockId))
    assert.equal(hex(conflict.primaryBlockId), hex(chain.at(TOP).blockId))
    // Light-client attack evidence, version 1, kind 2, carrying the witness's block.
    assert.deepEqual([...conflict.evidence.subarray(0, 2)], [1, 2])
    assert.ok(events.some((e) => e.type === 'conflict'))
    assert.equal(c.sendingAllowed, false)
    assert.throws(() => c.assertCanSend(), ConflictHaltedError)
    await assert.rejects(c.account(chain.senderAddress), ConflictHaltedError)
    assert.deepEqual(store.conflict?.evidence, conflict.evidence)

    const reloaded = client(peers, { store })
    await reloaded.start()
    assert.equal(reloaded.client.sendingAllowed, false, 'a reload stays halted')
    assert.equal(
      hex(reloaded.client.conflict?.evidence ?? new Uint8Array()),
      hex(conflict.evidence),
    )
    await reloaded.client.resolveConflict()
    assert.equal(store.conflict, undefined)
  })

  it('halts when a witness contradicts a head that came from gossip', async () => {
    const fork = chain.fork(TOP)
    const { client: c, start } = client(
      {
        a: { height: TOP - 1 },
        b: { height: TOP - 1 },
        forked: { height: TOP, lightBlockAt: new Map([[TOP, fork.lightBlock]]) },
      },
      { init: { crossCheckEveryHeights: 1 } },
    )
    assert.equal((await start()).height, TOP - 1)
    const outcome = await c.onFinalized({ lightBlock: chain.at(TOP).lightBlock, from: 'gossiper' })
    assert.deepEqual(outcome, { status: 'halted' })
    assert.equal(c.conflict?.primary, 'gossiper')
    assert.equal(c.conflict?.witness, 'forked')
    assert.equal(c.sendingAllowed, false)
  })

  it('replaces a faulty witness and adopts the head once two others agree', async () => {
    // A header byte (inside its tx root) changed: its commit no longer signs it.
    const tampered = chain.at(TOP).lightBlock.slice()
    tampered[100] = (tampered[100] ?? 0) ^ 1
    const {
      client: c,
      events,
      start,
    } = client({
      a: {},
      faulty: { lightBlockAt: new Map([[TOP, tampered]]) },
      b: {},
      c: {},
    })
    assert.equal((await start()).height, TOP)
    assert.deepEqual(c.faultyPeers, ['faulty'])
    const replaced = events.find((e) => e.type === 'witnessReplaced')
    assert.equal(replaced?.type === 'witnessReplaced' && replaced.peer, 'faulty')
    assert.equal(c.sendingAllowed, true)
  })

  it('does not adopt a head fewer than two witnesses confirm', async () => {
    const { client: c, start } = client({ a: {}, b: {}, gone: { silent: true } })
    await assert.rejects(start, { code: 'NOT_ENOUGH_WITNESSES' })
    assert.equal(c.head?.height, 1, 'still at the anchor')
  })
})

describe('light client: queries', () => {
  it('shows a balance proven against the verified head, and refuses a lying proof', async () => {
    const inflate = (p: { value: Uint8Array | undefined }) => {
      const account = core.views.decode('account', p.value ?? new Uint8Array())
      return {
        ...p,
        value: core.views.encode('account', { ...account, balance: account.balance * 2n }),
      }
    }
    const { client: c, start } = client({
      liar: { accountProof: (p) => ({ ...p, ...inflate(p) }) },
      b: {},
      c: {},
    })
    await start()
    const account = await c.account(chain.senderAddress)
    const truth = chain.account(chain.senderAddress, TOP)
    assert.deepEqual(
      [account.balance, account.nonce, account.height, account.verified, account.provenBy],
      [truth.balance, truth.nonce, TOP, true, 'b'],
    )

    const { client: fooled, start: startFooled } = client({
      liar: { accountProof: (p) => ({ ...p, ...inflate(p) }) },
      b: { accountProof: (p) => ({ ...p, header: chain.at(TOP - 1).header }) },
      c: { accountProof: (p) => ({ ...p, ...inflate(p) }) },
    })
    await startFooled()
    await assert.rejects(fooled.account(chain.senderAddress), (err: unknown) => {
      assert.ok(err instanceof LightClientError)
      assert.equal(err.code, 'UNVERIFIED')
      assert.match(err.message, /liar: StateError|liar: ProofError/)
      assert.match(err.message, /b: a proof against another header/)
      return true
    })
  })

  it('proves a transaction below the head by verifying its header first', async () => {
    const [txIdHex, where] = [...chain.txs.entries()].find(([, w]) => w.height === 12) ?? []
    assert.ok(txIdHex && where)
    const txId = Uint8Array.from(Buffer.from(txIdHex, 'hex'))
    const { client: c, network, start } = client(honest())
    await start()
    const before = network.requests.length
    const found = await c.txInclusion(txId)
    assert.equal(found.status, 'included')
    assert.ok(found.status === 'included')
    assert.deepEqual([found.height, found.index, found.verified], [12, where.index, true])
    assert.ok(network.requests.length > before, 'header 12 was fetched and verified')

    const bent = client({
      a: { txProof: (p) => ({ ...p, index: p.index + 1, count: p.count + 1 }) },
      b: {},
      c: {},
    })
    await bent.start()
    const proven = await bent.client.txInclusion(txId)
    assert.ok(proven.status === 'included')
    assert.equal(proven.provenBy, 'b', "a's bent path was refused")

    const unknown = await c.txInclusion(new Uint8Array(32))
    assert.deepEqual(unknown, { status: 'notFound', verified: false, reportedBy: ['a', 'b', 'c'] })
  })

  it('labels an address history with the archive node that reported it', async () => {
    const entry = { txId: new Uint8Array(32).fill(7), height: 5, index: 0, error: null }
    const { client: c, start } = client({ a: {}, b: {}, archive: { history: [entry] } })
    await start()
    const history = await c.addressHistory(chain.senderAddress)
    assert.equal(history.verified, false)
    assert.equal(history.reportedBy, 'archive')
    assert.deepEqual(history.entries, [{ ...entry, verified: false, reportedBy: 'archive' }])
    assert.equal(history.last, true)
  })
})
