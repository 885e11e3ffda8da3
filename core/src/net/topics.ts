// Weft's gossip topics (docs/network.md). Every topic name carries the chain's genesis hash, so
// nodes of different chains never share a mesh, and a version, so a message format can change
// by opening a new topic beside the old one.
import { MAX_TX_BATCH_BYTES } from './tx-batch.ts'

/** Bounds on one gossip message per topic: anything larger is dropped before it is read. */
export const TOPIC_MAX_BYTES = {
  /** A proposal travels with its block: the block cap (2 MiB by default) plus framing. */
  consensus: 4 * 1024 * 1024 + 4096,
  /** A batch of signed transactions (tx-batch.ts); version 1 carried one transaction alone. */
  txs: MAX_TX_BATCH_BYTES,
  /** A finalized block with its commit. */
  blocks: 4 * 1024 * 1024 + 64 * 1024,
  /** One duplicate-vote evidence. */
  evidence: 4 * 1024,
  /** A finalized height's light block: header, commit and set (100 validators fit in 32 KiB). */
  headers: 64 * 1024,
} as const

export type TopicName = keyof typeof TOPIC_MAX_BYTES

export type WeftTopics = Record<TopicName, string>

export function weftTopics(genesisHash: Uint8Array): WeftTopics {
  const chain = Array.from(genesisHash.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  )
  return {
    consensus: `/weft/${chain}/consensus/1`,
    txs: `/weft/${chain}/txs/2`,
    blocks: `/weft/${chain}/blocks/1`,
    evidence: `/weft/${chain}/evidence/1`,
    headers: `/weft/${chain}/headers/1`,
  }
}
