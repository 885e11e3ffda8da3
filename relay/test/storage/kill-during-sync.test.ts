// kill -9 loops against a node that is syncing and pruning: a follower with --prune fetches a
// chain of real transfers from a peer and is killed with SIGKILL again and again at random
// heights. Every restart must resume from at least the last block it logged as committed, and
// the end state must be exactly the peer's: same head, same state root, same balances, and the
// prune floor where --prune puts it.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { buildChainFixture, type ChainFixture } from '../helpers/chain-fixture.ts'
import { runWeft, type WeftProcess } from '../helpers/weft-process.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-kill-sync-'))
const BLOCKS = 400
const KEEP = 50
// WEFT_TEST_KILLS=100 turns this into a longer soak.
const KILLS = Number(process.env.WEFT_TEST_KILLS ?? 5)
const running: WeftProcess[] = []
let fixture: ChainFixture

before(async () => {
  fixture = await buildChainFixture(core, join(dir, 'fixture'), { blocks: BLOCKS, txsPerBlock: 20 })
})

after(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL')
  await Promise.all(running.map((p) => p.exited))
  rmSync(dir, { recursive: true, force: true })
})

function node(dataDir: string, extra: readonly string[]): WeftProcess {
  const args = ['node', '--data-dir', dataDir, '--genesis', fixture.genesisFile]
  args.push('--listen', '/ip4/127.0.0.1/tcp/0', '--api', 'off', '--metrics', 'off', ...extra)
  const p = runWeft(args, { env: { WEFT_LOG_LEVEL: 'info' } })
  running.push(p)
  return p
}

interface LogLine {
  msg?: string
  height?: number
}

/** The node's JSON log lines so far. */
function logs(p: WeftProcess): LogLine[] {
  return p
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)
}

interface SyncEventLine extends LogLine {
  target: number
  blocksPerSecond: number
  etaSeconds: number | null
}

function committedHeight(p: WeftProcess): number {
  let height = 0
  for (const l of logs(p)) if (l.msg === 'committed block') height = Math.max(height, l.height ?? 0)
  return height
}

/** Resolves once the node logged a committed block at `height` or above. */
function reached(p: WeftProcess, height: number, timeoutMs: number): Promise<void> {
  return logged(p, () => committedHeight(p) >= height, timeoutMs, `block ${height}`)
}

/** Resolves once `seen` holds for the node's log; rejects on a deadline or the node's exit. */
function logged(
  p: WeftProcess,
  seen: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!seen()) return
      done()
      resolve()
    }
    const timer = setTimeout(() => {
      done()
      reject(
        new Error(
          `no ${what} within ${timeoutMs} ms (at block ${committedHeight(p)}):\n${p.stderr().slice(-3000)}`,
        ),
      )
    }, timeoutMs)
    const exited = () => {
      done()
      reject(new Error(`the node exited before ${what}:\n${p.stderr().slice(-2000)}`))
    }
    const done = () => {
      clearTimeout(timer)
      p.child.stderr.off('data', check)
      p.child.off('exit', exited)
    }
    p.child.stderr.on('data', check)
    p.child.once('exit', exited)
    check()
  })
}

