// GET /v1/blocks/latest and /v1/blocks/{height|hash}: committed blocks, newest first.
import type { BlockReader } from './block-json.ts'
import type { Router } from './http.ts'
import type { NodeView } from './node-view.ts'
import { parseBlockRef, parseIntegerParam } from './params.ts'

export const DEFAULT_BLOCKS_LIMIT = 10
export const MAX_BLOCKS_LIMIT = 100

export function blockRoutes(router: Router, node: NodeView, blocks: BlockReader): void {
  router.get('/v1/blocks/latest', (req) => {
    const limit = parseIntegerParam(req.query, 'limit', {
      min: 1,
      max: MAX_BLOCKS_LIMIT,
      fallback: DEFAULT_BLOCKS_LIMIT,
    })
    const head = node.chain.head.height
    // ?before=H pages back through history: the blocks below H.
    const before = parseIntegerParam(req.query, 'before', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      fallback: head + 1,
    })
    const top = Math.min(head, before - 1)
    const lowest = node.chain.store.lowestBlock
    const out = []
    for (let h = top; h >= Math.max(lowest, 1) && out.length < limit; h--) {
      out.push(blocks.summary(h))
    }
    return { height: head, blocks: out }
  })

  router.get('/v1/blocks/:id', (req) => {
    const height = blocks.heightOf(parseBlockRef(req.params.id as string))
    return blocks.full(height)
  })
}
