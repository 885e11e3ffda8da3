// The node's HTTP JSON API (docs/api.md): node:http on the `api` address, the /v1 routes, and
// WebSocket subscriptions at /v1/ws on the same port. Requests are bounded in time and size,
// so a slow or hostile client costs the node little: headers within 10 s, the whole request
// within 15 s, a JSON body of at most 64 KiB, at most 512 open connections.
import { createServer, type Server } from 'node:http'
import type { HostPort } from '../config/value-types.ts'
import type { Faucet } from '../faucet/faucet.ts'
import { closeHttp, listenHttp } from '../net/listen-http.ts'
import { BlockReader } from './block-json.ts'
import { MAX_BODY_BYTES, Router } from './http.ts'
import type { NodeView } from './node-view.ts'
import { accountRoutes } from './routes-accounts.ts'
import { blockRoutes } from './routes-blocks.ts'
import { faucetRoutes } from './routes-faucet.ts'
import { networkRoutes } from './routes-network.ts'
import { poolRoutes } from './routes-pool.ts'
import { statusRoutes } from './routes-status.ts'
import { txRoutes } from './routes-txs.ts'
import { type SubscriptionLimits, Subscriptions } from './subscriptions.ts'

export interface ApiLimits {
  maxBodyBytes: number
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  maxConnections: number
  subscriptions: Partial<SubscriptionLimits>
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  subscriptions: {},
}

export interface ApiServerInit {
  address: HostPort
  node: NodeView
  faucet?: Faucet
  /** Where the node's own faults go (a handler that threw); the caller gets a plain 500. */
  onError?: (err: unknown, where: string) => void
  limits?: Partial<ApiLimits>
}

export interface ApiServer {
  url: string
  port: number
  readonly subscriptions: Subscriptions
  close(): Promise<void>
}

export function apiRouter(init: Omit<ApiServerInit, 'address'>, blocks: BlockReader): Router {
  const router = new Router({
    maxBodyBytes: init.limits?.maxBodyBytes ?? DEFAULT_API_LIMITS.maxBodyBytes,
    onInternalError: (err, req) => init.onError?.(err, `${req.method} ${req.path}`),
  })
  statusRoutes(router, init.node)
  blockRoutes(router, init.node, blocks)
  txRoutes(router, init.node)
  accountRoutes(router, init.node)
  poolRoutes(router, init.node)
  networkRoutes(router, init.node)
  faucetRoutes(router, init.faucet)
  return router
}

/** Listens on `init.address`; throws HttpListenError when it cannot. */
export async function startApiServer(init: ApiServerInit): Promise<ApiServer> {
  const limits = { ...DEFAULT_API_LIMITS, ...init.limits }
  const blocks = new BlockReader(init.node)
  const router = apiRouter(init, blocks)
  const subscriptions = new Subscriptions(init.node, blocks, {
    limits: limits.subscriptions,
    onError: (err) => init.onError?.(err, 'subscriptions'),
  })
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
    },
    (req, res) => {
      void router.handle(req, res)
    },
  )
  server.maxConnections = limits.maxConnections
  server.on('upgrade', (req, socket, head) => subscriptions.handleUpgrade(req, socket, head))
  let listening: Awaited<ReturnType<typeof listenHttp>>
  try {
    listening = await listenHttp(server, init.address, 'API')
  } catch (err) {
    subscriptions.close()
    throw err
  }
  return {
    ...listening,
    subscriptions,
    async close() {
      subscriptions.close()
      await closeHttp(server)
    },
  }
}
