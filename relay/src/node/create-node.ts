// Builds the libp2p host a Weft node runs: TCP between nodes, WebSockets and WebRTC-direct for
// browsers, a circuit relay for browsers and NATed peers, and Weft's protocols on top.
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { webRTCDirect } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import {
  createVerifyHandler,
  DEFAULT_VERIFY_MAX_INBOUND_STREAMS,
  type SignatureVerifier,
  VERIFY_PROTOCOL,
} from '@weft/core'
import { createLibp2p } from 'libp2p'

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
}

export type WeftNode = Awaited<ReturnType<typeof createWeftNode>>

/** Creates and starts the node; its protocols are registered before it listens. */
export async function createWeftNode(init: WeftNodeInit) {
  const announce = init.announce ?? []
  const node = await createLibp2p({
    start: false,
    ...(init.privateKey === undefined ? {} : { privateKey: init.privateKey }),
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
        // A lone validator, or the first node of a network, publishes before anyone listens.
        allowPublishToZeroTopicPeers: true,
        // Above the largest topic limit (a proposal with a full block); each topic checks its own.
        maxInboundDataLength: 5 * 1024 * 1024,
      }),
      ...(init.relay === false ? {} : { relay: circuitRelayServer() }),
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
