// The chain side of a node started with --genesis: the store in the data dir, the chain over
// it, gossip on the chain's topics, and the consensus driver (signing when a validator key was
// given). What the API, metrics and sync read from lives here.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Libp2p } from '@libp2p/interface'
import { weftTopics } from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import { Chain } from '../chain/chain.ts'
import type { NodeConfig } from '../config/node-config.ts'
import { ConsensusDriver, type ValidatorSigner } from '../consensus/consensus-driver.ts'
import type { Logger } from '../log.ts'
import { Gossip } from '../net/gossip.ts'
import { ChainStore } from '../storage/chain-store.ts'

export class GenesisFileError extends Error {
  override readonly name = 'GenesisFileError'
}

export interface ChainNode {
  chain: Chain
  gossip: Gossip
  consensus: ConsensusDriver
  stop(): Promise<void>
}

/** The genesis file is the genesis's JSON view (docs/protocol/views.md), as `weft genesis` writes it. */
export function readGenesisFile(
  core: WeftCore,
  path: string,
): { bytes: Uint8Array; chainId: string } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new GenesisFileError(`cannot read the genesis file ${path}: ${(err as Error).message}`)
  }
  try {
    const bytes = core.views.encodeJson('genesis', text)
    return { bytes, chainId: core.views.decode('genesis', bytes).chainId }
  } catch (err) {
    throw new GenesisFileError(`${path} is not a valid genesis: ${(err as Error).message}`)
  }
}

export async function startChainNode(init: {
  core: WeftCore
  config: NodeConfig & { genesis: string }
  libp2p: Libp2p<{ pubsub: GossipSub }>
  signer: ValidatorSigner | undefined
  log: Logger
  candidates?: () => Uint8Array[]
}): Promise<ChainNode> {
  const { core, config, libp2p, log } = init
  const genesis = readGenesisFile(core, config.genesis)
  const store = ChainStore.open(join(config.dataDir, 'chain'), {
    archive: config.history.mode === 'archive',
    ...(config.history.mode === 'prune' ? { keepBlocks: config.history.blocks } : {}),
  })
  let chain: Chain
  try {
    chain = await Chain.open(core, store, genesis.bytes, genesis.chainId)
  } catch (err) {
    await store.close()
    throw err
  }
  const gossip = new Gossip(libp2p.services.pubsub, weftTopics(chain.genesisHash))
  const params = core.views.decode('genesis', genesis.bytes).params
  const consensus = new ConsensusDriver({
    core,
    chain,
    gossip,
    ...(init.signer === undefined ? {} : { signer: init.signer }),
    candidates: init.candidates ?? (() => []),
    log: log.child({ part: 'consensus' }),
    commitDelayMs: params.timeoutCommitMs,
  })
  consensus.start()
  log.info(
    {
      chainId: genesis.chainId,
      genesisHash: Buffer.from(chain.genesisHash).toString('hex'),
      height: chain.head.height,
      validator: init.signer !== undefined,
    },
    'chain opened',
  )
  return {
    chain,
    gossip,
    consensus,
    async stop() {
      await consensus.stop()
      chain.close()
      await store.close()
    },
  }
}
