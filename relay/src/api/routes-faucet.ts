// POST /v1/faucet: devnet coins for an address, when the node was started with --faucet-key.
import { type Faucet, FaucetError } from '../faucet/faucet.ts'
import { ApiError, Reply, type Router } from './http.ts'
import { bodyObject, parseAddressText } from './params.ts'

export function faucetRoutes(router: Router, faucet: Faucet | undefined): void {
  router.post('/v1/faucet', async (req) => {
    if (faucet === undefined) {
      throw new ApiError(
        404,
        'NO_FAUCET',
        'this node has no faucet (it serves one with --faucet-key)',
      )
    }
    const body = bodyObject(req.body, '{"address": "weft1…"}')
    const to = parseAddressText(body.address)
    try {
      const paid = await faucet.send(to, { ip: req.remoteAddress })
      return new Reply(202, { hash: paid.hash, amount: paid.amount, from: faucet.address })
    } catch (err) {
      if (!(err instanceof FaucetError)) throw err
      if (err.code === 'RATE_LIMITED') {
        throw new ApiError(429, err.code, err.message, {
          headers: { 'retry-after': String(Math.ceil((err.retryAfterMs ?? 1000) / 1000)) },
        })
      }
      throw new ApiError(503, err.code, err.message)
    }
  })
}
