// The narrow face of a running node that the HTTP API, its WebSocket subscriptions and the
// metrics read: the chain (head, store, state tree), the pool, consensus progress and the peers.
// Built from a ChainNode and its libp2p host, so tests build it from a real node.
import type { Libp2p } from '@libp2p/interface'
import type { AddResult, Mempool, PeerReputation } from '@weft/core'
import type { StateTree, WeftCore } from '@weft/wasm'
import type { CommittedEvent } from '../chain/chain.ts'
import type { History } from '../config/node-config.ts'
import { connectionsOf, type PeerConnection } from '../net/connections.ts'
import type { ChainNode } from '../node/chain-node.ts'
import type { ChainStore, Head } from '../storage/chain-store.ts'

/** What the API reads of the chain; a Chain is one. */
export interface ChainReader {
  readonly core: WeftCore
  readonly chainId: string
  readonly genesisHash: Uint8Array
  /** The committed head; replaced, never mutated, so one read is one consistent height. */
  readonly head: Head
  readonly tree: StateTree
  readonly store: Pick<
    ChainStore,
    | 'block'
    | 'header'
    | 'blockId'
    | 'heightOf'
    | 'tx'
    | 'lowestBlock'
    | 'keepBlocks'
    | 'stateSyncedAt'
  >
  on(event: 'committed', listener: (event: CommittedEvent) => void): unknown
  off(event: 'committed', listener: (event: CommittedEvent) => void): unknown
}

export type MempoolReader = Pick<
  Mempool,
  'status' | 'get' | 'stats' | 'estimateFees' | 'subscribe' | 'nextNonce'
>

export interface ConsensusProgress {
  /** The height the consensus machine is deciding. */
  readonly height: bigint
  readonly round: number
  /** Two commits for one height were seen: the node stopped deciding. */
  readonly halted: boolean
}

export interface SyncProgress {
  syncing: boolean
  /** Starting from a snapshot: the head is genesis until the whole state is here. */
  stateSyncing: boolean
  /** The highest height the node knows the network has reached. */
  targetHeight: number
}

export interface NodeView {
  readonly core: WeftCore
  readonly chain: ChainReader
  readonly mempool: MempoolReader
  readonly consensus: ConsensusProgress
  /** This node's libp2p peer id. */
  readonly peerId: string
  readonly history: History
  /** The public key the node validates with, if it does. */
  readonly validatorKey: Uint8Array | undefined
  /** Admits a signed transaction to the pool and gossips it. */
  submitTx(tx: Uint8Array): Promise<AddResult>
  peers(): PeerConnection[]
  /** Every peer the reputation book holds, lowest score first; empty without one. */
  reputations(): PeerReputation[]
  /** Distinct connected peers. */
  peerCount(): number
  sync(): SyncProgress
}

export interface NodeViewInit {
  chainNode: Pick<ChainNode, 'chain' | 'mempool' | 'consensus' | 'submitTx' | 'sync'> &
    Partial<Pick<ChainNode, 'stateSync'>>
  libp2p: Libp2p
  history: History
  validatorKey?: Uint8Array
  reputation?: { list(): PeerReputation[] }
}

export function nodeView(init: NodeViewInit): NodeView {
  const { chainNode, libp2p } = init
  const chain = chainNode.chain
  return {
    core: chain.core,
    chain,
    mempool: chainNode.mempool,
    consensus: chainNode.consensus,
    peerId: libp2p.peerId.toString(),
    history: init.history,
    validatorKey: init.validatorKey,
    submitTx: (tx) => chainNode.submitTx(tx),
    peers: () => connectionsOf(libp2p),
    reputations: () => init.reputation?.list() ?? [],
    peerCount: () => libp2p.getPeers().length,
    // The best height peers reported at the status handshake, never below our own head.
    sync: () => {
      const stateSyncing = chainNode.stateSync?.running === true
      return {
        syncing: stateSyncing || chainNode.sync.syncing,
        stateSyncing,
        targetHeight: Math.max(
          chain.head.height,
          chainNode.sync.targetHeight,
          chainNode.stateSync?.targetHeight ?? 0,
        ),
      }
    },
  }
}
