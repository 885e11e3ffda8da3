// A node's gossip message ids must equal the ones browsers compute with @weft/core, or the same
// message would travel the mesh twice (once under each id).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { gossipMessageId } from '@weft/core'
import { nodeGossipMessageId } from '../../src/net/gossip-message-id.ts'

describe('gossip message ids on a node', () => {
  it('equal @weft/core’s for every topic and size, empty data included', () => {
    for (const size of [0, 1, 150, 4096, 1 << 20]) {
      for (const topic of ['/weft/0011223344556677/txs/1', '/weft/0011223344556677/blocks/1']) {
        const message = { topic, data: randomBytes(size) }
        assert.deepEqual(nodeGossipMessageId(message), gossipMessageId(message), `${topic} ${size}`)
      }
    }
  })
})
