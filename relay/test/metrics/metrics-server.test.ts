// The metrics server of a node without a chain (no --genesis): peers and process metrics, alive,
// and not ready — and a second server on the same address fails with a message naming it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  createNodeMetrics,
  createWeftNode,
  HttpListenError,
  readiness,
  startMetricsServer,
  type WeftNode,
} from '../../src/index.ts'

let node: WeftNode
let server: Awaited<ReturnType<typeof startMetricsServer>>

before(async () => {
  node = await createWeftNode({ listen: ['/ip4/127.0.0.1/tcp/0'], verify: () => true })
  const metrics = createNodeMetrics({ libp2p: node, processMetrics: false })
  server = await startMetricsServer({
    address: { host: '127.0.0.1', port: 0 },
    registry: metrics.registry,
    readiness: () => readiness(node, undefined),
  })
})

after(async () => {
  await server?.close()
  await node?.stop()
})

describe('the metrics server without a chain', { timeout: 30_000 }, () => {
  it('serves peer and relay metrics, and no chain metrics', async () => {
    const res = await fetch(`${server.url}/metrics`)
    assert.equal(res.status, 200)
    const text = await res.text()
    assert.match(text, /^weft_peers\{transport="tcp"\} 0$/m)
    assert.match(text, /^weft_relay_reservations 0$/m)
    assert.match(text, /^weft_relay_circuits 0$/m)
    assert.doesNotMatch(text, /weft_chain_height/)
    assert.doesNotMatch(text, /process_cpu/, 'process metrics were turned off')
  })

  it('is alive but not ready, and says why', async () => {
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
    const ready = await fetch(`${server.url}/readyz`)
    assert.equal(ready.status, 503)
    assert.deepEqual(await ready.json(), {
      ready: false,
      reason: 'no chain: the node was started without --genesis',
    })
    assert.equal((await fetch(`${server.url}/readyz`, { method: 'HEAD' })).status, 503)
  })

  it('names the address it cannot serve on', async () => {
    const metrics = createNodeMetrics({ libp2p: node, processMetrics: false })
    await assert.rejects(
      startMetricsServer({
        address: { host: '127.0.0.1', port: server.port },
        registry: metrics.registry,
        readiness: () => ({ ready: true }),
      }),
      (err: unknown) =>
        err instanceof HttpListenError &&
        err.message === `cannot serve the metrics on 127.0.0.1:${server.port}: EADDRINUSE`,
    )
  })
})
