// What the mempool asks of the consensus core. Every rule about a transaction's validity lives
// in the core (docs/protocol/transactions.md §1); the pool only orders, bounds and forgets.

/** The fields the pool needs from a transaction that passed the core's context-free checks. */
export interface DecodedTx {
  /** SHA-256 of the encoding, 32 bytes. */
  id: Uint8Array
  /** The sender's 20-byte address (the core's `Address(public key)`). */
  sender: Uint8Array
  nonce: bigint
  maxFeePerByte: bigint
  tipPerByte: bigint
}

/**
 * The core's stateless verdict: the decoded transaction, or the core's reason it can never be
 * valid — `TxError.Malformed`, `TxError.TooLarge`, `TxError.BadSignature`, `TxError.TipAboveMaxFee`…
 */
export type DecodeOutcome = DecodedTx | { error: string }

/** The core's stateful verdict for one transaction; `reason` is a name like `TxError.CannotPayFee`. */
export type AdmitVerdict =
  | { ok: true; feeBurned: bigint; tip: bigint }
  | { ok: false; reason: string }

/**
 * The consensus core as the mempool uses it, always answering against the node's current head
 * (the state after the last committed block, with that state's next base fee).
 *
 * The host wires this to `@weft/wasm`: `decode` is decodeTransaction + checkTransaction with
 * `sender` mapped through addressOf; `admit` executes `ahead` then `tx` in a scratch overlay of the
 * head state, all three check tiers on each, the way the block builder does. The pool calls
 * `admit` for one sender with a growing `ahead` (its earlier transactions, nonce order), so an
 * adapter may keep the overlay of the last prefix instead of replaying it.
 *
 * A method that throws is taken as "the node cannot answer now" — never as a verdict on the
 * transaction.
 */
export interface MempoolValidator {
  decode(bytes: Uint8Array): DecodeOutcome
  /**
   * Whether `tx` could be included right after `ahead` (the same sender's transactions at the
   * nonces just before it, each assumed admissible) in the next block. A rejection of one of
   * `ahead` may be reported as the answer.
   */
  admit(tx: Uint8Array, ahead: readonly Uint8Array[]): AdmitVerdict
  /**
   * Optional: `admit` for a run of the sender's next transactions in one question — the verdict
   * for each of `txs` in turn, after `ahead` and the ones before it, stopping after the first
   * refusal. The pool re-admits a sender's k pooled transactions after every block; one run
   * costs k executions where k calls to `admit` would replay k²/2.
   */
  admitRun?(txs: readonly Uint8Array[], ahead: readonly Uint8Array[]): AdmitVerdict[]
  /** The sender's next nonce at the head (0 for a never-used account). */
  accountNonce(sender: Uint8Array): bigint
  /** The base fee per byte the next block will charge. */
  baseFeePerByte(): bigint
}

/** Core reasons after which a transaction waits (it may become valid) rather than being dropped. */
export const WAIT_REASONS: ReadonlySet<string> = new Set([
  'TxError.FeeBelowBase',
  'TxError.NonceTooHigh',
])

/** Core reasons that mean the bytes are not a transaction at all. */
export function isMalformedReason(reason: string): boolean {
  return (
    reason.startsWith('DecodeError.') ||
    reason === 'TxError.Malformed' ||
    reason === 'TxError.TooLarge'
  )
}
