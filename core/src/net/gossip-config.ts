// How Weft configures gossipsub (docs/network.md): messages are not signed by the libp2p peer
// that published them — every Weft message is a canonical object carrying its author's own
// signature (a transaction's sender, a vote's validator), so a second signature per hop only
// doubles the verification work — and a message's id is the hash of its topic and bytes, so
// the same transaction arriving from many peers is one message, forwarded once.
import { sha256 } from '@noble/hashes/sha2.js'

export const GOSSIP_SIGNATURE_POLICY = 'StrictNoSign'

export function gossipMessageId(message: { topic: string; data: Uint8Array }): Uint8Array {
  const topic = new TextEncoder().encode(message.topic)
  const input = new Uint8Array(topic.length + 1 + message.data.length)
  input.set(topic)
  input.set(message.data, topic.length + 1)
  return sha256(input)
}
