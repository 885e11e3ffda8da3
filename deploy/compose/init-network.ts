// Lays out a small network for deploy/compose.yaml: the devnet's keys and genesis (the same layout
// `weft devnet` makes), each node's libp2p identity, and one config file per node that bootstraps
// from every other node by its compose service name. Does nothing when the layout exists.
// Usage: node deploy/compose/init-network.ts <dir> [--validators <n>] [--port <p2p tcp port>]
import { existsSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadCore } from '@weft/wasm'
import { createDevnetLayout, type DevnetNode } from '../../relay/src/devnet/devnet-layout.ts'
import { ensureDataDir } from '../../relay/src/node/data-dir.ts'
import { loadOrCreateNodeIdentity } from '../../relay/src/node/node-identity.ts'

export const NODE_CONFIG_FILE = 'node.json'

export interface NetworkInit {
  dir: string
  validators: number
  /** Every node listens for TCP on this port, on its own host (the compose service). */
  p2pPort: number
}

/** The config file of each node, by name (`relay`, `validator-1`, …); written into `dir`. */
export async function initNetwork(init: NetworkInit): Promise<Map<string, string>> {
  const { dir, validators, p2pPort } = init
  const core = await loadCore()
  const layout = await createDevnetLayout(core, { dir, validators })
  const nodes: DevnetNode[] = [layout.relay, ...layout.validators]
  const addresses = new Map<string, string>()
  for (const node of nodes) {
    ensureDataDir(node.dataDir)
    const { privateKey } = await loadOrCreateNodeIdentity(node.dataDir)
    addresses.set(
      node.name,
      `/dns4/${node.name}/tcp/${p2pPort}/p2p/${peerIdFromPrivateKey(privateKey).toString()}`,
    )
  }
  const files = new Map<string, string>()
  for (const node of nodes) {
    const home = join(node.dataDir, '..')
    // Paths relative to the file's folder, so the layout means the same wherever it is mounted.
    const here = (path: string) => relative(home, path)
    const isRelay = node === layout.relay
    const config: Record<string, unknown> = {
      'data-dir': here(node.dataDir),
      genesis: here(layout.genesisFile),
      bootstrap: nodes.filter((n) => n !== node).map((n) => addresses.get(n.name)),
      listen: [`/ip4/0.0.0.0/tcp/${p2pPort}`, ...(isRelay ? ['/ip4/0.0.0.0/tcp/4002/ws'] : [])],
      // Inside the compose network; compose.yaml decides what the host sees.
      api: isRelay ? '0.0.0.0:8645' : 'off',
      metrics: '0.0.0.0:9645',
      ...(isRelay
        ? {
            archive: true,
            'faucet-key': here(layout.faucet.keyFile),
            'faucet-key-password-file': here(layout.passwordFile),
          }
        : {
            'validator-key': here(node.keyFile as string),
            'validator-key-password-file': here(layout.passwordFile),
          }),
    }
    const file = join(home, NODE_CONFIG_FILE)
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`)
    files.set(node.name, file)
  }
  return files
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { validators: { type: 'string' }, port: { type: 'string' } },
  })
  const dir = positionals[0]
  const validators = Number(values.validators ?? 4)
  const p2pPort = Number(values.port ?? 4001)
  if (dir === undefined || !Number.isInteger(validators) || validators < 1 || validators > 10) {
    console.error('usage: init-network.ts <dir> [--validators <1 to 10>] [--port <p2p tcp port>]')
    process.exit(2)
  }
  if (existsSync(join(dir, 'genesis.json'))) {
    console.log(`init-network: ${dir} holds a network already; resuming it`)
  } else {
    const files = await initNetwork({ dir, validators, p2pPort })
    console.log(`init-network: ${files.size} nodes laid out in ${dir}`)
  }
}
