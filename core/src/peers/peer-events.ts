// What a peer can do that changes its score, and what each is worth. Faults are weighted by
// severity, as in Lighthouse's PeerAction: how many of them an honest but unlucky peer may
// commit before it is banned. Useful work earns a little per item, up to MAX_SCORE.
import { MIN_SCORE } from './constants.ts'

/** How bad a fault is: how many an honest peer could plausibly commit before a ban at -50. */
export type Severity = 'fatal' | 'low-tolerance' | 'mid-tolerance' | 'high-tolerance'

/** Points one fault of each severity costs. Fatal takes any score to the floor: a ban at once. */
export const SEVERITY_WEIGHT: Record<Severity, number> = {
  // Provably malicious or on another network: no honest peer does it.
  fatal: 2 * MIN_SCORE,
  // About 5 before a ban: the peer sent something invalid that it should have checked.
  'low-tolerance': -10,
  // About 10: a malformed request, which a buggy but honest client may send.
  'mid-tolerance': -5,
  // About 50: slowness, refusals and rate-limit hits, which happen to honest peers under load.
  'high-tolerance': -1,
}

interface FaultSpec {
  kind: 'fault'
  severity: Severity
  /** For people: what the peer did. */
  what: string
}

interface UsefulSpec {
  kind: 'useful'
  /** Points per item delivered. */
  perItem: number
  what: string
}

export const PEER_EVENTS = {
  'block-delivered': {
    kind: 'useful',
    perItem: 0.2,
    what: 'delivered blocks that verified and were applied',
  },
  'header-delivered': {
    kind: 'useful',
    perItem: 0.05,
    what: 'delivered light blocks that verified',
  },
  'gossip-accepted': {
    kind: 'useful',
    perItem: 0.01,
    what: 'forwarded gossip this node accepted',
  },
  'valid-response': {
    kind: 'useful',
    perItem: 0.1,
    what: 'answered a request correctly',
  },
  'wrong-chain': {
    kind: 'fault',
    severity: 'fatal',
    what: 'is on another chain (a different genesis)',
  },
  'invalid-block': {
    kind: 'fault',
    severity: 'fatal',
    what: 'sent a block that did not verify against its header or commit',
  },
  'invalid-header': {
    kind: 'fault',
    severity: 'fatal',
    what: 'sent a light block that did not verify',
  },
  'invalid-gossip': {
    kind: 'fault',
    severity: 'low-tolerance',
    what: 'sent gossip this node rejected (malformed, or invalid)',
  },
  'invalid-response': {
    kind: 'fault',
    severity: 'low-tolerance',
    what: 'answered with bytes that do not decode, or over the protocol cap',
  },
  'bad-request': {
    kind: 'fault',
    severity: 'mid-tolerance',
    what: 'sent a request that does not decode, or over the protocol cap',
  },
  timeout: {
    kind: 'fault',
    severity: 'high-tolerance',
    what: 'did not answer or finish a request before the deadline',
  },
  refused: {
    kind: 'fault',
    severity: 'high-tolerance',
    what: 'refused a request, or answered none of what it said it had',
  },
  'rate-limited': {
    kind: 'fault',
    severity: 'high-tolerance',
    what: 'asked more than its rate limit allows',
  },
} as const satisfies Record<string, FaultSpec | UsefulSpec>

export type PeerEventName = keyof typeof PEER_EVENTS

export function isPeerEventName(name: string): name is PeerEventName {
  return Object.hasOwn(PEER_EVENTS, name)
}

/** The change in score one report makes, before clamping: `count` items, or one fault. */
export function eventDelta(event: PeerEventName, count = 1): number {
  const spec: FaultSpec | UsefulSpec = PEER_EVENTS[event]
  return spec.kind === 'useful' ? spec.perItem * count : SEVERITY_WEIGHT[spec.severity]
}
