// State sync over a real network on loopback: a validator runs a chain with a large genesis state
// and some transfers; a late node started with --state-sync verifies a recent header from genesis,
// downloads the state under it, survives SIGKILL mid-download (resuming from the nodes it stored),
// and then follows new blocks — without ever fetching the early blocks.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { formatAddress } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { createDevnetLayout, type DevnetLayout, WEFT } from '../../src/devnet/devnet-layout.ts'
import { decryptKey } from '../../src/keys/decrypt-key.ts'
import { ed25519Signer } from '../../src/keys/ed25519-key.ts'
import { readKeyFile } from '../../src/keys/key-file-io.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { type RunningNode, startNode, stopNode } from '../helpers/devnet-node.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-state-sync-'))
const scrypt = { N: 2 ** 14, r: 8, p: 1 }
const params = { timeoutCommitMs: 200 }
// A genesis state of some thousands of accounts. A syncing node holds it already (it loads the
// genesis), so the walk finds those subtrees on its own disk and fetches what blocks changed.
const GENESIS_ACCOUNTS = 2_000
const RECIPIENTS = [1, 2, 3].map((i) => new Uint8Array(20).fill(100 + i))
let layout: DevnetLayout
const running: RunningNode[] = []

before(async () => {
  const accounts = Array.from({ length: GENESIS_ACCOUNTS }, (_, i) => ({
    address: core.sha256(new TextEncoder().encode(`account ${i}`)).slice(0, 20),
    balance: BigInt(i + 1) * WEFT,
  }))
  layout = await createDevnetLayout(core, {
    dir: join(dir, 'net'),
    validators: 1,
    params,
    scrypt,
    accounts,
  })
})

after(async () => {
  await Promise.all(running.map((n) => stopNode(n, 'SIGKILL')))
  rmSync(dir, { recursive: true, force: true })
})

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** Transfers from the faucet to each recipient, submitted to `api`, awaited until final. */
async function transfer(api: string, node: RunningNode): Promise<void> {
  const password = readFileSync(layout.passwordFile, 'utf8').trim()
  const sign = ed25519Signer(await decryptKey(readKeyFile(layout.faucet.keyFile), password))
  const hashes: string[] = []
  for (const [i, to] of RECIPIENTS.entries()) {
    const tx = {
      kind: 'transfer' as const,
      sender: layout.faucet.publicKey,
      nonce: BigInt(i),
      maxFeePerByte: 5000n,
      tipPerByte: 10n,
      to,
      amount: 7_000_000n * BigInt(i + 1),
    }
    const signature = sign(core.chain.transactionSignDigest(layout.chainId, tx))
    const res = await fetch(`${api}/v1/txs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tx: Buffer.from(core.chain.encodeTransaction({ ...tx, signature })).toString('hex'),
      }),
    })
    assert.equal(res.status, 202, await res.clone().text())
    hashes.push(((await res.json()) as { hash: string }).hash)
  }
  for (const hash of hashes) {
    const deadline = Date.now() + 30_000
    while ((await getJson(`${api}/v1/txs/${hash}`)).body.status !== 'final') {
      assert.ok(Date.now() < deadline, `${hash} not final`)
      await once(node.process.child.stderr, 'data')
    }
  }
}

describe('state sync', { timeout: 240_000 }, () => {
  it('a late node starts from a verified snapshot, survives SIGKILL mid-download, and follows', async () => {
    const validator = await startNode(
      layout,
      layout.validators[0] as DevnetLayout['validators'][0],
      [],
      {
        api: true,
      },
    )
    running.push(validator)
    const api = validator.apiUrl as string
    await validator.waitForHeight(3, 30_000)
    await transfer(api, validator)
    await validator.waitForHeight(validator.height() + 3, 30_000)

    const syncArgs = { api: true, args: ['--state-sync'] }
    const first = await startNode(layout, layout.relay, [validator.address], syncArgs)
    running.push(first)
    // The first batch of verified nodes is on disk: kill it there.
    await first.waitForLog((l) => l.msg === 'state sync progress', 60_000, 'download progress')
    await stopNode(first, 'SIGKILL')
    assert.ok(
      !first.logs.some((l) => l.msg === 'state sync complete'),
      'the kill landed before the snapshot was committed',
    )
    // Killed mid-download: still at genesis on disk, with the verified nodes it had stored.
    const killedAt = first.logs.find((l) => l.msg === 'state sync: downloading the state')
    const store = ChainStore.open(join(layout.relay.dataDir, 'chain'), { archive: false })
    try {
      assert.equal(store.head()?.height, 0)
      assert.ok(store.nodeStore.get(Buffer.from(String(killedAt?.root), 'hex')) !== undefined)
    } finally {
      await store.close()
    }

    const late = await startNode(layout, layout.relay, [validator.address], syncArgs)
    running.push(late)
    await late.waitForLog((l) => l.msg === 'state sync complete', 60_000, 'state sync')
    const done = late.logs.find((l) => l.msg === 'state sync complete') as Record<string, number>
    // Subtrees it already held (the genesis state, the first run's nodes) were not fetched again.
    assert.ok((done.foundLocally as number) > GENESIS_ACCOUNTS, JSON.stringify(done))
    const base = done.height as number
    assert.ok(base > 3, `snapshot height ${base}`)
    assert.ok((done.nodes as number) > 0)

    // It follows the chain past the validator's current height.
    const tip = validator.height()
    await late.waitForHeight(Math.max(tip, base) + 2, 40_000)
    // Every block it committed is above its snapshot: the early blocks were never executed here.
    assert.equal(Math.min(...late.committed.keys()), base + 1)
    for (const [height, id] of late.committed) {
      const theirs = validator.committed.get(height)
      if (theirs !== undefined) assert.equal(id, theirs, `block ${height}`)
    }
    const lateApi = late.apiUrl as string
    const early = await getJson(`${lateApi}/v1/blocks/1`)
    assert.equal(early.status, 410)
    assert.match(
      String((early.body.error as { message?: string })?.message ?? JSON.stringify(early.body)),
      /state sync at height/,
    )
    assert.equal((await getJson(`${api}/v1/blocks/1`)).status, 200)

    // The same balances as the validator's: the transfers' recipients, the faucet, genesis accounts.
    const addresses = [
      ...RECIPIENTS,
      layout.faucet.address,
      core.sha256(new TextEncoder().encode('account 0')).slice(0, 20),
      core.sha256(new TextEncoder().encode(`account ${GENESIS_ACCOUNTS - 1}`)).slice(0, 20),
    ]
    for (const address of addresses) {
      const path = `/v1/accounts/${formatAddress(address)}`
      const [ours, theirs] = await Promise.all([
        getJson(`${lateApi}${path}`),
        getJson(`${api}${path}`),
      ])
      assert.equal(ours.status, 200)
      assert.equal(ours.body.balance, theirs.body.balance, formatAddress(address))
    }
    assert.equal(
      (await getJson(`${lateApi}/v1/accounts/${formatAddress(RECIPIENTS[2] as Uint8Array)}`)).body
        .balance,
      String(21_000_000n),
    )
  })
})
