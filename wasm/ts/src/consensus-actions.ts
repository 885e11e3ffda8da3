// What the consensus state machine asks of its host (docs/protocol/consensus.md §3), read from
// the frame the core writes (wasm/src/abi/action_frame.hpp): one typed action per entry,
// discriminated by `type`. Objects stay in their canonical encodings.
import { WeftWasmError } from './errors.ts'
import { FrameReader } from './frame.ts'

export type TimeoutKind = 'propose' | 'prevote' | 'precommit'

/** Sign `proposal` (after the sign guard approved `record` and the host persisted it), send it. */
export interface BroadcastProposal {
  type: 'broadcastProposal'
  /** The proposal's canonical encoding, signature zero. */
  proposal: Uint8Array
  /** The LastSigned record to approve and persist before signing. */
  record: Uint8Array
  /** The 32 bytes to sign: sign_digest("proposal", chain id, body). */
  signDigest: Uint8Array
}

/** Sign `vote` (after the sign guard approved `record` and the host persisted it), send it. */
export interface BroadcastVote {
  type: 'broadcastVote'
  /** The vote's canonical encoding, signature zero. */
  vote: Uint8Array
  record: Uint8Array
  /** The 32 bytes to sign: sign_digest("prevote" | "precommit", chain id, body). */
  signDigest: Uint8Array
}

/** Call onTimeout(kind, height, round) after durationMs. */
export interface ScheduleTimeout {
  type: 'scheduleTimeout'
  kind: TimeoutKind
  height: bigint
  round: number
  durationMs: number
}

/** Validate this block (fetching it if needed) and answer with onBlockValidity. */
export interface RequestValidity {
  type: 'requestValidity'
  height: bigint
  block: Uint8Array
}

/** This node proposes the round: build a block and answer with onProposalBlock. */
export interface RequestProposalBlock {
  type: 'requestProposalBlock'
  height: bigint
  round: number
}

/** The height is decided: commit `block` with `commit`, then start the next height. */
export interface Decide {
  type: 'decide'
  height: bigint
  round: number
  block: Uint8Array
  /** The commit's canonical encoding: the precommits the machine counted. */
  commit: Uint8Array
}

/** A validator equivocated: gossip the duplicate-vote evidence and include it in a block. */
export interface EvidenceFound {
  type: 'evidenceFound'
  evidence: Uint8Array
}

/** Fatal: two commits for one height. Halt and surface both. */
export interface ConflictingCommits {
  type: 'conflictingCommits'
  decided: Uint8Array
  conflicting: Uint8Array
}

export type Action =
  | BroadcastProposal
  | BroadcastVote
  | ScheduleTimeout
  | RequestValidity
  | RequestProposalBlock
  | Decide
  | EvidenceFound
  | ConflictingCommits

/** The actions that carry something to sign. */
export type SigningAction = BroadcastProposal | BroadcastVote

export const TIMEOUT_KINDS: readonly TimeoutKind[] = ['propose', 'prevote', 'precommit']
const HASH_BYTES = 32

function readAction(r: FrameReader): Action {
  const tag = r.u8()
  switch (tag) {
    case 1:
      return {
        type: 'broadcastProposal',
        proposal: r.bytes(),
        record: r.bytes(),
        signDigest: r.fixed(HASH_BYTES),
      }
    case 2:
      return {
        type: 'broadcastVote',
        vote: r.bytes(),
        record: r.bytes(),
        signDigest: r.fixed(HASH_BYTES),
      }
    case 3: {
      const kind = TIMEOUT_KINDS[r.u8() - 1]
      if (kind === undefined) break
      return {
        type: 'scheduleTimeout',
        kind,
        height: r.u64(),
        round: r.u32(),
        durationMs: Number(r.u64()),
      }
    }
    case 4:
      return { type: 'requestValidity', height: r.u64(), block: r.fixed(HASH_BYTES) }
    case 5:
      return { type: 'requestProposalBlock', height: r.u64(), round: r.u32() }
    case 6:
      return {
        type: 'decide',
        height: r.u64(),
        round: r.u32(),
        block: r.fixed(HASH_BYTES),
        commit: r.bytes(),
      }
    case 7:
      return { type: 'evidenceFound', evidence: r.bytes() }
    case 8:
      return { type: 'conflictingCommits', decided: r.bytes(), conflicting: r.bytes() }
  }
  throw new WeftWasmError('LOAD_FAILED', `weft_core.wasm sent action tag ${tag}; rebuild it`)
}

/** The actions of one frame, in the order the machine produced them. */
export function readActions(frame: Uint8Array): Action[] {
  const r = new FrameReader(frame)
  const count = r.varint()
  const actions: Action[] = []
  for (let i = 0; i < count; i++) actions.push(readAction(r))
  r.end()
  return actions
}
