// GET /v1/fees and /v1/mempool: what a transaction should bid now, and what the pool holds.
import type { Router } from './http.ts'
import type { NodeView } from './node-view.ts'

export function poolRoutes(router: Router, node: NodeView): void {
  router.get('/v1/fees', () => ({
    height: node.chain.head.height,
    ...node.mempool.estimateFees(),
  }))

  router.get('/v1/mempool', () => ({
    height: node.chain.head.height,
    ...node.mempool.stats(),
  }))
}
