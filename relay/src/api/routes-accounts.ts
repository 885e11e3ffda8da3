// GET /v1/accounts/{address}: balance and nonce at the head, with a state proof.
import { readAccount } from './account-json.ts'
import type { Router } from './http.ts'
import type { NodeView } from './node-view.ts'
import { parseAddressText } from './params.ts'

export function accountRoutes(router: Router, node: NodeView): void {
  router.get('/v1/accounts/:address', (req) =>
    readAccount(node, parseAddressText(req.params.address)),
  )
}
