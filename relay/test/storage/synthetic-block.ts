// Synthetic blocks for the store tests: ids, nodes and payloads derived from the height, so a
// reader can check what must be present without remembering what was written.
import { createHash } from 'node:crypto'
import type { BlockCommit } from '../../src/storage/chain-store.ts'

export const sha = (s: string) => Uint8Array.from(createHash('sha256').update(s).digest())

export const syntheticGenesis = {
  genesis: Uint8Array.of(1, 2, 3),
  genesisHash: sha('genesis'),
  root: sha('root 0'),
  nodes: [{ hash: sha('node 0'), bytes: Uint8Array.of(0) }],
}

export function syntheticBlock(height: number): BlockCommit {
  return {
    height,
    blockId: sha(`block ${height}`),
    block: Buffer.alloc(2048, height % 251),
    header: sha(`header ${height}`),
    root: sha(`root ${height}`),
    nodes: Array.from({ length: 16 }, (_, i) => ({
      hash: sha(`node ${height} ${i}`),
      bytes: Buffer.alloc(64, i),
    })),
    commit: sha(`commit ${height}`),
    txs: [
      { id: sha(`tx ${height}`), addresses: [sha(`addr ${height % 3}`).slice(0, 20)], error: null },
    ],
  }
}
