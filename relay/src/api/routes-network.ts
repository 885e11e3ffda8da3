// GET /v1/validators and /v1/peers: who decides the next block, and who this node talks to.
import { formatAddress } from '@weft/core'
import type { Router } from './http.ts'
import type { NodeView } from './node-view.ts'

export function networkRoutes(router: Router, node: NodeView): void {
  router.get('/v1/validators', () => {
    const { core, chain } = node
    const head = chain.head
    const height = head.height + 1
    const set = core.views.decode(
      'validatorSet',
      core.blocks.validatorSet(chain.tree, head.root, BigInt(height)),
    )
    let totalPower = 0n
    const validators = set.members.map((m) => {
      totalPower += m.power
      return {
        address: formatAddress(core.chain.addressOf(m.publicKey)),
        publicKey: m.publicKey,
        power: m.power,
      }
    })
    return { height, totalPower, validators }
  })

  router.get('/v1/peers', () => {
    const peers = node.peers()
    return { count: new Set(peers.map((p) => p.peerId)).size, peers }
  })
}
