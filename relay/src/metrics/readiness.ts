// Whether the node is ready to serve (/readyz): its chain is open, it is not halted nor still
// downloading a snapshot, and it is connected — to at least one peer, or it is the only validator of its chain and so needs none.
import type { Libp2p } from '@libp2p/interface'
import type { NodeView } from '../api/node-view.ts'

export type Readiness = { ready: true } | { ready: false; reason: string }

export function readiness(libp2p: Libp2p, node: NodeView | undefined): Readiness {
  if (node === undefined) {
    return { ready: false, reason: 'no chain: the node was started without --genesis' }
  }
  if (node.consensus.halted) {
    return { ready: false, reason: 'halted: two commits were seen for one height' }
  }
  if (node.sync().stateSyncing) {
    return { ready: false, reason: 'state sync under way: the state is not all here yet' }
  }
  if (libp2p.getPeers().length > 0 || isLoneValidator(node)) return { ready: true }
  return { ready: false, reason: 'no peers yet' }
}

function isLoneValidator(node: NodeView): boolean {
  const own = node.validatorKey
  if (own === undefined) return false
  const { core, chain } = node
  const head = chain.head
  const set = core.views.decode(
    'validatorSet',
    core.blocks.validatorSet(chain.tree, head.root, BigInt(head.height + 1)),
  )
  const only = set.members.length === 1 ? set.members[0] : undefined
  return only !== undefined && Buffer.from(only.publicKey).equals(Buffer.from(own))
}
