// Errors a light client's host may handle, each with a stable code. A conflict between the
// primary and a witness is its own class: it carries what the user is shown and the evidence.
import type { ConflictDetected } from './events.ts'

export type LightClientErrorCode =
  /** The configured genesis does not hash to the configured genesis hash. */
  | 'GENESIS_MISMATCH'
  /** The config is missing a value or holds one out of range; the message names it. */
  | 'BAD_CONFIG'
  /** The checkpoint's header is older than the trusting period: it can vouch for nothing. */
  | 'CHECKPOINT_EXPIRED'
  /** The trusted block expired (block 1 of an old chain, or a client left closed too long). */
  | 'TRUST_EXPIRED'
  /** No peer is connected, or every one has been excluded. */
  | 'NO_PEERS'
  /** No peer served what was needed (the anchor, a light block, a proof, an index). */
  | 'UNSERVED'
  /** What peers served could not be verified; the message says why for each. */
  | 'UNVERIFIED'
  /** Fewer witnesses than required answered the cross-check; the head was not adopted. */
  | 'NOT_ENOUGH_WITNESSES'
  /** The header is older than every trusted block within the trusting period. */
  | 'TOO_OLD'
  /** A method that needs a started client was called before start(). */
  | 'NOT_STARTED'
  /** The client halted on a conflict; see ConflictHaltedError. */
  | 'HALTED'

export class LightClientError extends Error {
  override readonly name: string = 'LightClientError'
  readonly code: LightClientErrorCode

  constructor(code: LightClientErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/**
 * The client halted because a witness showed a header that conflicts with its primary's and
 * that also verifies: sending stays refused until a person resolves it (resolveConflict()).
 */
export class ConflictHaltedError extends LightClientError {
  override readonly name = 'ConflictHaltedError'
  readonly conflict: ConflictDetected

  constructor(conflict: ConflictDetected) {
    super(
      'HALTED',
      `halted: peers ${conflict.primary} and ${conflict.witness} showed conflicting headers at height ${conflict.height}`,
    )
    this.conflict = conflict
  }
}
