// GET /v1/status: which chain this node is on, how far it is, and whether it is keeping up.
import type { Router } from './http.ts'
import type { NodeView } from './node-view.ts'
import { hex } from './tx-json.ts'

export function statusRoutes(router: Router, node: NodeView): void {
  router.get('/v1/status', () => {
    const { chain, core } = node
    const head = chain.head
    const sync = node.sync()
    return {
      chainId: chain.chainId,
      genesisHash: hex(chain.genesisHash),
      nodeId: node.peerId,
      height: head.height,
      blockHash: hex(head.blockId),
      // The head block's time; null while only the genesis exists.
      time:
        head.header === undefined ? null : Number(core.views.decode('header', head.header).time),
      // Every committed block is final (Tendermint commits are never reverted).
      finalizedHeight: head.height,
      peers: node.peerCount(),
      syncing: sync.syncing,
      syncTargetHeight: sync.targetHeight,
      consensus: {
        height: Number(node.consensus.height),
        round: node.consensus.round,
        halted: node.consensus.halted,
      },
      validator: node.validatorKey !== undefined,
      history:
        node.history.mode === 'archive'
          ? { mode: 'archive', lowestBlock: chain.store.lowestBlock }
          : {
              mode: 'prune',
              keepBlocks: node.history.blocks,
              lowestBlock: chain.store.lowestBlock,
            },
    }
  })
}
