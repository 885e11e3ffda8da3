// The light client's transport over libp2p: the status, headers, proof and query protocols
// (docs/network.md) asked of connected peers. Works wherever libp2p does — a browser page over
// WebSockets/WebRTC, or Node over TCP.
import type { Libp2p, PeerId } from '@libp2p/interface'
import {
  decodeStatus,
  encodeStatus,
  STATUS_LIMITS,
  STATUS_PROTOCOL,
} from '../net/chain-protocols.ts'
import { requestAccountProof, requestTxInclusionProof } from '../net/proof-protocol.ts'
import { requestAddressTxs } from '../net/query-protocol.ts'
import { ProtocolError, sendRequest } from '../protocols/request-response.ts'
import { requestLightBlocks } from '../sync/headers-client.ts'
import { equalBytes } from './config.ts'
import type { LightClientTransport, PeerName } from './transport.ts'

export interface Libp2pLightTransportInit {
  node: Pick<Libp2p, 'dialProtocol' | 'getPeers'>
  /** Peers on another chain are refused at the status handshake. */
  genesisHash: Uint8Array
}

export function libp2pLightTransport(init: Libp2pLightTransportInit): LightClientTransport {
  const { node, genesisHash } = init
  const peerId = (name: PeerName): PeerId => {
    const peer = node.getPeers().find((p) => p.toString() === name)
    if (peer === undefined) throw new ProtocolError('REFUSED', `not connected to ${name}`)
    return peer
  }
  return {
    peers: () => node.getPeers().map((p) => p.toString()),
    async height(peer) {
      const answer = decodeStatus(
        await sendRequest(
          node,
          peerId(peer),
          STATUS_PROTOCOL,
          encodeStatus({ genesisHash, height: 0 }),
          STATUS_LIMITS,
        ),
      )
      if (!equalBytes(answer.genesisHash, genesisHash))
        throw new ProtocolError('REFUSED', `${peer} follows another chain`)
      return answer.height
    },
    lightBlocks: (peer, from, count) => requestLightBlocks(node, peerId(peer), { from, count }),
    accountProof: (peer, address, height) =>
      requestAccountProof(node, peerId(peer), { address, height }),
    txProof: (peer, txId) => requestTxInclusionProof(node, peerId(peer), { txId }),
    addressTxs: (peer, address, limit, before) =>
      requestAddressTxs(node, peerId(peer), {
        address,
        limit,
        ...(before === undefined ? {} : { before }),
      }),
  }
}
