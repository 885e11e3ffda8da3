// What a light client tells its host: new verified heads, a conflict that halted it, storage it
// refused to trust, and peers it stopped relying on. The wallet shows the conflict to the user.
import type { PeerName } from './transport.ts'

/** A header the client verified, through the core, from its trust anchor. */
export interface VerifiedHead {
  height: number
  blockId: Uint8Array
  /** The header's time, ms since the Unix epoch. */
  time: number
  stateRoot: Uint8Array
  /** The light block (header, commit, validator set) in its canonical encoding. */
  lightBlock: Uint8Array
}

/**
 * A witness showed a header at `height` that differs from the primary's and also verifies
 * from the block both were verified from: one of them serves a fork signed by validators the
 * client trusted. `evidence` is the core's light-client attack evidence (version 1, kind 2).
 */
export interface ConflictDetected {
  height: number
  /** The trusted height both headers were verified from. */
  commonHeight: number
  primary: PeerName
  witness: PeerName
  /** The block id the primary's header has, and the witness's. */
  primaryBlockId: Uint8Array
  witnessBlockId: Uint8Array
  evidence: Uint8Array
  /** When the client saw it, ms since the Unix epoch (the host's clock). */
  detectedAt: number
}

export type StoreDiscardReason =
  /** The record's checksum does not match its bytes (corruption, or an edit). */
  | 'CHECKSUM'
  /** The record does not decode. */
  | 'MALFORMED'
  /** It was saved for another chain, or from another anchor than the config now names. */
  | 'OTHER_ANCHOR'
  /** A block in it failed the core's verification: the reason says which check. */
  | 'UNVERIFIED'
  /** Its newest block is older than the trusting period. */
  | 'EXPIRED'

export type HeadSource = 'anchor' | 'resume' | 'sync' | 'gossip'

export type LightClientEvent =
  | { type: 'head'; head: VerifiedHead; source: HeadSource }
  | { type: 'conflict'; conflict: ConflictDetected }
  | { type: 'storeDiscarded'; reason: StoreDiscardReason; detail: string }
  | { type: 'witnessReplaced'; peer: PeerName; reason: string }
  | { type: 'primaryReplaced'; peer: PeerName; reason: string }

export type LightClientListener = (event: LightClientEvent) => void
