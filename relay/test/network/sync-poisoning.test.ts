// A peer that lies while a node syncs: it claims a far higher chain, serves light blocks that do
// not verify and block bodies that are not the chain's. The syncing node must catch it at the
// header check — without executing anything it sent — and finish from the honest peer.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import {
  BLOCKS_LIMITS,
  BLOCKS_PROTOCOL,
  encodeBlocksResponse,
  encodeHeadersResponse,
  encodeStatus,
  HEADERS_LIMITS,
  HEADERS_PROTOCOL,
  STATUS_LIMITS,
  STATUS_PROTOCOL,
  serveRequests,
} from '@weft/core'
import { loadCore } from '@weft/wasm'
import { createLibp2p, type Libp2p } from 'libp2p'
import { Chain } from '../../src/chain/chain.ts'
import { storedLightBlock } from '../../src/chain/light-blocks.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { buildChainFixture, type ChainFixture } from '../helpers/chain-fixture.ts'
import { runWeft, type WeftProcess } from '../helpers/weft-process.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-poison-'))
const BLOCKS = 120
const running: WeftProcess[] = []
let fixture: ChainFixture
let liar: Libp2p | undefined
// Requests from the syncing node only: the honest peer, also told a greater height, asks too.
const asked = { headers: 0, blocks: 0 }
let followerId: string | undefined

before(async () => {
  fixture = await buildChainFixture(core, join(dir, 'fixture'), { blocks: BLOCKS, txsPerBlock: 5 })
  // The liar holds the real chain's first blocks and turns them into plausible lies: the right
  // genesis, a far greater height, well-formed answers with the wrong contents.
  const store = ChainStore.open(join(fixture.dataDir, 'chain'), { archive: true })
  const genesis = store.genesis()
  assert.ok(genesis !== undefined)
  const chain = await Chain.open(core, store, genesis.genesis, 'weft-bench')
  const staleLight = storedLightBlock(chain, 3) as Uint8Array
  const wrongBlock = { block: store.block(3) as Uint8Array, commit: store.commit(3) as Uint8Array }
  chain.close()
  await store.close()
  liar = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  })
  await liar.handle(
    STATUS_PROTOCOL,
    serveRequests(STATUS_LIMITS, () =>
      encodeStatus({ genesisHash: genesis.genesisHash, height: 100_000 }),
    ),
  )
  await liar.handle(
    HEADERS_PROTOCOL,
    serveRequests(HEADERS_LIMITS, (_, connection) => {
      if (connection.remotePeer.toString() === followerId) asked.headers++
      return encodeHeadersResponse([staleLight, staleLight])
    }),
  )
  await liar.handle(
    BLOCKS_PROTOCOL,
    serveRequests(BLOCKS_LIMITS, (_, connection) => {
      if (connection.remotePeer.toString() === followerId) asked.blocks++
      return encodeBlocksResponse([wrongBlock, wrongBlock])
    }),
  )
})

after(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL')
  await Promise.all(running.map((p) => p.exited))
  await liar?.stop()
  rmSync(dir, { recursive: true, force: true })
})

function node(dataDir: string, bootstrap: readonly string[]): WeftProcess {
  const args = ['node', '--data-dir', dataDir, '--genesis', fixture.genesisFile]
  args.push('--listen', '/ip4/127.0.0.1/tcp/0', '--api', 'off', '--metrics', 'off')
  for (const b of bootstrap) args.push('--bootstrap', b)
  const p = runWeft(args, { env: { WEFT_LOG_LEVEL: 'info' } })
  running.push(p)
  return p
}

function logs(p: WeftProcess): { msg?: string; height?: number; peer?: string }[] {
  return p
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
}

describe('sync against a lying peer', () => {
  it('catches its headers and finishes from the honest peer', { timeout: 90_000 }, async () => {
    const honest = node(fixture.dataDir, [])
    const honestAddress = (await honest.listening).multiaddrs.find(
      (a) => a.includes('/tcp/') && !a.includes('/ws'),
    ) as string
    const liarAddress = `${liar?.getMultiaddrs()[0]?.toString()}`
    const follower = node(join(dir, 'follower'), [liarAddress, honestAddress])
    followerId = (await follower.listening).peerId
    const deadline = Date.now() + 80_000
    while (!logs(follower).some((l) => l.msg === 'committed block' && l.height === BLOCKS)) {
      assert.ok(Date.now() < deadline, `no block ${BLOCKS}:\n${follower.stderr().slice(-3000)}`)
      await new Promise((resolve) => follower.child.stderr.once('data', resolve))
    }
    const liarId = liar?.peerId.toString()
    const byLiar = (msg: string) => logs(follower).filter((l) => l.msg === msg && l.peer === liarId)
    const badHeaders = byLiar('a header did not verify; trying another peer')
    const badBlocks = byLiar('a synced block did not verify; trying another peer')
    // Block 1 comes before any header can be checked; if the liar is asked for it, its answer
    // fails the commit check against the genesis set. Every later body is checked against a
    // verified header, so the liar is caught there and never asked for a body again.
    assert.ok(badHeaders.length + badBlocks.length > 0, 'the liar was caught, and named')
    assert.ok(
      badBlocks.every((l) => l.height === 1),
      'no body past block 1 reached the commit check',
    )
    assert.ok(
      asked.blocks <= badBlocks.length,
      `the liar was asked for bodies ${asked.blocks} times, caught ${JSON.stringify(badBlocks)} ${JSON.stringify(badHeaders)}`,
    )
    assert.ok(
      !logs(follower).some(
        (l) =>
          l.msg === 'a synced block is not the one its verified header names; trying another peer',
      ),
      'no body was even fetched from the liar once headers were checked',
    )
  })
})
