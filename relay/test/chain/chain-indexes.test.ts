// The archive's address index, as the explorer reads it: every committed transaction is found
// under its sender and its recipient, newest first; a pruned node keeps none.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { loadCore } from '@weft/wasm'
import { ChainStore } from '../../src/storage/chain-store.ts'
import { buildChainFixture } from '../helpers/chain-fixture.ts'

const core = await loadCore()
const dir = mkdtempSync(join(tmpdir(), 'weft-address-index-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('the address index of an archive node', () => {
  it('lists each transaction under its sender and its recipient', async () => {
    const fixture = await buildChainFixture(core, dir, { blocks: 6, txsPerBlock: 5, senders: 8 })
    const store = ChainStore.open(join(fixture.dataDir, 'chain'), { archive: true })
    try {
      const block = core.views.decode('block', store.block(6) as Uint8Array)
      const { tx, id } = core.chain.decodeTransaction(block.txs[2] as Uint8Array)
      const sender = core.chain.addressOf(tx.sender)
      const recipient = tx.to as Uint8Array
      // Every transfer of the fixture goes to one recipient: all 30 are under it.
      const received = store.addressTxs(recipient, 100)
      assert.equal(received.length, 30)
      assert.deepEqual(
        received.map((e) => e.height),
        [...received.map((e) => e.height)].sort((a, b) => b - a),
        'newest first',
      )
      const sent = store.addressTxs(sender, 100)
      assert.ok(sent.some((e) => e.height === 6 && e.index === 2))
      const located = store.tx(id)
      assert.equal(located?.height, 6)
      assert.equal(located?.index, 2)
      assert.ok(sent.length < received.length, 'a sender sees only its own transactions')
    } finally {
      await store.close()
    }
  })
})
