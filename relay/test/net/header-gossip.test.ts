// The finalized-headers topic: a light block is forwarded once when its commit verifies against
// the set this node holds, refused when forged or when it contradicts the committed chain, and
// a validator publishes the heights it decides.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import { Chain, type CommittedEvent } from '../../src/chain/chain.ts'
import { storedLightBlock } from '../../src/chain/light-blocks.ts'
import { createLogger } from '../../src/log.ts'
import type { Gossip, TopicHandler } from '../../src/net/gossip.ts'
import { HeaderGossip } from '../../src/net/header-gossip.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { buildChainFixture } from '../helpers/chain-fixture.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-header-gossip-'))
let store: ChainStore
let chain: Chain

before(async () => {
  const fixture = await buildChainFixture(core, dir, { blocks: 12, txsPerBlock: 2, senders: 4 })
  store = ChainStore.open(join(fixture.dataDir, 'chain'), { archive: true })
  const genesis = core.views.encodeJson('genesis', readFileSync(fixture.genesisFile, 'utf8'))
  chain = await Chain.open(core, store, genesis, 'weft-bench')
})

after(async () => {
  chain.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

function fakeGossip() {
  const published: Uint8Array[] = []
  const handlers = new Map<string, TopicHandler>()
  const gossip = {
    on: (name: string, handle: TopicHandler) => handlers.set(name, handle),
    publish: async (name: string, data: Uint8Array) => {
      if (name === 'headers') published.push(data)
    },
  } as unknown as Gossip
  return { gossip, published, handlers }
}

const light = (h: number) => storedLightBlock(chain, h) as Uint8Array
const log = createLogger('silent')

describe('HeaderGossip', () => {
  it('forwards a verified light block once, and refuses forged and contradicting ones', () => {
    const { gossip } = fakeGossip()
    const headers = new HeaderGossip(chain, gossip, log)
    assert.equal(headers.judge(new Uint8Array([1, 2, 3])), 'reject', 'garbage')
    assert.equal(headers.judge(light(12)), 'accept')
    assert.equal(headers.judge(light(12)), 'ignore', 'the same height again is not forwarded')

    const view = core.views.decode('lightBlock', light(10))
    const forgedCommit = core.views.encode('lightBlock', {
      ...view,
      commit: core.views.decode('lightBlock', light(9)).commit,
    })
    assert.equal(headers.judge(forgedCommit), 'reject', 'a commit for another block')
    const otherHeader = core.views.encode('lightBlock', {
      ...view,
      header: { ...view.header, time: view.header.time + 1n },
    })
    assert.equal(headers.judge(otherHeader), 'reject', 'not the header this node committed')
    assert.equal(headers.judge(light(10)), 'accept', 'the honest one is still taken')
  })

  it('publishes the heights a validator decides, and nothing while it only follows', () => {
    const { gossip, published } = fakeGossip()
    let deciding = false
    new HeaderGossip(chain, gossip, log).start(() => deciding)
    const committed = (height: number) => chain.emit('committed', { height } as CommittedEvent)
    committed(11)
    assert.equal(published.length, 0)
    deciding = true
    committed(12)
    assert.equal(published.length, 1)
    assert.deepEqual(published[0], light(12))
  })
})
