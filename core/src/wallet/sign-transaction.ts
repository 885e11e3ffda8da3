// Signing a transaction in any host: the core builds the digest (sign_digest("tx", chain id,
// body)) and the encoding, the account key signs, and the core's stateless check must accept the
// result before anyone sends it (docs/protocol/transactions.md §1.1).
import type { ChainCodec, Transaction } from '@weft/wasm'
import type { AccountKey } from './account-key.ts'
import { SigningError } from './errors.ts'

/** The part of a loaded core that signing needs. */
export interface SigningCore {
  chain: Pick<ChainCodec, 'transactionSignDigest' | 'encodeTransaction' | 'checkTransaction'>
}

/** A transaction to sign; `sender` defaults to the signing key's public key. */
export type UnsignedTransaction = Omit<Transaction, 'sender' | 'signature'> & {
  sender?: Uint8Array
}

export interface SignedTransaction {
  tx: Transaction
  /** The canonical encoding, ready to submit. */
  bytes: Uint8Array
  /** SHA-256 of the bytes: the transaction's id. */
  id: Uint8Array
}

export function signTransaction(
  core: SigningCore,
  chainId: string,
  unsigned: UnsignedTransaction,
  key: AccountKey,
): SignedTransaction {
  const sender = unsigned.sender ?? key.publicKey
  if (!equalBytes(sender, key.publicKey)) {
    throw new SigningError(
      'WRONG_SENDER',
      `the transaction's sender is not account ${key.index}'s public key`,
    )
  }
  // A signature the caller left on the object (re-signing a replacement) is never reused.
  const body: Transaction = { ...unsigned, sender: key.publicKey, signature: undefined }
  const signature = key.sign(core.chain.transactionSignDigest(chainId, body))
  const tx: Transaction = { ...body, signature }
  const bytes = core.chain.encodeTransaction(tx)
  const check = core.chain.checkTransaction(bytes, chainId)
  if (!check.ok) {
    throw new SigningError(
      'REFUSED_BY_CORE',
      `the core refuses this transaction: ${check.reason} (docs/protocol/transactions.md §1.1)`,
      check.reason,
    )
  }
  return { tx, bytes, id: check.id }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i])
}
