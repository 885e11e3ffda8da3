// What the node's libp2p connections look like from outside: one line per connection for the
// API's /v1/peers, counts by transport for metrics, and the circuit relay's load.
import type { Connection, Libp2p } from '@libp2p/interface'

export type Transport = 'tcp' | 'ws' | 'wss' | 'webrtc-direct' | 'webrtc' | 'circuit' | 'other'

export const TRANSPORTS: readonly Transport[] = [
  'tcp',
  'ws',
  'wss',
  'webrtc-direct',
  'webrtc',
  'circuit',
  'other',
]

/** The circuit relay v2 hop protocol: a relayed circuit holds one open inbound hop stream. */
export const HOP_PROTOCOL = '/libp2p/circuit/relay/0.2.0/hop'

export interface PeerConnection {
  peerId: string
  /** The remote multiaddr. */
  address: string
  transport: Transport
  direction: 'inbound' | 'outbound'
  /** When the connection opened, in milliseconds since the epoch. */
  openedAt: number
  /** Relayed connections carry a relay's data and time limits. */
  limited: boolean
}

/** The transport a multiaddr names, the most specific component first (a circuit over TCP is a circuit). */
export function transportOf(address: string): Transport {
  const parts = address.split('/')
  if (parts.includes('p2p-circuit')) return 'circuit'
  if (parts.includes('webrtc-direct')) return 'webrtc-direct'
  if (parts.includes('webrtc')) return 'webrtc'
  if (parts.includes('wss') || (parts.includes('tls') && parts.includes('ws'))) return 'wss'
  if (parts.includes('ws')) return 'ws'
  if (parts.includes('tcp')) return 'tcp'
  return 'other'
}

export function describeConnection(c: Connection): PeerConnection {
  const address = c.remoteAddr.toString()
  return {
    peerId: c.remotePeer.toString(),
    address,
    transport: transportOf(address),
    direction: c.direction,
    openedAt: c.timeline.open,
    limited: c.limits !== undefined,
  }
}

export function connectionsOf(libp2p: Libp2p): PeerConnection[] {
  return libp2p.getConnections().map(describeConnection)
}

/** Distinct peers per transport (a peer connected over two transports counts under both). */
export function peersByTransport(libp2p: Libp2p): Map<Transport, number> {
  const peers = new Map<Transport, Set<string>>()
  for (const c of connectionsOf(libp2p)) {
    let set = peers.get(c.transport)
    if (set === undefined) {
      set = new Set()
      peers.set(c.transport, set)
    }
    set.add(c.peerId)
  }
  return new Map([...peers].map(([t, set]) => [t, set.size]))
}

export interface RelayLoad {
  /** Peers holding a reservation on this relay. */
  reservations: number
  /** Circuits relayed through this node now. */
  circuits: number
}

/**
 * The circuit relay server's load, or undefined when the node does not relay. The server keeps
 * its reservations in a map it exposes; it does not count circuits, so they are counted as the
 * open inbound hop streams, each of which carries one relayed connection while it lasts (a
 * reservation request holds a hop stream too, for the moment it takes to answer).
 */
export function relayLoad(libp2p: Libp2p): RelayLoad | undefined {
  const relay = (libp2p.services as { relay?: { reservations?: { size: number } } }).relay
  if (relay?.reservations === undefined) return undefined
  let circuits = 0
  for (const c of libp2p.getConnections()) {
    for (const s of c.streams) {
      if (s.protocol === HOP_PROTOCOL && s.direction === 'inbound') circuits++
    }
  }
  return { reservations: relay.reservations.size, circuits }
}
