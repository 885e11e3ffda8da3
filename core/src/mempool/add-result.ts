// The answer to `Mempool.add`: admitted, or a stable code saying why not. A submission's problem
// is returned, never thrown, so a host can hand it to the submitter unchanged.

export type AddRejectionCode =
  /** The bytes are not a transaction (the core's DecodeError.*, TxError.Malformed, TxError.TooLarge). */
  | 'MALFORMED'
  /** The core refused it; `reason` is its name (TxError.BadSignature, TxError.CannotPayFee…). */
  | 'INVALID'
  /** Max fee below the next base fee, or effective tip below the pool's current minimum. */
  | 'FEE_TOO_LOW'
  /** Same sender and nonce as a pooled transaction without raising both fee fields enough. */
  | 'REPLACEMENT_UNDERPRICED'
  /** The sender already has as many transactions in the pool as it may. */
  | 'ACCOUNT_FULL'
  /** The pool is full of transactions paying at least as much. */
  | 'POOL_FULL'
  /** The nonce is already used on chain. */
  | 'NONCE_TOO_LOW'
  /** The nonce is further ahead of the account's next nonce than the pool will wait for. */
  | 'NONCE_TOO_FAR'
  /** The sender already has as many future-nonce transactions waiting as it may. */
  | 'QUEUE_FULL'
  /** This exact transaction is already pooled, or already included. */
  | 'ALREADY_KNOWN'
  /** The node could not validate it now (its core or storage failed); the transaction may be fine. */
  | 'INTERNAL'

export interface AddAccepted {
  ok: true
  /** Lower-case hex of the transaction id. */
  id: string
  /** True when it waits behind a nonce gap or for the base fee instead of being pending now. */
  queued: boolean
  /** The id of the transaction it replaced, if any. */
  replaced?: string
}

export interface AddRejected {
  ok: false
  code: AddRejectionCode
  message: string
  /** The core's reason where it gave one (`TxError.*`, `DecodeError.*`). */
  reason?: string
}

export type AddResult = AddAccepted | AddRejected

export function reject(code: AddRejectionCode, message: string, reason?: string): AddRejected {
  return reason === undefined ? { ok: false, code, message } : { ok: false, code, message, reason }
}
