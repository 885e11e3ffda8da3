// The chain store keeps each block whole or not at all: direct tests of its transactions, and a
// child process killed with SIGKILL while committing blocks as fast as it can, reopened each
// time to check that the head, its blocks and their state nodes always agree.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { sha, syntheticBlock, syntheticGenesis } from './synthetic-block.ts'

const dirs: string[] = []
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'weft-store-'))
  dirs.push(d)
  return d
}

const genesis = syntheticGenesis

function checkConsistent(store: ChainStore): number {
  const head = store.head()
  assert.ok(head, 'a store with a genesis always has a head')
  for (let h = store.lowestBlock; h <= head.height; h++) {
    assert.ok(store.block(h), `block ${h} is missing below the head ${head.height}`)
    assert.ok(Buffer.from(sha(`block ${h}`)).equals(store.blockId(h) ?? Buffer.alloc(0)))
    for (let i = 0; i < 16; i++) assert.ok(store.nodeStore.get(sha(`node ${h} ${i}`)))
  }
  assert.equal(store.block(head.height + 1), undefined, 'nothing is stored above the head')
  assert.equal(store.nodeStore.get(sha(`node ${head.height + 1} 0`)), undefined)
  return head.height
}

describe('chain store', () => {
  it('commits blocks in order, indexes them, and refuses a gap', async () => {
    const store = ChainStore.open(await tempDir(), { archive: true })
    await store.commitGenesis(genesis)
    for (let h = 1; h <= 5; h++) await store.commitBlock(syntheticBlock(h))
    await assert.rejects(store.commitBlock(syntheticBlock(7)), /does not follow the stored head 5/)
    assert.equal(checkConsistent(store), 5)
    assert.equal(store.heightOf(sha('block 3')), 3)
    assert.deepEqual(store.tx(sha('tx 4')), { height: 4, index: 0, error: null })
    const address = sha('addr 1').slice(0, 20)
    assert.deepEqual(
      store.addressTxs(address, 10).map((t) => t.height),
      [4, 1],
      'newest first, only this address',
    )
    await assert.rejects(store.commitGenesis(genesis), /already has a genesis/)
    await store.close()
  })

  it('prune mode keeps the last N blocks and every state node', async () => {
    const store = ChainStore.open(await tempDir(), { archive: false, keepBlocks: 3 })
    await store.commitGenesis(genesis)
    for (let h = 1; h <= 10; h++) await store.commitBlock(syntheticBlock(h))
    assert.equal(store.lowestBlock, 8)
    assert.equal(store.block(7), undefined)
    assert.equal(store.heightOf(sha('block 7')), undefined)
    assert.ok(store.block(8))
    assert.ok(store.nodeStore.get(sha('node 2 0')), 'state nodes are shared between heights')
    assert.equal(checkConsistent(store), 10)
    await store.close()
  })

  it('keeps a consensus log per height, in order, across a reopen, until truncated', async () => {
    const dir = await tempDir()
    let store = ChainStore.open(dir, { archive: true })
    store.walAppend(5, Uint8Array.of(1))
    store.walAppend(5, Uint8Array.of(2))
    store.walAppend(6, Uint8Array.of(3))
    await store.putPriorities(1, Uint8Array.of(0)) // any awaited write: the log is flushed before it
    await store.close()
    store = ChainStore.open(dir, { archive: true })
    assert.deepEqual(
      store.walMessages(5).map((m) => [...m]),
      [[1], [2]],
    )
    store.walAppend(5, Uint8Array.of(4))
    await store.putPriorities(2, Uint8Array.of(0))
    assert.deepEqual(
      store.walMessages(5).map((m) => [...m]),
      [[1], [2], [4]],
      'appends after a reopen follow the old entries',
    )
    store.walTruncate(6)
    await store.putPriorities(3, Uint8Array.of(0))
    assert.deepEqual(store.walMessages(5), [])
    assert.deepEqual(
      store.walMessages(6).map((m) => [...m]),
      [[3]],
    )
    await store.close()
  })

  it('survives SIGKILL at any moment of a commit: the head and its data always agree', async () => {
    const dir = await tempDir()
    const writer = join(import.meta.dirname, 'store-writer.ts')
    let last = 0
    const rounds = 8
    for (let round = 0; round < rounds; round++) {
      const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
      // Kill after the child reports a number of commits that varies per round, so the kill
      // lands at different points of the write cycle.
      const target = 5 + ((round * 7) % 13)
      await new Promise<void>((resolve, reject) => {
        let seen = 0
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString().split('\n').filter(Boolean).length
          if (seen >= target) {
            child.kill('SIGKILL')
            resolve()
          }
        })
        child.on('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code})`))
        })
      })
      await new Promise((resolve) => child.once('close', resolve))
      const store = ChainStore.open(dir, { archive: true })
      const height = checkConsistent(store)
      assert.ok(height >= last, `the head went back from ${last} to ${height}`)
      last = height
      await store.close()
    }
    assert.ok(last >= rounds * 5, `the writer made progress (head ${last})`)
  })
})
