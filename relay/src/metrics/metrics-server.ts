// Serves /metrics (Prometheus text format), /healthz and /readyz on the `metrics` address, a
// port apart from the API so scraping and probes can be exposed to other machines than the API.
import { createServer } from 'node:http'
import type { Registry } from 'prom-client'
import type { HostPort } from '../config/value-types.ts'
import { closeHttp, listenHttp } from '../net/listen-http.ts'
import type { Readiness } from './readiness.ts'

export interface MetricsServerInit {
  address: HostPort
  registry: Registry
  readiness: () => Readiness
  onError?: (err: unknown) => void
}

export interface MetricsServer {
  url: string
  port: number
  close(): Promise<void>
}

/** Listens on `init.address`; throws HttpListenError when it cannot. */
export async function startMetricsServer(init: MetricsServerInit): Promise<MetricsServer> {
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 15_000 }, (req, res) => {
    const json = (status: number, value: unknown) => {
      const body = JSON.stringify(value)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    let path = ''
    try {
      path = new URL(req.url ?? '/', 'http://metrics.invalid').pathname
    } catch {
      // An unreadable request target names no path served here.
    }
    if (!['/metrics', '/healthz', '/readyz'].includes(path)) {
      json(404, { error: { code: 'NOT_FOUND', message: 'serving /metrics, /healthz, /readyz' } })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed` } })
      return
    }
    if (path === '/healthz') {
      json(200, { status: 'ok' })
      return
    }
    if (path === '/readyz') {
      let ready: Readiness
      try {
        ready = init.readiness()
      } catch (err) {
        init.onError?.(err)
        ready = { ready: false, reason: 'the node could not read its own state' }
      }
      json(ready.ready ? 200 : 503, ready)
      return
    }
    init.registry.metrics().then(
      (text) => {
        res.writeHead(200, {
          'content-type': init.registry.contentType,
          'content-length': Buffer.byteLength(text),
          'cache-control': 'no-store',
        })
        res.end(req.method === 'HEAD' ? undefined : text)
      },
      (err: unknown) => {
        init.onError?.(err)
        json(500, { error: { code: 'INTERNAL', message: 'collecting the metrics failed' } })
      },
    )
  })
  const listening = await listenHttp(server, init.address, 'metrics')
  return { ...listening, close: () => closeHttp(server) }
}
