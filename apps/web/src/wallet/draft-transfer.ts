// A transfer before it is signed: the transaction, its size (the core's encoding, whose length
// does not depend on the signature's value) and the most it can cost. Funds are checked here,
// against the verified balance, so an unaffordable transfer is refused before anything is signed.
import type { UnsignedTransaction } from '@weft/core'
import type { WeftCore } from '@weft/wasm'
import { formatWeft } from '../format/weft-amount.ts'
import type { FeeQuote } from '../net/node-api.ts'

export interface TransferDraft {
  tx: UnsignedTransaction
  size: bigint
  /** maxFeePerByte × size: what the fee can reach (the base fee is burned, the tip paid). */
  maxFee: bigint
  /** amount + maxFee: what the balance must hold. */
  total: bigint
}

/** The verified balance cannot pay amount + the highest fee; nothing was signed. */
export class InsufficientFundsError extends Error {
  override readonly name = 'InsufficientFundsError'
  readonly code = 'INSUFFICIENT_FUNDS'
}

/** The balance has not been proven yet, so nothing can be checked against it. */
export class UnverifiedBalanceError extends Error {
  override readonly name = 'UnverifiedBalanceError'
}

export function draftTransfer(
  core: WeftCore,
  input: { sender: Uint8Array; nonce: bigint; to: Uint8Array; amount: bigint; fee: FeeQuote },
): TransferDraft {
  const tx: UnsignedTransaction = {
    kind: 'transfer',
    sender: input.sender,
    nonce: input.nonce,
    maxFeePerByte: input.fee.maxFeePerByte,
    tipPerByte: input.fee.tipPerByte,
    to: input.to,
    amount: input.amount,
  }
  const size = BigInt(core.chain.encodeTransaction({ ...tx, sender: input.sender }).length)
  const maxFee = input.fee.maxFeePerByte * size
  return { tx, size, maxFee, total: input.amount + maxFee }
}

export function checkFunds(draft: TransferDraft, balance: bigint): void {
  if (balance >= draft.total) return
  throw new InsufficientFundsError(
    `Insufficient funds: sending ${formatWeft(draft.tx.amount)} WEFT with a fee of up to ${formatWeft(draft.maxFee)} WEFT needs ${formatWeft(draft.total)} WEFT; the verified balance is ${formatWeft(balance)} WEFT. Nothing was signed.`,
  )
}
