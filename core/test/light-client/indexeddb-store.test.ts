// The IndexedDB TrustedStore (over fake-indexeddb in Node): what a page saves is there after a
// reload — a fresh connection to the same database — and a client resumes from it.
import 'fake-indexeddb/auto'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import { IndexedDbTrustedStore, LightClient } from '../../src/index.ts'
import { FakeNetwork } from './fake-network.ts'
import { TestChain } from './test-chain.ts'

const core = await loadCore()
const chain = new TestChain(core)
chain.extend(8)
const config = { genesis: chain.genesis, genesisHash: chain.genesisHash }
const now = () => chain.timeAt(8) + 1000

describe('IndexedDB trusted store', () => {
  it('keeps the trusted state and a conflict across connections', async () => {
    const name = 'weft-light/test'
    const first = await IndexedDbTrustedStore.open({ name })
    const network = new FakeNetwork(chain, { a: {}, b: {}, c: {} })
    await new LightClient({ core, transport: network, store: first, now }).start(config)
    first.close()

    const second = await IndexedDbTrustedStore.open({ name })
    const resumed = new LightClient({ core, transport: network, store: second, now })
    const sources: string[] = []
    resumed.subscribe((e) => {
      if (e.type === 'head') sources.push(e.source)
    })
    assert.equal((await resumed.start(config)).height, 8)
    assert.deepEqual(sources, ['resume'])

    const conflict = {
      height: 8,
      commonHeight: 1,
      primary: 'a',
      witness: 'b',
      primaryBlockId: new Uint8Array(32).fill(1),
      witnessBlockId: new Uint8Array(32).fill(2),
      evidence: new Uint8Array([1, 2, 3]),
      detectedAt: 5,
    }
    await second.saveConflict(conflict)
    second.close()
    const third = await IndexedDbTrustedStore.open({ name })
    assert.deepEqual(await third.loadConflict(), conflict)
    await third.clearConflict()
    await third.clearTrusted()
    assert.equal(await third.loadTrusted(), undefined)
    third.close()
  })
})
