// Headers-first: a chain of light blocks verified from the node's head, each by the core against
// the one before it; a forged or out-of-order one stops the chain where it is.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import { Chain } from '../../src/chain/chain.ts'
import { storedLightBlock } from '../../src/chain/light-blocks.ts'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { HeaderChain } from '../../src/sync/header-chain.ts'
import { buildChainFixture } from '../helpers/chain-fixture.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-header-chain-'))
let store: ChainStore
let chain: Chain
const options = { trustingPeriodMs: 14 * 24 * 3600 * 1000, maxValidators: 100 }

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

const light = (h: number) => storedLightBlock(chain, h) as Uint8Array
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => light(from + i))

describe('HeaderChain', () => {
  it('verifies the chain ahead of its anchor and knows each block id', () => {
    const headers = new HeaderChain(core, options)
    headers.anchor(1, light(1))
    assert.deepEqual(headers.extend(range(2, 12)), { ok: true })
    assert.equal(headers.verifiedTo, 12)
    for (let h = 2; h <= 12; h++) {
      const id = Buffer.from(chain.store.blockId(h) as Uint8Array).toString('hex')
      assert.equal(headers.blockIdAt(h), id)
    }
    headers.forgetThrough(6)
    assert.equal(headers.blockIdAt(6), undefined)
    assert.notEqual(headers.blockIdAt(7), undefined)
  })

  it('stops at a light block whose commit is not for its header', () => {
    const headers = new HeaderChain(core, options)
    headers.anchor(1, light(1))
    const view = core.views.decode('lightBlock', light(5))
    const forged = core.views.encode('lightBlock', {
      ...view,
      commit: core.views.decode('lightBlock', light(4)).commit,
    })
    const check = headers.extend([light(2), light(3), light(4), forged, light(6)])
    assert.equal(check.ok, false)
    assert.equal(!check.ok && check.height, 5)
    assert.equal(headers.verifiedTo, 4, 'what came before the forgery stays verified')
  })

  it('refuses a light block of another height than the next', () => {
    const headers = new HeaderChain(core, options)
    headers.anchor(3, light(3))
    const check = headers.extend([light(5)])
    assert.equal(check.ok, false)
    assert.match(!check.ok ? check.reason : '', /for 5 came instead/)
    assert.equal(headers.verifiedTo, 3)
  })
})
