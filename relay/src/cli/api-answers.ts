// The API's answers as the CLI reads them (docs/api.md): u64 amounts arrive as decimal strings,
// bytes as hex. The readers check what they take: an answer is not trusted to be well formed.
import { WalletError } from './errors.ts'

/** GET /v1/status */
export interface StatusAnswer {
  chainId: string
  genesisHash: string
  nodeId: string
  height: number
  blockHash: string
  time: number | null
  finalizedHeight: number
  peers: number
  syncing: boolean
  syncTargetHeight: number
  consensus: { height: number; round: number; halted: boolean }
  validator: boolean
  history: { mode: 'archive' | 'prune'; keepBlocks?: number; lowestBlock: number }
}

/** GET /v1/accounts/{address} */
export interface AccountAnswer {
  address: string
  balance: string
  nonce: string
  /** Absent from nodes older than the field. */
  pendingNonce?: string
  exists: boolean
  height: number
  root: string
  key: string
  value: string | null
  proof: string
}

export interface FeeQuoteAnswer {
  maxFeePerByte: string
  tipPerByte: string
}

/** GET /v1/fees */
export interface FeesAnswer {
  height: number
  baseFeePerByte: string
  nextBlock: FeeQuoteAnswer
  fast: FeeQuoteAnswer
  economy: FeeQuoteAnswer
}

/** POST /v1/txs, 202 */
export interface TxSubmittedAnswer {
  hash: string
  status: string
  queued?: boolean
  replaced?: string
}

/** GET /v1/txs/{hash} without tx and proof, and the WebSocket's tx events. */
export interface TxStatusAnswer {
  hash: string
  status: 'unknown' | 'pending' | 'included' | 'final' | 'replaced' | 'dropped'
  height?: number
  index?: number
  blockHash?: string
  error?: string | null
  queued?: boolean
  reason?: string
  replacedBy?: string
}

/** A u64 field given as a decimal string. */
export function answerU64(text: unknown, what: string): bigint {
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text) || BigInt(text) >= 1n << 64n) {
    throw new WalletError(
      'BAD_ANSWER',
      `the node's ${what} is not a u64 in decimal: ${String(text)}`,
    )
  }
  return BigInt(text)
}

/** A bytes field given as hex, of `length` bytes when given. */
export function answerHex(text: unknown, what: string, length?: number): Uint8Array {
  if (
    typeof text !== 'string' ||
    !/^(?:[0-9a-f]{2})*$/i.test(text) ||
    (length !== undefined && text.length !== 2 * length)
  ) {
    throw new WalletError(
      'BAD_ANSWER',
      `the node's ${what} is not ${length === undefined ? '' : `${length} bytes of `}hex: ${String(text)}`,
    )
  }
  return Uint8Array.from(Buffer.from(text, 'hex'))
}

/** GET /v1/peers, the parts `weft peers` shows. */
export interface PeersAnswer {
  count: number
  peers: { peerId: string; address: string; transport: string; direction: string; score: number }[]
  reputations: {
    peerId: string
    score: number
    connected: boolean
    banned: { until: number; offences: number; reason: string } | null
    reasons: { at: number; event: string; times: number; delta: number; detail?: string }[]
  }[]
}
