// The chain side of a node started with --genesis: the store in the data dir, the chain over
// it, gossip on the chain's topics, and the consensus driver (signing when a validator key was
// given), the proof/query/faucet protocols. What the API, metrics and sync read from lives here.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GossipSub } from '@libp2p/gossipsub'
import type { Libp2p } from '@libp2p/interface'
import { type AddResult, Mempool, weftTopics } from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import { Chain, type CommittedEvent } from '../chain/chain.ts'
import { chainMempoolValidator } from '../chain/mempool-validator.ts'
import { SignatureBatch } from '../chain/signature-batch.ts'
import type { NodeConfig } from '../config/node-config.ts'
import { ConsensusDriver, type ValidatorSigner } from '../consensus/consensus-driver.ts'
import { EvidencePool } from '../consensus/evidence-pool.ts'
import { Faucet } from '../faucet/faucet.ts'
import type { Logger } from '../log.ts'
import { Gossip } from '../net/gossip.ts'
import { HeaderGossip } from '../net/header-gossip.ts'
import type { ReputationHooks } from '../net/peer-reputation.ts'
import { PeerStatus } from '../net/peer-status.ts'
import { TxGossip } from '../net/tx-gossip.ts'
import { serveDataProtocols } from '../protocols/data-protocols.ts'
import { ChainStore } from '../storage/chain-store.ts'
import { BlockSync } from '../sync/block-sync.ts'
import { serveChainData } from '../sync/chain-servers.ts'
import type { TerminalLine } from '../sync/progress-bar.ts'
import { reportSyncProgress } from '../sync/progress-report.ts'
import { StateSync, StateSyncError } from '../sync/state-sync.ts'

export class GenesisFileError extends Error {
  override readonly name = 'GenesisFileError'
}

