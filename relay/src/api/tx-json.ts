// A transaction as the API shows it: the core's view with the sender's and recipient's
// `weft1…` addresses beside the raw keys, and its hash (the transaction id).
import { formatAddress } from '@weft/core'
import type { WeftCore } from '@weft/wasm'

export interface TxJson {
  hash: string
  kind: 'transfer' | 'stake' | 'unstake'
  /** The sender's account, derived from its public key. */
  from: string
  /** The sender's Ed25519 public key. */
  sender: Uint8Array
  /** Transfers: the recipient's account. */
  to: string | null
  /** Stake and unstake: the validator's public key. */
  validator: Uint8Array | null
  nonce: bigint
  amount: bigint
  maxFeePerByte: bigint
  tipPerByte: bigint
  size: number
  signature: Uint8Array
}

export function txJson(core: WeftCore, bytes: Uint8Array): TxJson {
  const view = core.views.decode('transaction', bytes)
  return {
    hash: hex(core.views.id('transaction', bytes)),
    kind: view.kind,
    from: formatAddress(core.chain.addressOf(view.sender)),
    sender: view.sender,
    to: view.to === null ? null : formatAddress(view.to),
    validator: view.validator,
    nonce: view.nonce,
    amount: view.amount,
    maxFeePerByte: view.maxFeePerByte,
    tipPerByte: view.tipPerByte,
    size: bytes.length,
    signature: view.signature,
  }
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
