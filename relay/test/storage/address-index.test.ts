// The archive's address index, paged: newest first, each page continuing strictly after the last
// entry of the one before — across blocks and within one — with nothing skipped or repeated.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { sha, syntheticBlock, syntheticGenesis } from './synthetic-block.ts'

const dir = await mkdtemp(join(tmpdir(), 'weft-address-index-'))
after(() => rm(dir, { recursive: true, force: true }))

describe('address index pages', () => {
  it('pages newest first from a cursor, within and across blocks', async () => {
    const store = ChainStore.open(dir, { archive: true })
    await store.commitGenesis(syntheticGenesis)
    const alice = sha('alice').slice(0, 20)
    const bob = sha('bob').slice(0, 20)
    // Height h holds h transactions; alice is in the even positions, bob in every one.
    for (let h = 1; h <= 4; h++) {
      const txs = Array.from({ length: h }, (_, i) => ({
        id: sha(`tx ${h} ${i}`),
        addresses: i % 2 === 0 ? [alice, bob] : [bob],
        error: null,
      }))
      await store.commitBlock({ ...syntheticBlock(h), txs })
    }
    const all = store.addressTxs(alice, 100).map((t) => `${t.height}.${t.index}`)
    assert.deepEqual(all, ['4.2', '4.0', '3.2', '3.0', '2.0', '1.0'])

    const paged: string[] = []
    let before: { height: number; index: number } | undefined
    for (;;) {
      const page = store.addressTxs(alice, 2, before)
      if (page.length === 0) break
      paged.push(...page.map((t) => `${t.height}.${t.index}`))
      before = page.at(-1)
    }
    assert.deepEqual(paged, all)

    assert.deepEqual(store.addressTxs(bob, 3, { height: 4, index: 1 }), [
      { height: 4, index: 0 },
      { height: 3, index: 2 },
      { height: 3, index: 1 },
    ])
    assert.deepEqual(store.addressTxs(bob, 3, { height: 1, index: 0 }), [], 'nothing before 1.0')
    await store.close()
  })
})
