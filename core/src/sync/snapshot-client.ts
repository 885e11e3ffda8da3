// The client side of /weft/snapshot/1.0.0: state nodes by hash and a height's proposer-priority
// record from one peer. Nothing here is trusted: StateWalk checks every node through the core.
import type { Libp2p } from '@libp2p/interface'
import {
  decodePriorities,
  decodeStateNodes,
  encodeSnapshotRequest,
  SNAPSHOT_LIMITS,
  SNAPSHOT_PROTOCOL,
} from '../net/snapshot-protocol.ts'
import { sendRequest } from '../protocols/request-response.ts'

type Dialer = Pick<Libp2p, 'dialProtocol'>
type Peer = Parameters<Libp2p['dialProtocol']>[0]

/**
 * One entry per hash the peer answered, in order: the bytes it claims, or undefined when it has
 * no such node. Hashes past the answer's end were not answered (its byte cap).
 */
export async function requestStateNodes(
  node: Dialer,
  peer: Peer,
  hashes: readonly Uint8Array[],
): Promise<(Uint8Array | undefined)[]> {
  const answer = await sendRequest(
    node,
    peer,
    SNAPSHOT_PROTOCOL,
    encodeSnapshotRequest({ type: 'nodes', hashes: [...hashes] }),
    SNAPSHOT_LIMITS,
  )
  return decodeStateNodes(answer, hashes.length)
}

/** The peer's proposer-priority record for `height`, or undefined when it keeps none. */
export async function requestPriorities(
  node: Dialer,
  peer: Peer,
  height: number,
): Promise<Uint8Array | undefined> {
  const answer = await sendRequest(
    node,
    peer,
    SNAPSHOT_PROTOCOL,
    encodeSnapshotRequest({ type: 'priorities', height }),
    SNAPSHOT_LIMITS,
  )
  return decodePriorities(answer)
}