export interface ChainNode {
  chain: Chain
  gossip: Gossip
  consensus: ConsensusDriver
  mempool: Mempool
  peers: PeerStatus
  sync: BlockSync
  /** The devnet faucet, when started with a faucet key: HTTP and libp2p share it and its limits. */
  faucet: Faucet | undefined
  /** Present while the node is starting from a snapshot (--state-sync on a data dir at genesis). */
  stateSync: StateSync | undefined
  /** Admits a signed transaction to the pool and gossips it: what POST /v1/txs does. */
  submitTx(tx: Uint8Array): Promise<AddResult>
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
  faucetSigner?: ValidatorSigner | undefined
  log: Logger
  /** A terminal to draw sync progress on; otherwise progress is logged. */
  terminal?: TerminalLine
  /** Scores what peers do and rate-limits what they ask (relay/src/net/peer-reputation.ts). */
  reputation?: ReputationHooks
}): Promise<ChainNode> {
  const { core, config, libp2p, log, reputation } = init
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
  const gossip = new Gossip(libp2p.services.pubsub, weftTopics(chain.genesisHash), (v, from, t) => {
    if (v !== 'ignore')
      reputation?.report(from, v === 'accept' ? 'gossip-accepted' : 'invalid-gossip', { detail: t })
  })
  const params = core.views.decode('genesis', genesis.bytes).params
  const mempool = new Mempool(
    { validator: chainMempoolValidator(chain), now: Date.now },
    { maxBlockBytes: params.maxBlockBytes },
  )
  chain.on('committed', (event: CommittedEvent) => {
    mempool.onBlock({
      height: BigInt(event.height),
      includedTxIds: event.outcome.receipts.map((r) => r.txId),
      baseFeePerByte: core.views.decode('header', event.outcome.header).baseFeePerByte,
      fullness: { usedBytes: Number(event.outcome.txBytes), maxBytes: params.maxBlockBytes },
    })
  })
  chain.on('collected', (e) => log.info({ part: 'storage', ...e }, 'state collected'))
  const evidence = new EvidencePool(core, chain)
  chain.on('committed', (event: CommittedEvent) =>
    evidence.onCommitted(event.height, event.block, event.outcome.header),
  )
  gossip.on('evidence', (data) => evidence.add(data))
  const signatures = new SignatureBatch(chain)
  const txGossip = new TxGossip({
    signatures,
    pool: mempool,
    publish: (data) => gossip.publish('txs', data),
    statelessOk: (tx) => core.chain.checkTransaction(tx, chain.chainId).ok,
  })
  gossip.on('txs', (data) => txGossip.receive(data))
  const peers = new PeerStatus(libp2p, chain, log.child({ part: 'status' }), reputation)
  const consensus = new ConsensusDriver({
    onPeerAhead: (peer) => peers.refreshSoon(peer),
    core,
    chain,
    gossip,
    ...(init.signer === undefined ? {} : { signer: init.signer }),
    candidates: () => mempool.pending().map((tx) => tx.bytes),
    evidence,
    log: log.child({ part: 'consensus' }),
    commitDelayMs: params.timeoutCommitMs,
    // Under a progress bar, a line per synced block would only scroll it away.
    syncedBlockLogLevel: init.terminal === undefined ? 'info' : 'debug',
    hasCandidates: () => mempool.stats().pending.count > 0,
  })
  const sync = new BlockSync({
    node: libp2p,
    chain,
    driver: consensus,
    status: peers,
    log: log.child({ part: 'sync' }),
    ...(reputation === undefined ? {} : { reputation }),
  })
  reportSyncProgress(sync, log.child({ part: 'sync' }), init.terminal)
  // Validators publish the heights they decide; blocks fetched by sync are old news.
  new HeaderGossip(chain, gossip, log.child({ part: 'gossip' })).start(
    () => init.signer !== undefined && !sync.syncing,
  )
  const submitTx = async (tx: Uint8Array): Promise<AddResult> => {
    await signatures.verify(tx)
    const added = mempool.add(tx)
    // Gossip is best effort and goes out with the next batch: the submitter hears "accepted"
    // once the pool has the transaction, not once every peer was sent it.
    if (added.ok) txGossip.send(tx)
    return added
  }
  const faucet =
    init.faucetSigner === undefined
      ? undefined
      : new Faucet(
          {
            core,
            chain,
            mempool,
            submitTx,
            publicKey: init.faucetSigner.publicKey,
            sign: init.faucetSigner.sign,
          },
          { amount: config.faucetAmount },
        )
  await peers.start()
  const stopServing = await serveChainData(libp2p, chain, reputation?.guards)
  const dataProtocols = await serveDataProtocols({
    libp2p,
    chain,
    faucet,
    ...(reputation === undefined ? {} : { guards: reputation.guards }),
  })
  // Consensus and block sync start from the head; with state sync that head is the snapshot's,
  // so they wait for it (docs/sync.md, "State sync").
  const follow = async () => {
    await sync.start()
    consensus.start()
  }
  let stateSync: StateSync | undefined
  let stateSyncRun: Promise<void> = Promise.resolve()
  let stopped = false
  if (config.stateSync && chain.head.height === 0) {
    const syncer = new StateSync({
      node: libp2p,
      chain,
      status: peers,
      log: log.child({ part: 'state-sync' }),
    })
    stateSync = syncer
    stateSyncRun = syncer
      .run()
      .catch((err: unknown) => {
        if (err instanceof StateSyncError && err.code === 'ABORTED') return
        log.error({ err: String(err) }, 'state sync failed; syncing blocks from genesis instead')
      })
      .then(async () => {
        if (stopped) return
        await follow()
        // Heights peers told us during state sync are stale; block sync starts on fresh ones.
        for (const p of peers.peers()) void peers.refresh(p.peer)
      })
      .catch((err: unknown) => {
        log.error({ err: String(err) }, 'could not start consensus after state sync')
      })
  } else {
    if (config.stateSync)
      log.info({ height: chain.head.height }, 'the data dir has a chain; no state sync')
    await follow()
  }
  // Expiry is otherwise checked only on add and per block; a quiet chain still forgets.
  const expiry = setInterval(() => mempool.expire(), 60_000)
  expiry.unref()
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
    mempool,
    peers,
    sync,
    faucet,
    stateSync,
    submitTx,
    async stop() {
      stopped = true
      clearInterval(expiry)
      txGossip.stop()
      await dataProtocols.stop()
      stateSync?.stop()
      await stateSyncRun
      await stopServing()
      await sync.stop()
      await peers.stop()
      await consensus.stop()
      chain.close()
      await store.close()
    },
  }
}
