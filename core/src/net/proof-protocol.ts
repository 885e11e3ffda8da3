// /weft/proof/1.0.0 (docs/network.md): an account's state proof, or a transaction's inclusion
// proof, with the header it is checked against — what a light client needs to show a verified
// balance or a verified "included". The header itself is checked by the light client (its commit).
import type { Libp2p } from '@libp2p/interface'
import { type FrameReader, FrameWriter } from '@weft/wasm'
import { type ProtocolLimits, sendRequest } from '../protocols/request-response.ts'
import {
  type Answer,
  checkLength,
  decodeAnswer,
  decodeFrame,
  encodeOk,
  readBytes,
  readOptionalBytes,
  readSafeInteger,
} from './answer-frame.ts'
import { MessageFormatError, toBytes } from './consensus-message.ts'

export const PROOF_PROTOCOL = '/weft/proof/1.0.0'

export const PROOF_LIMITS: ProtocolLimits = {
  maxRequestBytes: 64,
  // A header, a state proof (at most 256 siblings) or a transaction with its audit path: a few
  // KiB at the chain's default caps, with room for chains that raise the transaction cap.
  maxResponseBytes: 256 * 1024,
  timeoutMs: 10_000,
}

const ACCOUNT = 1
const TX = 2
const ADDRESS_BYTES = 20
const HASH_BYTES = 32
/** Bounds of the answer's fields, within the response cap. */
const MAX_HEADER_BYTES = 4096
const MAX_ACCOUNT_RECORD_BYTES = 1024
const MAX_PROOF_BYTES = 32 * 1024
const MAX_TX_BYTES = PROOF_LIMITS.maxResponseBytes

export type ProofRequest =
  /** `height` 0 (or absent): the node's head; otherwise the state after that height's block. */
  { kind: 'account'; address: Uint8Array; height?: number } | { kind: 'tx'; txId: Uint8Array }

export interface AccountProof {
  height: number
  /** The header at `height`: its stateRoot is the root the proof is checked against. */
  header: Uint8Array
  /** The account record's canonical bytes; absent for an account nothing has touched. */
  value: Uint8Array | undefined
  /** The state proof of the account key (core.blocks.accountKey) — inclusion or absence. */
  proof: Uint8Array
}

export interface TxInclusionProof {
  height: number
  /** The header of the block that holds the transaction: its txRoot is what the path leads to. */
  header: Uint8Array
  /** The transaction's canonical bytes (its id is computed from them, never taken on trust). */
  tx: Uint8Array
  index: number
  /** Transactions in the block. */
  count: number
  /** The RFC 9162 audit path: sibling hashes from the leaf up, 32 bytes each. */
  path: Uint8Array
}

export function encodeProofRequest(q: ProofRequest): Uint8Array {
  const w = new FrameWriter()
  if (q.kind === 'account') {
    const height = q.height ?? 0
    if (!Number.isSafeInteger(height) || height < 0) {
      throw new MessageFormatError('height must be a whole number, 0 for the head')
    }
    w.u8(ACCOUNT)
      .raw(checkLength(q.address, ADDRESS_BYTES, 'address'))
      .u64(BigInt(height))
  } else {
    w.u8(TX).raw(checkLength(q.txId, HASH_BYTES, 'txId'))
  }
  return toBytes(w)
}

export function decodeProofRequest(data: Uint8Array): ProofRequest {
  return decodeFrame(data, (r) => {
    const kind = r.u8()
    if (kind === ACCOUNT) {
      const address = r.fixed(ADDRESS_BYTES)
      const height = readSafeInteger(r, 'height')
      return height === 0 ? { kind: 'account', address } : { kind: 'account', address, height }
    }
    if (kind === TX) return { kind: 'tx', txId: r.fixed(HASH_BYTES) }
    throw new MessageFormatError(`unknown proof request kind ${kind} (1 account, 2 tx)`)
  })
}

/** OK | height u64 | header | value (optional) | proof. */
export function encodeAccountProof(p: AccountProof): Uint8Array {
  return encodeOk((w) =>
    w.u64(BigInt(p.height)).bytes(p.header).optionalBytes(p.value).bytes(p.proof),
  )
}

export function decodeAccountProofAnswer(data: Uint8Array): Answer<AccountProof> {
  return decodeAnswer(data, (r) => ({
    height: readSafeInteger(r, 'height'),
    header: readBytes(r, MAX_HEADER_BYTES, 'header'),
    value: readOptionalBytes(r, MAX_ACCOUNT_RECORD_BYTES, 'account record'),
    proof: readBytes(r, MAX_PROOF_BYTES, 'proof'),
  }))
}

/** OK | height u64 | header | tx | index u64 | count u64 | path. */
export function encodeTxInclusionProof(p: TxInclusionProof): Uint8Array {
  return encodeOk((w) =>
    w
      .u64(BigInt(p.height))
      .bytes(p.header)
      .bytes(p.tx)
      .u64(BigInt(p.index))
      .u64(BigInt(p.count))
      .bytes(p.path),
  )
}

export function decodeTxInclusionProofAnswer(data: Uint8Array): Answer<TxInclusionProof> {
  return decodeAnswer(data, readTxInclusionProof)
}

function readTxInclusionProof(r: FrameReader): TxInclusionProof {
  const height = readSafeInteger(r, 'height')
  const header = readBytes(r, MAX_HEADER_BYTES, 'header')
  const tx = readBytes(r, MAX_TX_BYTES, 'tx')
  const index = readSafeInteger(r, 'index')
  const count = readSafeInteger(r, 'count')
  const path = readBytes(r, 64 * HASH_BYTES, 'path')
  if (index >= count) throw new MessageFormatError(`index ${index} is not below count ${count}`)
  if (path.length % HASH_BYTES !== 0) {
    throw new MessageFormatError(`the audit path is not a whole number of 32-byte hashes`)
  }
  return { height, header, tx, index, count, path }
}

type Dialer = Pick<Libp2p, 'dialProtocol'>
type Peer = Parameters<Libp2p['dialProtocol']>[0]

/**
 * Asks `peer` for an account's state proof. The answer is the node's word until checked:
 * verify the header, then core.verifyStateProof(header.stateRoot, accountKey, value, proof).
 * Throws ProtocolError (no answer) or MessageFormatError (an answer that does not decode).
 */
export async function requestAccountProof(
  node: Dialer,
  peer: Peer,
  q: { address: Uint8Array; height?: number },
): Promise<Answer<AccountProof>> {
  const request = encodeProofRequest({ kind: 'account', ...q })
  return decodeAccountProofAnswer(
    await sendRequest(node, peer, PROOF_PROTOCOL, request, PROOF_LIMITS),
  )
}

/** Asks `peer` for a transaction's inclusion proof; check it with core.blocks.verifyTxProof. */
export async function requestTxInclusionProof(
  node: Dialer,
  peer: Peer,
  q: { txId: Uint8Array },
): Promise<Answer<TxInclusionProof>> {
  const request = encodeProofRequest({ kind: 'tx', txId: q.txId })
  return decodeTxInclusionProofAnswer(
    await sendRequest(node, peer, PROOF_PROTOCOL, request, PROOF_LIMITS),
  )
}
