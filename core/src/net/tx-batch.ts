// The message of the transactions topic (docs/network.md): several signed transactions in one
// gossip message, so the per-message costs of the libp2p stack (encryption, muxing, the seen
// cache, forwarding) are paid once per batch rather than once per transaction. The transactions
// are canonical bytes, carried as they are; only the core decodes them.
//
//   version u8 (1) | count varint (1–MAX_TX_BATCH_TXS) | count × (length varint (≥ 1), tx bytes)
//
// Varints are minimal LEB128; the whole message is at most MAX_TX_BATCH_BYTES.
import { FrameReader, FrameWriter } from '@weft/wasm'
import { readVarint } from './answer-frame.ts'
import { MessageFormatError, toBytes } from './consensus-message.ts'

export const TX_BATCH_VERSION = 1

/** Most transactions in one batch: a few blocks' worth of transfers arriving in one window. */
export const MAX_TX_BATCH_TXS = 1024

/**
 * Most bytes in one batch message, framing included. Well above a window's worth of transfers
 * (a few hundred bytes each) and far below what makes a gossip message slow to pass on.
 */
export const MAX_TX_BATCH_BYTES = 256 * 1024

/** Framing before the entries: the version byte and the longest count varint. */
const HEADER_BYTES = 1 + varintLength(MAX_TX_BATCH_TXS)

/** Bytes `tx` adds to a batch: its length varint and itself. */
export function txBatchEntryBytes(tx: Uint8Array): number {
  return varintLength(tx.length) + tx.length
}

/** Whether entries of `entryBytes` in all (txBatchEntryBytes) fit one batch message. */
export function fitsTxBatch(count: number, entryBytes: number): boolean {
  return count <= MAX_TX_BATCH_TXS && HEADER_BYTES + entryBytes <= MAX_TX_BATCH_BYTES
}

export function encodeTxBatch(txs: readonly Uint8Array[]): Uint8Array {
  if (txs.length === 0) throw new MessageFormatError('a transaction batch holds at least one')
  let entryBytes = 0
  for (const tx of txs) {
    if (tx.length === 0) throw new MessageFormatError('an empty transaction cannot be batched')
    entryBytes += txBatchEntryBytes(tx)
  }
  if (!fitsTxBatch(txs.length, entryBytes)) {
    throw new MessageFormatError(
      `a batch of ${txs.length} transactions (${entryBytes} bytes) is over the limits`,
    )
  }
  return toBytes(new FrameWriter().u8(TX_BATCH_VERSION).list(txs))
}

/** The batch's transactions in order; anything but a batch as encodeTxBatch writes it throws. */
export function decodeTxBatch(data: Uint8Array): Uint8Array[] {
  if (data.length > MAX_TX_BATCH_BYTES) {
    throw new MessageFormatError(`the batch is over ${MAX_TX_BATCH_BYTES} bytes`)
  }
  const r = new FrameReader(data)
  const txs: Uint8Array[] = []
  try {
    const version = r.u8()
    if (version !== TX_BATCH_VERSION) {
      throw new MessageFormatError(`unknown transaction batch version ${version}`)
    }
    const count = readVarint(r, MAX_TX_BATCH_TXS, 'transaction count')
    if (count === 0) throw new MessageFormatError('the batch holds no transaction')
    for (let i = 0; i < count; i++) {
      const length = readVarint(r, MAX_TX_BATCH_BYTES, 'transaction length')
      if (length === 0) throw new MessageFormatError(`transaction ${i} is empty`)
      txs.push(r.fixed(length))
    }
  } catch (err) {
    if (err instanceof MessageFormatError) throw err
    throw new MessageFormatError(`the batch is cut short (${data.length} bytes)`)
  }
  if (!r.done) throw new MessageFormatError(`the batch has trailing bytes (${data.length} bytes)`)
  return txs
}

function varintLength(n: number): number {
  let length = 1
  for (let v = n; v >= 0x80; v = Math.floor(v / 128)) length++
  return length
}
