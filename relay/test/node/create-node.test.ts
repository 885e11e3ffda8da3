// createWeftNode's settings: the circuit relay on by default and off on request, and the
// identity it is given.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { createWeftNode, type WeftNodeInit } from '../../src/index.ts'

const HOP = '/libp2p/circuit/relay/0.2.0/hop'

async function protocolsOf(init: Partial<WeftNodeInit>) {
  const node = await createWeftNode({
    listen: ['/ip4/127.0.0.1/tcp/0'],
    verify: () => false,
    ...init,
  })
  try {
    return { protocols: node.getProtocols(), peerId: node.peerId.toString() }
  } finally {
    await node.stop()
  }
}

describe('createWeftNode', () => {
  it('serves as a circuit relay unless relay is false', async () => {
    assert.ok((await protocolsOf({})).protocols.includes(HOP))
    assert.ok((await protocolsOf({ relay: true })).protocols.includes(HOP))
    assert.ok(!(await protocolsOf({ relay: false })).protocols.includes(HOP))
  })

  it('runs as the identity it is given', async () => {
    const privateKey = await generateKeyPair('Ed25519')
    const { peerId } = await protocolsOf({ privateKey })
    assert.equal(peerId, peerIdFromPrivateKey(privateKey).toString())
  })
})
