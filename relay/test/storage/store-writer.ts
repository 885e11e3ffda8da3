// Test child for chain-store.test.ts: commits synthetic blocks after the stored head as fast as
// it can, printing each committed height, until it is killed.
import { ChainStore } from '../../src/storage/chain-store.ts'
import { syntheticBlock, syntheticGenesis } from './synthetic-block.ts'

const store = ChainStore.open(process.argv[2] as string, { archive: true })
if (store.genesis() === undefined) await store.commitGenesis(syntheticGenesis)
for (let h = (store.head()?.height ?? 0) + 1; ; h++) {
  await store.commitBlock(syntheticBlock(h))
  process.stdout.write(`${h}\n`)
}