describe('kill -9 during sync and pruning', () => {
  it('resumes after every SIGKILL and ends with exactly the peer’s chain and state', async () => {
    const source = node(fixture.dataDir, [])
    const { multiaddrs } = await source.listening
    const peer = multiaddrs.find((a) => a.includes('/tcp/') && !a.includes('/ws')) as string
    const followerDir = join(dir, 'follower')
    let lastCommitted = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const follower = node(followerDir, ['--prune', String(KEEP), '--bootstrap', peer])
      await follower.listening
      // The listening line comes on stdout, the log on stderr: either pipe may be read first.
      const openedLine = () => logs(follower).find((l) => l.msg === 'chain opened')
      await logged(follower, () => openedLine() !== undefined, 20_000, 'the chain opening')
      const opened = openedLine()
      assert.ok(opened !== undefined, 'the node logs the height it opened at')
      assert.ok(
        (opened.height ?? -1) >= lastCommitted,
        `restart ${kill} opened at ${opened.height}, below the block ${lastCommitted} it had committed`,
      )
      // Somewhere in the next stretch of the chain, never the same place twice.
      const at = Math.min(BLOCKS - 1, lastCommitted + 20 + Math.floor(Math.random() * 50))
      await reached(follower, at, 60_000)
      follower.child.kill('SIGKILL')
      await follower.exited
      lastCommitted = committedHeight(follower)
    }
    const follower = node(followerDir, ['--prune', String(KEEP), '--bootstrap', peer])
    await reached(follower, BLOCKS, 60_000)
    // Progress is reported as structured events off a terminal, and the run's end with its total.
    const syncDone = () => logs(follower).find((l) => l.msg === 'sync done')
    await logged(follower, () => syncDone() !== undefined, 10_000, 'the end of the sync run')
    assert.equal(syncDone()?.height, BLOCKS)
    const progress = logs(follower).filter((l) => l.msg === 'sync progress') as SyncEventLine[]
    assert.ok(progress.length > 0, 'progress events while syncing')
    for (const e of progress) {
      assert.equal(e.target, BLOCKS)
      assert.ok(e.blocksPerSecond >= 0 && (e.etaSeconds === null || e.etaSeconds >= 0))
    }
    follower.child.kill('SIGTERM')
    source.child.kill('SIGTERM')
    assert.equal(await follower.exited, 0, 'the follower stops cleanly')
    assert.equal(await source.exited, 0)

    const theirs = ChainStore.open(join(fixture.dataDir, 'chain'), { archive: true })
    const ours = ChainStore.open(join(followerDir, 'chain'), { archive: false, keepBlocks: KEEP })
    try {
      const [a, b] = [theirs.head(), ours.head()]
      assert.equal(b?.height, BLOCKS)
      assert.deepEqual(b?.blockId, a?.blockId, 'the same head block')
      assert.deepEqual(b?.root, a?.root, 'the same state root')
      assert.equal(ours.lowestBlock, BLOCKS - KEEP + 1, 'pruned to the last --prune blocks')
      // Older states were swept: far fewer nodes than the archive's every-height history.
      assert.ok(
        ours.stateNodeCount() < theirs.stateNodeCount() / 4,
        `${ours.stateNodeCount()} state nodes kept against the archive's ${theirs.stateNodeCount()}`,
      )
      assert.ok(logs(follower).some((l) => l.msg === 'state collected'))
      assert.equal(ours.block(BLOCKS - KEEP), undefined)
      for (let h = BLOCKS - KEEP + 1; h <= BLOCKS; h++)
        assert.deepEqual(ours.block(h), theirs.block(h), `block ${h}`)
      // Every state node behind the root is there and intact: the core reads each one back,
      // checking its hash, when it loads the balances of every account a block touched.
      const genesis = theirs.genesis()?.genesis as Uint8Array
      const chain = await Chain.open(core, ours, genesis, 'weft-bench')
      const reference = await Chain.open(core, theirs, genesis, 'weft-bench')
      try {
        const block = core.views.decode('block', ours.block(BLOCKS) as Uint8Array)
        for (const tx of block.txs) {
          const { sender, to } = core.views.decode('transaction', tx)
          for (const address of [core.chain.addressOf(sender), to as Uint8Array]) {
            const key = core.blocks.accountKey(address)
            const value = chain.tree.get(chain.head.root, key)
            assert.ok(value !== undefined, 'every touched account is in the state')
            assert.deepEqual(value, reference.tree.get(reference.head.root, key))
          }
        }
      } finally {
        chain.close()
        reference.close()
      }
    } finally {
      await theirs.close()
      await ours.close()
    }
  })
})
