// /weft/query/1.0.0 (docs/network.md): the indexes archive nodes keep for the explorer — where a
// transaction landed, the transactions touching an address (a page at a time, newest first), and
// a block's height by its id. Nodes that prune answer NOT_SERVED. Answers are the node's word:
// a light client confirms what matters with /weft/proof/1.0.0.
import type { Libp2p } from '@libp2p/interface'
import { type FrameReader, FrameWriter } from '@weft/wasm'
import { type ProtocolLimits, sendRequest } from '../protocols/request-response.ts'
import {
  type Answer,
  checkLength,
  clipText,
  decodeAnswer,
  decodeFrame,
  encodeOk,
  encodeText,
  readOptionalText,
  readSafeInteger,
  readVarint,
} from './answer-frame.ts'
import { MessageFormatError, toBytes } from './consensus-message.ts'

export const QUERY_PROTOCOL = '/weft/query/1.0.0'

/** Entries in one page of an address's transactions. */
export const MAX_ADDRESS_TXS_PER_PAGE = 32

export const QUERY_LIMITS: ProtocolLimits = {
  maxRequestBytes: 64,
  // A full page: 32 entries of 48 bytes and an execution error of at most 128 bytes each.
  maxResponseBytes: 16 * 1024,
  timeoutMs: 10_000,
}

const TX_LOCATION = 1
const ADDRESS_TXS = 2
const BLOCK_HEIGHT = 3
const ADDRESS_BYTES = 20
const HASH_BYTES = 32
const MAX_TX_ERROR_BYTES = 128

/** Where an address's page starts: strictly older than this transaction. */
export interface AddressTxsCursor {
  height: number
  index: number
}

export type QueryRequest =
  | { kind: 'txLocation'; txId: Uint8Array }
  /** Newest first; `before` continues a previous page from its last entry. */
  | { kind: 'addressTxs'; address: Uint8Array; limit: number; before?: AddressTxsCursor }
  | { kind: 'blockHeight'; blockId: Uint8Array }

export interface TxLocation {
  height: number
  index: number
  /** null: it applied; otherwise the execution-tier reason it failed with (its fee was paid). */
  error: string | null
}

export interface AddressTx extends TxLocation {
  txId: Uint8Array
}

export function encodeQueryRequest(q: QueryRequest): Uint8Array {
  const w = new FrameWriter()
  switch (q.kind) {
    case 'txLocation':
      w.u8(TX_LOCATION).raw(checkLength(q.txId, HASH_BYTES, 'txId'))
      break
    case 'addressTxs': {
      if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_ADDRESS_TXS_PER_PAGE) {
        throw new MessageFormatError(`limit must be 1 to ${MAX_ADDRESS_TXS_PER_PAGE}`)
      }
      const before = q.before ?? { height: 0, index: 0 }
      checkCursor(before)
      w.u8(ADDRESS_TXS)
        .raw(checkLength(q.address, ADDRESS_BYTES, 'address'))
        .u64(BigInt(before.height))
        .u64(BigInt(before.index))
        .u8(q.limit)
      break
    }
    case 'blockHeight':
      w.u8(BLOCK_HEIGHT).raw(checkLength(q.blockId, HASH_BYTES, 'blockId'))
      break
  }
  return toBytes(w)
}

export function decodeQueryRequest(data: Uint8Array): QueryRequest {
  return decodeFrame(data, (r): QueryRequest => {
    const kind = r.u8()
    if (kind === TX_LOCATION) return { kind: 'txLocation', txId: r.fixed(HASH_BYTES) }
    if (kind === BLOCK_HEIGHT) return { kind: 'blockHeight', blockId: r.fixed(HASH_BYTES) }
    if (kind !== ADDRESS_TXS) {
      throw new MessageFormatError(
        `unknown query kind ${kind} (1 tx location, 2 address txs, 3 block height)`,
      )
    }
    const address = r.fixed(ADDRESS_BYTES)
    const height = readSafeInteger(r, 'before.height')
    const index = readSafeInteger(r, 'before.index')
    const limit = r.u8()
    const before = { height, index }
    checkCursor(before)
    if (limit < 1 || limit > MAX_ADDRESS_TXS_PER_PAGE) {
      throw new MessageFormatError(`limit must be 1 to ${MAX_ADDRESS_TXS_PER_PAGE}, not ${limit}`)
    }
    return height === 0
      ? { kind: 'addressTxs', address, limit }
      : { kind: 'addressTxs', address, limit, before }
  })
}

