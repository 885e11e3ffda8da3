// A real network of `weft node` processes on loopback: four validators agree on every block; a
// validator killed with SIGKILL and restarted rejoins without double-signing; with two of four
// stopped the chain halts and resumes when one returns; a late node catches up by block sync; a
// node on another genesis is refused at the status handshake.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { formatAddress } from '@weft/core'
import { loadCore } from '@weft/wasm'
import { createDevnetLayout, type DevnetLayout } from '../../src/devnet/devnet-layout.ts'
import { decryptKey } from '../../src/keys/decrypt-key.ts'
import { ed25519Signer } from '../../src/keys/ed25519-key.ts'
import { readKeyFile } from '../../src/keys/key-file-io.ts'
import { type RunningNode, startNode, stopNode } from '../helpers/devnet-node.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-network-'))
// Test keys use scrypt's smallest allowed work factor: the keys are thrown away with the test.
const scrypt = { N: 2 ** 14, r: 8, p: 1 }
// Short pauses between heights keep the test quick; the consensus timeouts stay the defaults.
const params = { timeoutCommitMs: 200 }
let layout: DevnetLayout
const running: RunningNode[] = []

before(async () => {
  layout = await createDevnetLayout(core, { dir: join(dir, 'net'), validators: 4, params, scrypt })
})

after(async () => {
  await Promise.all(running.map((n) => stopNode(n, 'SIGKILL')))
  rmSync(dir, { recursive: true, force: true })
})

async function start(
  index: number,
  options: { validate?: boolean; api?: boolean } = {},
): Promise<RunningNode> {
  const node =
    index < 0 ? layout.relay : (layout.validators[index] as (typeof layout.validators)[number])
  const n = await startNode(
    layout,
    node,
    running
      .filter((r) => r.process.child.exitCode === null && r.process.child.signalCode === null)
      .map((r) => r.address),
    options,
  )
  running.push(n)
  return n
}

/** Every pair of nodes agrees on the block id at every height both committed. */
function assertAgreement(nodes: readonly RunningNode[]): number {
  let compared = 0
  for (const a of nodes) {
    for (const b of nodes) {
      for (const [height, id] of a.committed) {
        const other = b.committed.get(height)
        if (other === undefined) continue
        assert.equal(other, id, `${a.node.name} and ${b.node.name} disagree at height ${height}`)
        compared++
      }
    }
  }
  return compared
}

function assertNoEquivocation(nodes: readonly RunningNode[]): void {
  for (const n of nodes) {
    assert.ok(
      !n.logs.some((l) => l.msg === 'a validator equivocated; evidence gossiped'),
      `${n.node.name} saw a double-sign`,
    )
  }
}

