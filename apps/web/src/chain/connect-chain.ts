// Joins the chain from the page: dials the bootstrap nodes over libp2p, then starts the light
// client from the served genesis (or what it verified before, kept in IndexedDB). Everything the
// wallet shows about the chain goes through the client returned here.
import type { Multiaddr } from '@multiformats/multiaddr'
import { IndexedDbTrustedStore, LightClient, libp2pLightTransport } from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import type { PageConfig } from '../config/page-config.ts'
import { toHex } from '../format/hex.ts'
import { type BrowserNode, createBrowserNode } from '../net/create-browser-node.ts'
import { NodeApi } from '../net/node-api.ts'
import { readGenesis } from './genesis.ts'

export interface Chain {
  core: WeftCore
  node: BrowserNode
  client: LightClient
  chainId: string
  api: NodeApi
  minWitnesses: number
  stop(): Promise<void>
}

/** No bootstrap node answered; `reasons` has one line per node. */
export class NoBootstrapError extends Error {
  override readonly name = 'NoBootstrapError'
}

const DIAL_TIMEOUT_MS = 10_000

export async function connectChain(core: WeftCore, config: PageConfig): Promise<Chain> {
  const genesis = readGenesis(core, config.genesisJson, config.genesisHash)
  const node = await createBrowserNode({ allowLocalDials: config.allowLocalDials })
  let store: IndexedDbTrustedStore | undefined
  try {
    await dialBootstrap(node, config.bootstrap)
    store = await IndexedDbTrustedStore.open({ name: `weft-light/${toHex(genesis.hash)}` })
    const client = new LightClient(
      { core, transport: libp2pLightTransport({ node, genesisHash: genesis.hash }), store },
      { minWitnesses: config.minWitnesses },
    )
    await client.start({
      genesis: genesis.bytes,
      genesisHash: genesis.hash,
      bootstrap: config.bootstrap.map((ma) => ma.toString()),
    })
    const opened = store
    return {
      core,
      node,
      client,
      chainId: genesis.chainId,
      api: new NodeApi(config.api),
      minWitnesses: config.minWitnesses,
      async stop() {
        await client.stop().catch(() => undefined)
        opened.close()
        await node.stop()
      },
    }
  } catch (err) {
    store?.close()
    await node.stop()
    throw err
  }
}

async function dialBootstrap(node: BrowserNode, bootstrap: readonly Multiaddr[]): Promise<void> {
  const results = await Promise.allSettled(
    bootstrap.map((ma) => node.dial(ma, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) })),
  )
  if (results.some((r) => r.status === 'fulfilled')) return
  const reasons = results.map((r, i) => `${bootstrap[i]?.toString()}: ${dialFailure(r)}`)
  throw new NoBootstrapError(`no bootstrap node answered — ${reasons.join('; ')}`)
}

function dialFailure(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'connected'
  const err = result.reason
  // A WebSocket that fails to open rejects with a bare Event: browsers hide the reason.
  if (typeof Event !== 'undefined' && err instanceof Event)
    return 'the WebSocket did not open (is the node running?)'
  if (err instanceof Error && err.name === 'DialDeniedError') {
    return 'the browser refused to dial a local address: serve the page from localhost or add ?allowLocal=1'
  }
  return err instanceof Error ? err.message || err.name : String(err)
}
