// /weft/faucet/1.0.0 (docs/network.md): devnet coins for an address, from a node that runs a
// faucet (only those list the protocol). The node's limits are the same as for its HTTP faucet,
// counted together, and also per peer: answers say RATE_LIMITED with when to ask again.
import type { Libp2p } from '@libp2p/interface'
import { FrameWriter } from '@weft/wasm'
import { type ProtocolLimits, sendRequest } from '../protocols/request-response.ts'
import { type Answer, checkLength, decodeAnswer, decodeFrame, encodeOk } from './answer-frame.ts'
import { toBytes } from './consensus-message.ts'

export const FAUCET_PROTOCOL = '/weft/faucet/1.0.0'

export const FAUCET_LIMITS: ProtocolLimits = {
  maxRequestBytes: 32,
  maxResponseBytes: 1024,
  timeoutMs: 10_000,
}

const ADDRESS_BYTES = 20
const HASH_BYTES = 32

export interface FaucetPaid {
  /** The id of the faucet's transfer, now in the node's pool. */
  txId: Uint8Array
  /** Base units it pays. */
  amount: bigint
  /** The faucet's own 20-byte address. */
  from: Uint8Array
}

/** The request is the 20-byte address to pay, nothing else. */
export function encodeFaucetRequest(q: { address: Uint8Array }): Uint8Array {
  return toBytes(new FrameWriter().raw(checkLength(q.address, ADDRESS_BYTES, 'address')))
}

export function decodeFaucetRequest(data: Uint8Array): { address: Uint8Array } {
  return decodeFrame(data, (r) => ({ address: r.fixed(ADDRESS_BYTES) }))
}

/** OK | txId [32] | amount u64 | from [20]. */
export function encodeFaucetPaid(p: FaucetPaid): Uint8Array {
  return encodeOk((w) =>
    w
      .raw(checkLength(p.txId, HASH_BYTES, 'txId'))
      .u64(p.amount)
      .raw(checkLength(p.from, ADDRESS_BYTES, 'from')),
  )
}

export function decodeFaucetAnswer(data: Uint8Array): Answer<FaucetPaid> {
  return decodeAnswer(data, (r) => ({
    txId: r.fixed(HASH_BYTES),
    amount: r.u64(),
    from: r.fixed(ADDRESS_BYTES),
  }))
}

/**
 * Asks `peer`'s faucet to pay `address`. A peer without a faucet does not serve the protocol:
 * that is a ProtocolError REFUSED, like a timeout or a reset; a bad answer is a MessageFormatError.
 */
export async function requestFaucet(
  node: Pick<Libp2p, 'dialProtocol'>,
  peer: Parameters<Libp2p['dialProtocol']>[0],
  q: { address: Uint8Array },
): Promise<Answer<FaucetPaid>> {
  return decodeFaucetAnswer(
    await sendRequest(node, peer, FAUCET_PROTOCOL, encodeFaucetRequest(q), FAUCET_LIMITS),
  )
}