describe('a four-validator network', { timeout: 240_000 }, () => {
  let v: RunningNode[] = []

  it('commits blocks and transfers that every validator agrees on', async () => {
    v = [await start(0, { api: true }), await start(1), await start(2), await start(3)]
    await Promise.all(v.map((n) => n.waitForHeight(3, 30_000)))
    // Five transfers from the faucet account, signed here, submitted to validator 1's API.
    const api = (v[0] as RunningNode).apiUrl as string
    const password = readFileSync(layout.passwordFile, 'utf8').trim()
    const sign = ed25519Signer(await decryptKey(readKeyFile(layout.faucet.keyFile), password))
    const to = new Uint8Array(20).fill(42)
    const hashes: string[] = []
    for (let nonce = 0n; nonce < 5n; nonce++) {
      const tx = {
        kind: 'transfer' as const,
        sender: layout.faucet.publicKey,
        nonce,
        maxFeePerByte: 5000n,
        tipPerByte: 10n,
        to,
        amount: 1_000_000n + nonce,
      }
      const signature = sign(core.chain.transactionSignDigest(layout.chainId, tx))
      const bytes = core.chain.encodeTransaction({ ...tx, signature })
      const res = await fetch(`${api}/v1/txs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tx: Buffer.from(bytes).toString('hex') }),
      })
      assert.equal(res.status, 202, await res.clone().text())
      hashes.push(((await res.json()) as { hash: string }).hash)
    }
    const heights = new Set<number>()
    for (const hash of hashes) {
      const deadline = Date.now() + 30_000
      for (;;) {
        const status = (await (await fetch(`${api}/v1/txs/${hash}`)).json()) as {
          status: string
          height?: number
        }
        if (status.status === 'final') {
          heights.add(status.height as number)
          break
        }
        assert.ok(Date.now() < deadline, `${hash} not final: ${JSON.stringify(status)}`)
        await once(v[0]?.process.child.stderr as NodeJS.ReadableStream, 'data')
      }
    }
    const account = (await (await fetch(`${api}/v1/accounts/${formatAddress(to)}`)).json()) as {
      balance: string
    }
    assert.equal(account.balance, String(5_000_000n + 10n))
    const last = Math.max(...heights)
    await Promise.all(v.map((n) => n.waitForHeight(last + 1, 30_000)))
    assert.ok(assertAgreement(v) >= 4 * 4 * 4, 'every validator committed the same blocks')
  })

  it('goes on without one validator; the one killed with SIGKILL rejoins without double-signing', async () => {
    const victim = v[3] as RunningNode
    await stopNode(victim, 'SIGKILL')
    const others = v.slice(0, 3)
    const from = Math.max(...others.map((n) => n.height()))
    await Promise.all(others.map((n) => n.waitForHeight(from + 3, 30_000)))
    const restarted = await start(3)
    v[3] = restarted
    const tip = Math.max(...others.map((n) => n.height()))
    await restarted.waitForHeight(tip + 2, 40_000)
    assertAgreement([...others, restarted])
    assertNoEquivocation(v)
  })

  it('halts with two of four stopped and resumes when one returns', async () => {
    await stopNode(v[2] as RunningNode)
    await stopNode(v[3] as RunningNode)
    const live = v.slice(0, 2)
    // Let any height already decided finish committing everywhere, then watch for a quiet window.
    const halted = Math.max(...live.map((n) => n.height()))
    await assert.rejects(
      Promise.race(live.map((n) => n.waitForHeight(halted + 2, 6_000))),
      /no commit at height/,
      'half the power cannot decide',
    )
    v[2] = await start(2)
    await Promise.all(
      [...live, v[2] as RunningNode].map((n) => n.waitForHeight(halted + 3, 40_000)),
    )
    assertAgreement([...live, v[2] as RunningNode])
    assertNoEquivocation(v)
  })

  it('a late node catches up by block sync', async () => {
    const tip = Math.max(...v.map((n) => n.height()))
    const relay = await start(-1)
    await relay.waitForHeight(tip, 40_000)
    // It fetched the history it missed (a batch is reported once all of it is committed).
    await relay.waitForLog((l) => l.msg === 'sync progress', 10_000, 'sync progress report')
    assertAgreement([...v.filter((n) => n.process.child.exitCode === null), relay])
  })

  it('refuses a node on another genesis at the status handshake', async () => {
    const other = await createDevnetLayout(core, {
      dir: join(dir, 'other'),
      validators: 1,
      chainId: 'weft-other',
      params,
      scrypt,
    })
    const stranger = await startNode(
      other,
      other.validators[0] as (typeof other.validators)[number],
      [(v[0] as RunningNode).address],
    )
    running.push(stranger)
    // Whichever side finishes the handshake first refuses (and bans) the other.
    const refusal = (l: Record<string, unknown>) =>
      l.msg === 'peer is on another chain; disconnecting'
    await Promise.any([
      stranger.waitForLog(refusal, 20_000, 'refusal'),
      (v[0] as RunningNode).waitForLog(refusal, 20_000, 'refusal'),
    ])
    await stranger.waitForHeight(1, 20_000)
    for (const n of v.filter((x) => x.process.child.exitCode === null)) {
      assert.ok(
        ![...n.committed.values()].some((id) => [...stranger.committed.values()].includes(id)),
      )
    }
  })
})
