// The guard every rate-limited server runs before answering (core's serveRequests): a token
// bucket per peer and one for the protocol as a whole, charged by the items a request asks for.
// Over the peer's limit: refused and a score penalty; over the global limit: refused only (the
// node is busy, not the peer at fault). Proof and query say RATE_LIMITED with when to come back;
// the other protocols have no refusal in their answers, so the stream is reset, their convention.
import { encodeRefusal, RateLimiter, type RequestGuard } from '@weft/core'
import { RATE_LIMIT_BURST_SECONDS, type RateLimit, type RateLimitedProtocol } from '../constants.ts'
import type { PeerReporter } from './peer-reputation.ts'
import { REQUEST_COSTS } from './request-costs.ts'

const FRAMED: ReadonlySet<RateLimitedProtocol> = new Set(['proof', 'query'])

export interface GuardInit {
  protocol: RateLimitedProtocol
  limit: RateLimit
  report: PeerReporter
  now?: () => number
}

/** The guard for one protocol, with the protocol id it is for. */
export function requestGuard(init: GuardInit): RequestGuard & { id: string } {
  const { protocol, limit, report } = init
  const spec = REQUEST_COSTS[protocol]
  const clock = init.now === undefined ? {} : { now: init.now }
  // A bucket holds a few seconds of its rate, and never less than the largest request.
  const perPeer = new RateLimiter({
    ratePerSecond: limit.perPeer,
    burst: Math.max(limit.perPeer * RATE_LIMIT_BURST_SECONDS, spec.maxCost),
    ...clock,
  })
  const global = new RateLimiter({
    ratePerSecond: limit.global,
    burst: Math.max(limit.global * RATE_LIMIT_BURST_SECONDS, spec.maxCost),
    maxKeys: 1,
    ...clock,
  })
  const refuse = (retryAfterMs: number, message: string) =>
    FRAMED.has(protocol)
      ? {
          ok: false as const,
          answer: encodeRefusal({ status: 'RATE_LIMITED', retryAfterMs, message }),
        }
      : { ok: false as const }
  return {
    id: spec.id,
    admit(request, connection) {
      const cost = spec.cost(request)
      const peer = connection.remotePeer
      const own = perPeer.take(peer.toString(), cost)
      if (!own.ok) {
        report(peer, 'rate-limited', { detail: protocol })
        return refuse(
          own.retryAfterMs,
          `rate limited: ${protocol} serves ${limit.perPeer} items a second per peer`,
        )
      }
      const all = global.take(protocol, cost)
      if (!all.ok) {
        return refuse(all.retryAfterMs, `busy: ${protocol} serves ${limit.global} items a second`)
      }
      return { ok: true }
    },
    refused(connection, fault) {
      report(connection.remotePeer, fault === 'timeout' ? 'timeout' : 'bad-request', {
        detail: `${protocol}: ${fault}`,
      })
    },
  }
}
