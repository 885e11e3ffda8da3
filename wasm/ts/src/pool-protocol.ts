// How a batch crosses to a pool worker: four flat buffers (transferred, not cloned) and a seed.

import { checkBytes } from './check.ts'
import type { SignedMessage } from './core.ts'

export interface PackedBatch {
  publicKeys: Uint8Array
  signatures: Uint8Array
  messages: Uint8Array
  messageLengths: Uint32Array
  seed: Uint8Array
}

export function packBatch(items: readonly SignedMessage[], seed: Uint8Array): PackedBatch {
  const n = items.length
  const publicKeys = new Uint8Array(32 * n)
  const signatures = new Uint8Array(64 * n)
  const messageLengths = new Uint32Array(n)
  items.forEach((item, i) => {
    publicKeys.set(checkBytes(`items[${i}].publicKey`, item.publicKey, 32), 32 * i)
    signatures.set(checkBytes(`items[${i}].signature`, item.signature, 64), 64 * i)
    messageLengths[i] = checkBytes(`items[${i}].message`, item.message).length
  })
  const messages = new Uint8Array(messageLengths.reduce((a, b) => a + b, 0))
  let at = 0
  for (const item of items) {
    messages.set(item.message, at)
    at += item.message.length
  }
  return { publicKeys, signatures, messages, messageLengths, seed }
}

export function unpackBatch(batch: PackedBatch): SignedMessage[] {
  const items: SignedMessage[] = []
  let at = 0
  batch.messageLengths.forEach((len, i) => {
    items.push({
      publicKey: batch.publicKeys.subarray(32 * i, 32 * i + 32),
      signature: batch.signatures.subarray(64 * i, 64 * i + 64),
      message: batch.messages.subarray(at, at + len),
    })
    at += len
  })
  return items
}
