// Gossip message ids on a node: the same id as @weft/core's gossipMessageId (SHA-256 of the topic,
// a zero byte and the data), computed by node:crypto. Every message a node sees is hashed — every
// transaction, every block twice — and OpenSSL's SHA-256 (SHA-NI) is an order of magnitude faster
// than hashing in JavaScript.
import { createHash } from 'node:crypto'

const SEPARATOR = new Uint8Array(1)

export function nodeGossipMessageId(message: { topic: string; data: Uint8Array }): Uint8Array {
  const digest = createHash('sha256')
    .update(message.topic)
    .update(SEPARATOR)
    .update(message.data)
    .digest()
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength)
}
