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

  // Connections with their peers' scores, and every peer the reputation book holds (connected
  // or not: banned peers are not), with its ban and the reasons behind its score.
  router.get('/v1/peers', () => {
    const reputations = node.reputations()
    const scores = new Map(reputations.map((r) => [r.peer, r.score]))
    const peers = node.peers().map((p) => ({ ...p, score: shown(scores.get(p.peerId) ?? 0) }))
    const connected = new Set(peers.map((p) => p.peerId))
    return {
      count: connected.size,
      peers,
      reputations: reputations.map((r) => ({
        peerId: r.peer,
        score: shown(r.score),
        connected: connected.has(r.peer),
        banned: r.ban === undefined ? null : r.ban,
        reasons: r.history.map((h) => ({
          ...h,
          delta: shown(h.delta),
          score: shown(h.score),
        })),
      })),
    }
  })
}

// Scores are fractions (decay, small credits); three decimals say all a reader needs.
function shown(score: number): number {
  return Math.round(score * 1000) / 1000
}
