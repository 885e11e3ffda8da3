// Transactions on gossip travel in batches: a node's own submissions of one window go out as one
// message, and a peer's batch is admitted transaction by transaction — a forged one is refused
// and gets the batch rejected (its sender penalised), while the valid ones still reach the pool.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import { decodeTxBatch, encodeTxBatch, MAX_TX_BATCH_TXS, Mempool } from '@weft/core'
import { loadCore, type Transaction } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { chainMempoolValidator } from '../../src/chain/mempool-validator.ts'
import { SignatureBatch } from '../../src/chain/signature-batch.ts'
import { TxGossip } from '../../src/net/tx-gossip.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'

const core = await loadCore()
const CHAIN = 'weft-tx-gossip-test'
const WEFT = 1_000_000_000n
const dirs: string[] = []
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

const senders = Array.from({ length: 4 }, (_, i) => new Uint8Array(32).fill(i + 20))
const genesis = core.views.encode('genesis', {
  chainId: CHAIN,
  genesisTime: 1_700_000_000_000n,
  params: core.views.defaultParams(),
  accounts: senders
    .map((s) => ({ address: core.chain.addressOf(ed25519.getPublicKey(s)), balance: 10n * WEFT }))
    .sort((a, b) => Buffer.compare(a.address, b.address)),
  validators: [{ publicKey: ed25519.getPublicKey(new Uint8Array(32).fill(1)), stake: WEFT }],
})

function transfer(secret: Uint8Array, nonce: bigint, amount = 1n): Uint8Array {
  const tx: Transaction = {
    kind: 'transfer',
    sender: ed25519.getPublicKey(secret),
    nonce,
    maxFeePerByte: 10_000n,
    tipPerByte: 10n,
    to: new Uint8Array(20).fill(7),
    amount,
  }
  const signature = ed25519.sign(core.chain.transactionSignDigest(CHAIN, tx), secret)
  return core.chain.encodeTransaction({ ...tx, signature })
}

/** A node's chain, pool and transaction gossip; what it publishes is recorded. */
async function node() {
  const dir = await mkdtemp(join(tmpdir(), 'weft-tx-gossip-'))
  dirs.push(dir)
  const store = ChainStore.open(join(dir, 'chain'), { archive: false })
  const chain = await Chain.open(core, store, genesis, CHAIN)
  const pool = new Mempool({ validator: chainMempoolValidator(chain), now: Date.now })
  const published: Uint8Array[] = []
  const gossip = new TxGossip({
    signatures: new SignatureBatch(chain),
    pool,
    publish: async (data) => {
      published.push(data)
    },
    statelessOk: (tx) => core.chain.checkTransaction(tx, CHAIN).ok,
  })
  return {
    pool,
    gossip,
    published,
    async close() {
      gossip.stop()
      chain.close()
      await store.close()
    },
  }
}

describe('transactions on gossip', () => {
  it("admits a peer's batch but its forged transaction, and rejects the batch", async () => {
    const n = await node()
    const good = senders.flatMap((s) => [transfer(s, 0n), transfer(s, 1n)])
    const forged = transfer(senders[1] as Uint8Array, 2n)
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1
    const batch = [...good.slice(0, 3), forged, ...good.slice(3)]

    assert.equal(await n.gossip.receive(encodeTxBatch(batch)), 'reject')
    assert.equal(n.pool.stats().pending.count, good.length, 'every valid transaction is pooled')
    assert.equal(n.pool.status(core.sha256(forged)).status, 'unknown', 'the forged one is not')
    for (const tx of good) assert.equal(n.pool.status(core.sha256(tx)).status, 'pending')
    await n.close()
  })

  it('does not blame a peer for a refusal that depends on state (a race between honest heads)', async () => {
    const n = await node()
    // Well formed and signed, but more than the sender holds: valid in some other state.
    const overspend = transfer(senders[0] as Uint8Array, 0n, 100n * WEFT)
    const refused = n.pool.add(overspend)
    assert.equal(refused.ok === false && refused.code, 'INVALID', 'the core refuses it')
    assert.equal(await n.gossip.receive(encodeTxBatch([overspend])), 'ignore')
    await n.close()
  })

  it('accepts a batch that brought something new, ignores one that did not', async () => {
    const n = await node()
    const first = senders.map((s) => transfer(s, 0n))
    assert.equal(await n.gossip.receive(encodeTxBatch(first)), 'accept')
    assert.equal(await n.gossip.receive(encodeTxBatch(first)), 'ignore', 'all already known')
    const second = [...first, transfer(senders[0] as Uint8Array, 1n)]
    assert.equal(await n.gossip.receive(encodeTxBatch(second)), 'accept', 'one of them is new')
    assert.equal(n.pool.stats().pending.count, senders.length + 1)
    assert.equal(await n.gossip.receive(Uint8Array.of(1, 1, 3, 7)), 'reject', 'not a batch')
    await n.close()
  })

  it("sends one window's submissions as one message, and a full batch at once", async () => {
    const n = await node()
    const txs = senders.map((s) => transfer(s, 0n))
    const sent = new Promise<void>((resolve) => {
      const gossip = new TxGossip(
        {
          signatures: { verifyAll: async () => undefined },
          pool: n.pool,
          publish: async (data) => {
            n.published.push(data)
            resolve()
          },
        },
        { windowMs: 5 },
      )
      for (const tx of txs) gossip.send(tx)
    })
    await sent
    assert.equal(n.published.length, 1)
    assert.deepEqual(decodeTxBatch(n.published[0] as Uint8Array), txs)

    // More than a batch holds: the full one goes out without waiting for the window.
    const many = Array.from({ length: MAX_TX_BATCH_TXS + 1 }, (_, i) =>
      Uint8Array.of(i & 0xff, i >> 8),
    )
    for (const tx of many) n.gossip.send(tx)
    assert.equal(n.published.length, 2)
    assert.deepEqual(decodeTxBatch(n.published[1] as Uint8Array), many.slice(0, MAX_TX_BATCH_TXS))
    n.gossip.flush()
    assert.deepEqual(decodeTxBatch(n.published[2] as Uint8Array), many.slice(MAX_TX_BATCH_TXS))
    await n.close()
  })
})
