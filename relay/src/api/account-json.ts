// An account as the API shows it: balance and nonce at the head, with the state proof a light
// client checks against the head's state root (core.verifyStateProof(root, key, value, proof)).
import { formatAddress } from '@weft/core'
import { proveAccount } from '../chain/proofs.ts'
import type { Head } from '../storage/chain-store.ts'
import type { NodeView } from './node-view.ts'
import { hex } from './tx-json.ts'

export interface AccountJson {
  address: string
  balance: bigint
  nonce: bigint
  /**
   * The nonce for the account's next transaction: `nonce` past its transactions waiting in this
   * node's pool. The node's word, not proven: a wallet sending again before its last is final.
   */
  pendingNonce: bigint
  /** False for an address no transaction has touched: balance and nonce 0, a proof of absence. */
  exists: boolean
  /** The height and state root the answer and its proof are about. */
  height: number
  root: string
  /** The account record's state key, and its canonical value (null when absent). */
  key: string
  value: string | null
  proof: string
}

export function readAccount(
  node: NodeView,
  address: Uint8Array,
  head: Head = node.chain.head,
): AccountJson {
  const { key, value, proof } = proveAccount(node.chain, address, head.root)
  const account = value === undefined ? undefined : node.core.views.decode('account', value)
  return {
    address: formatAddress(address),
    balance: account?.balance ?? 0n,
    nonce: account?.nonce ?? 0n,
    pendingNonce: node.mempool.nextNonce(address),
    exists: account !== undefined,
    height: head.height,
    root: hex(head.root),
    key: hex(key),
    value: value === undefined ? null : hex(value),
    proof: hex(proof),
  }
}
