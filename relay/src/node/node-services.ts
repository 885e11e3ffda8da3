// The node's HTTP services, started once its chain is open: the JSON API (with the chain node's
// faucet, when it has one) on the `api` address, and metrics with health probes on `metrics`.
import { join } from 'node:path'
import { type NodeView, nodeView } from '../api/node-view.ts'
import { type ApiServer, startApiServer } from '../api/server.ts'
import type { NodeConfig } from '../config/node-config.ts'
import type { ValidatorSigner } from '../consensus/consensus-driver.ts'
import type { Logger } from '../log.ts'
import { startMetricsServer } from '../metrics/metrics-server.ts'
import { createNodeMetrics } from '../metrics/node-metrics.ts'
import { readiness } from '../metrics/readiness.ts'
import type { PeerReputation } from '../net/peer-reputation.ts'
import type { ChainNode } from './chain-node.ts'
import type { WeftNode } from './create-node.ts'

export interface NodeServices {
  api: ApiServer | undefined
  metricsUrl: string | undefined
  stop(): Promise<void>
}

/**
 * The HTTP API (with a chain) and the metrics server, each unless its address is off. Throws
 * HttpListenError when an address cannot be served, having stopped what it started.
 */
export async function startNodeServices(init: {
  config: NodeConfig
  node: WeftNode
  chainNode: ChainNode | undefined
  signer: ValidatorSigner | undefined
  log: Logger
  reputation?: PeerReputation
}): Promise<NodeServices> {
  const { config, node, chainNode, log } = init
  const view: NodeView | undefined =
    chainNode === undefined
      ? undefined
      : nodeView({
          chainNode,
          libp2p: node,
          history: config.history,
          ...(init.reputation === undefined ? {} : { reputation: init.reputation }),
          ...(init.signer === undefined ? {} : { validatorKey: init.signer.publicKey }),
        })
  const stops: (() => Promise<void> | void)[] = []
  const stop = async () => {
    for (const s of stops.reverse()) await s()
  }
  try {
    let api: ApiServer | undefined
    if (view !== undefined && config.api !== undefined) {
      const faucet = chainNode?.faucet
      api = await startApiServer({
        address: config.api,
        node: view,
        ...(faucet === undefined ? {} : { faucet }),
        onError: (err, where) => log.error({ err, where }, 'the API failed to answer'),
      })
      stops.push(() => api?.close())
    }
    let metricsUrl: string | undefined
    if (config.metrics !== undefined) {
      const metrics = createNodeMetrics({
        libp2p: node,
        ...(view === undefined ? {} : { node: view, chainDir: join(config.dataDir, 'chain') }),
      })
      stops.push(() => metrics.close())
      const server = await startMetricsServer({
        address: config.metrics,
        registry: metrics.registry,
        readiness: () => readiness(node, view),
        onError: (err) => log.error({ err }, 'metrics failed'),
      })
      stops.push(() => server.close())
      metricsUrl = server.url
    }
    return { api, metricsUrl, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
