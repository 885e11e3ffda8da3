// Builds the libp2p host a Weft node runs: TCP between nodes, WebSockets and WebRTC-direct for
// browsers, a circuit relay for browsers and NATed peers, and Weft's protocols on top.
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { autoNAT } from '@libp2p/autonat'
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import { dcutr } from '@libp2p/dcutr'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { ConnectionGater, Libp2p, PrivateKey } from '@libp2p/interface'
import { kadDHT } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { webRTCDirect } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import {
  createVerifyHandler,
  DEFAULT_VERIFY_MAX_INBOUND_STREAMS,
  GOSSIP_SIGNATURE_POLICY,
  type SignatureVerifier,
  VERIFY_PROTOCOL,
} from '@weft/core'
import type { Datastore } from 'interface-datastore'
import { createLibp2p } from 'libp2p'
import { nodeGossipMessageId } from '../net/gossip-message-id.ts'

export interface WeftNodeInit {
  /** Multiaddrs to listen on. */
  listen: readonly string[]
  /** Multiaddrs to tell peers instead of the listen addresses; none: tell the listen addresses. */
  announce?: readonly string[]
  /** Serve as a circuit relay (default true). */
  relay?: boolean
  /** The node's identity; without one the node gets a new peer id on every start. */
  privateKey?: PrivateKey
  /** The consensus core's Ed25519 verifier, serving the verify protocol. */
  verify: SignatureVerifier
  /** Where libp2p keeps its peer store and DHT records; none: in memory only. */
  datastore?: Datastore
  /** Keeps banned peers out (relay/src/net/peer-reputation.ts); none: everyone is let in. */
  connectionGater?: ConnectionGater
  /** Each peer's reputation, added to its gossipsub score; none: 0 for all. */
  appSpecificScore?: (peer: string) => number
}

/** Weft's own DHT: its records and routing tables never mix with other libp2p networks'. */
export const WEFT_DHT_PROTOCOL = '/weft/kad/1.0.0'

// Circuit relay limits, set for browsers that use a relay to reach the network or each other
// (docs/network.md): a reservation lasts an hour and is renewed by the client; a relayed
// connection carries at most 2 minutes and 16 MiB before the two sides must have upgraded
// (WebRTC through the relay) or reconnected — enough for a signalling exchange and a light
// client's header sync, not for bulk traffic that belongs on direct connections.
export const RELAY_LIMITS = {
  maxReservations: 256,
  reservationTtlMs: 60 * 60 * 1000,
  durationLimitMs: 2 * 60 * 1000,
  dataLimitBytes: 16n * 1024n * 1024n,
  maxInboundHopStreams: 64,
} as const

export type WeftNode = Awaited<ReturnType<typeof createWeftNode>>

/** Creates and starts the node; its protocols are registered before it listens. */
export async function createWeftNode(init: WeftNodeInit) {
  const announce = init.announce ?? []
  const node = await createLibp2p({
    start: false,
    ...(init.datastore === undefined ? {} : { datastore: init.datastore }),
    ...(init.privateKey === undefined ? {} : { privateKey: init.privateKey }),
    ...(init.connectionGater === undefined ? {} : { connectionGater: init.connectionGater }),
    addresses: {
      listen: [...init.listen],
      ...(announce.length === 0 ? {} : { announce: [...announce] }),
    },
    transports: [tcp(), webSockets(), webRTCDirect()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        globalSignaturePolicy: GOSSIP_SIGNATURE_POLICY,
        msgIdFn: nodeGossipMessageId,
        // A lone validator, or the first node of a network, publishes before anyone listens.
        allowPublishToZeroTopicPeers: true,
        // Above the largest topic limit (a proposal with a full block); each topic checks its own.
        maxInboundDataLength: 5 * 1024 * 1024,
        // Weight 1: a reputation of -10 (one invalid message) reaches gossipsub's gossip
        // threshold, and the ban score (-50) its publish threshold — by then the peer is gone.
        ...(init.appSpecificScore === undefined
          ? {}
          : { scoreParams: { appSpecificScore: init.appSpecificScore, appSpecificWeight: 1 } }),
      }),
      // Server mode: a node is a full DHT participant that others can query (browsers are clients).
      dht: kadDHT({ protocol: WEFT_DHT_PROTOCOL, clientMode: false }),
      autoNAT: autoNAT(),
      dcutr: dcutr(),
      ...(init.relay === false
        ? {}
        : {
            relay: circuitRelayServer({
              maxInboundHopStreams: RELAY_LIMITS.maxInboundHopStreams,
              reservations: {
                maxReservations: RELAY_LIMITS.maxReservations,
                reservationTtl: RELAY_LIMITS.reservationTtlMs,
                applyDefaultLimit: true,
                defaultDurationLimit: RELAY_LIMITS.durationLimitMs,
                defaultDataLimit: RELAY_LIMITS.dataLimitBytes,
              },
            }),
          }),
    },
  })
  await node.handle(VERIFY_PROTOCOL, createVerifyHandler({ verify: init.verify }), {
    maxInboundStreams: DEFAULT_VERIFY_MAX_INBOUND_STREAMS,
  })
  await node.start()
  return node
}

/** What `weft node` announces once listening, as printed after LISTENING_LINE_PREFIX. */
export interface ListeningInfo {
  peerId: string
  multiaddrs: string[]
}

export function listeningInfo(node: Libp2p): ListeningInfo {
  return {
    peerId: node.peerId.toString(),
    multiaddrs: node.getMultiaddrs().map((ma) => ma.toString()),
  }
}
