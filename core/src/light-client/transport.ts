// What the light client needs from the network, and nothing more: the status, headers, proof
// and query protocols (docs/network.md) asked of one named peer. libp2p-transport.ts speaks them
// over libp2p; tests answer from memory. Every answer is the peer's word: the client checks it.
import type { Answer } from '../net/answer-frame.ts'
import type { AccountProof, TxInclusionProof } from '../net/proof-protocol.ts'
import type { AddressTx, AddressTxsCursor } from '../net/query-protocol.ts'

/** A peer as the transport names it (a libp2p peer id's string form). */
export type PeerName = string

/**
 * Each call rejects when the peer cannot be asked or does not answer in time, or answers
 * something that does not decode; the client then treats that peer as unavailable.
 */
export interface LightClientTransport {
  /** Peers on the client's chain the client may ask, in the host's order of preference. */
  peers(): PeerName[]
  /** The peer's committed height (the status handshake); rejects for a peer on another chain. */
  height(peer: PeerName): Promise<number>
  /** Light blocks of heights from … from + count − 1, in order; fewer (or none) if not kept. */
  lightBlocks(peer: PeerName, from: number, count: number): Promise<Uint8Array[]>
  accountProof(peer: PeerName, address: Uint8Array, height: number): Promise<Answer<AccountProof>>
  txProof(peer: PeerName, txId: Uint8Array): Promise<Answer<TxInclusionProof>>
  addressTxs(
    peer: PeerName,
    address: Uint8Array,
    limit: number,
    before?: AddressTxsCursor,
  ): Promise<Answer<{ txs: AddressTx[] }>>
}