// Height 0 holds no transactions, so (0, 0) stands for "from the newest".
function checkCursor(c: AddressTxsCursor): void {
  if (!Number.isSafeInteger(c.height) || c.height < 0) {
    throw new MessageFormatError('before.height must be a whole number (0: from the newest)')
  }
  if (!Number.isSafeInteger(c.index) || c.index < 0) {
    throw new MessageFormatError('before.index must be a whole number')
  }
  if (c.height === 0 && c.index !== 0) {
    throw new MessageFormatError('before.index must be 0 when before.height is 0')
  }
}

/** OK | height u64 | index u64 | error (optional UTF-8). */
export function encodeTxLocation(l: TxLocation): Uint8Array {
  return encodeOk((w) => writeLocation(w, l))
}

export function decodeTxLocationAnswer(data: Uint8Array): Answer<TxLocation> {
  return decodeAnswer(data, readLocation)
}

/** OK | varint n | n × (txId [32] | height u64 | index u64 | error (optional UTF-8)). */
export function encodeAddressTxs(txs: readonly AddressTx[]): Uint8Array {
  return encodeOk((w) => {
    w.varint(txs.length)
    for (const tx of txs) writeLocation(w.raw(checkLength(tx.txId, HASH_BYTES, 'txId')), tx)
    return w
  })
}

export function decodeAddressTxsAnswer(data: Uint8Array): Answer<{ txs: AddressTx[] }> {
  return decodeAnswer(data, (r) => {
    const n = readVarint(r, MAX_ADDRESS_TXS_PER_PAGE, 'entry count')
    const txs: AddressTx[] = []
    for (let i = 0; i < n; i++) {
      const txId = r.fixed(HASH_BYTES)
      txs.push({ txId, ...readLocation(r) })
    }
    return { txs }
  })
}

/** OK | height u64. */
export function encodeBlockHeight(height: number): Uint8Array {
  return encodeOk((w) => w.u64(BigInt(height)))
}

export function decodeBlockHeightAnswer(data: Uint8Array): Answer<{ height: number }> {
  return decodeAnswer(data, (r) => ({ height: readSafeInteger(r, 'height') }))
}

function writeLocation(w: FrameWriter, l: TxLocation): FrameWriter {
  const error = l.error === null ? undefined : encodeText(clipText(l.error, MAX_TX_ERROR_BYTES))
  return w.u64(BigInt(l.height)).u64(BigInt(l.index)).optionalBytes(error)
}

function readLocation(r: FrameReader): TxLocation {
  const height = readSafeInteger(r, 'height')
  const index = readSafeInteger(r, 'index')
  const error = readOptionalText(r, MAX_TX_ERROR_BYTES, 'error') ?? null
  return { height, index, error }
}

type Dialer = Pick<Libp2p, 'dialProtocol'>
type Peer = Parameters<Libp2p['dialProtocol']>[0]

async function ask(node: Dialer, peer: Peer, q: QueryRequest): Promise<Uint8Array> {
  return sendRequest(node, peer, QUERY_PROTOCOL, encodeQueryRequest(q), QUERY_LIMITS)
}

/** Where a transaction landed, by its id. Throws ProtocolError or MessageFormatError. */
export async function requestTxLocation(
  node: Dialer,
  peer: Peer,
  q: { txId: Uint8Array },
): Promise<Answer<TxLocation>> {
  return decodeTxLocationAnswer(await ask(node, peer, { kind: 'txLocation', ...q }))
}

/**
 * One page of the transactions touching an address, newest first. A page shorter than `limit`
 * is the last; otherwise ask again with `before` set to the last entry's height and index.
 */
export async function requestAddressTxs(
  node: Dialer,
  peer: Peer,
  q: { address: Uint8Array; limit: number; before?: AddressTxsCursor },
): Promise<Answer<{ txs: AddressTx[] }>> {
  return decodeAddressTxsAnswer(await ask(node, peer, { kind: 'addressTxs', ...q }))
}

/** A block's height by its id. */
export async function requestBlockHeight(
  node: Dialer,
  peer: Peer,
  q: { blockId: Uint8Array },
): Promise<Answer<{ height: number }>> {
  return decodeBlockHeightAnswer(await ask(node, peer, { kind: 'blockHeight', ...q }))
}
