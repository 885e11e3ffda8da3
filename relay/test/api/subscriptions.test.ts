// Subscriptions under a client that stops reading: the node keeps sending blocks, the client's
// unsent bytes pass the bound, and the client is dropped — the node never waits for it.
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { createServer } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { describe, it } from 'node:test'
import type { BlockReader } from '../../src/api/block-json.ts'
import type { NodeView } from '../../src/api/node-view.ts'
import { Subscriptions } from '../../src/api/subscriptions.ts'

describe('a slow WebSocket client', { timeout: 30_000 }, () => {
  it('is dropped once too much waits to be sent to it', async () => {
    const chain = new EventEmitter()
    const node = {
      chain: { on: chain.on.bind(chain), off: chain.off.bind(chain) },
      mempool: { subscribe: () => () => undefined },
    } as unknown as NodeView
    const padding = 'x'.repeat(64 * 1024)
    const blocks = {
      committed: (event: { height: number }) => ({ height: event.height, padding }),
    } as unknown as BlockReader
    const subscriptions = new Subscriptions(node, blocks, {
      limits: { maxBufferedBytes: 256 * 1024 },
    })
    const server = createServer()
    server.on('upgrade', (req, socket, head) => subscriptions.handleUpgrade(req, socket, head))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const socket = connect(port, '127.0.0.1')
    try {
      socket.write(
        [
          'GET /v1/ws HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      )
      // {"subscribe":"blocks"} as one masked client frame.
      const payload = Buffer.from('{"subscribe":"blocks"}')
      const mask = Buffer.from([1, 2, 3, 4])
      const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)))
      socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]))
      await new Promise((r) => setTimeout(r, 200))
      assert.equal(subscriptions.connections, 1)
      // The client reads nothing more: the kernel's buffers fill, then the node's queue grows.
      socket.pause()
      let height = 1
      const outcome = { receipts: [], writes: [] }
      while (subscriptions.connections > 0 && height < 2000) {
        chain.emit('committed', { height: height++, outcome })
        await new Promise((r) => setImmediate(r))
      }
      assert.equal(subscriptions.connections, 0, `still connected after ${height} blocks`)
      assert.ok(height > 4, 'blocks were sent until the buffers filled')
    } finally {
      socket.destroy()
      subscriptions.close()
      server.close()
    }
  })
})
