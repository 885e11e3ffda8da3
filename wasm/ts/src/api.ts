// What @weft/wasm offers on every platform; index.ts (Node) and index.browser.ts add loading.
export {
  type Admission,
  BlockEngine,
  type BlockOutcome,
  BlockRejectedError,
  type BuildRequest,
  type BuiltBlock,
  type ChainRecord,
  type GenesisState,
  type Receipt,
  type RunAdmission,
  type TxProof,
  type ValidateRequest,
} from './blocks.ts'
export {
  ChainCodec,
  type Transaction,
  type TransactionCheck,
  type TransactionKind,
} from './chain.ts'
export { MAX_INPUT_BYTES } from './check.ts'
export {
  type CheckResult,
  type ConsensusInit,
  ConsensusMachine,
  ConsensusRules,
  type ConsensusTimeouts,
  DEFAULT_MAX_VALIDATORS,
  DEFAULT_TIMEOUTS,
  type HeightStart,
  type MessageOutcome,
  type NextHeightStart,
  type Signer,
  SignGuard,
  type Step,
  type VoteKind,
} from './consensus.ts'
export type {
  Action,
  BroadcastProposal,
  BroadcastVote,
  ConflictingCommits,
  Decide,
  EvidenceFound,
  RequestProposalBlock,
  RequestValidity,
  ScheduleTimeout,
  SigningAction,
  TimeoutKind,
} from './consensus-actions.ts'
export { ABI_VERSION, type BatchResult, type SignedMessage, WeftCore } from './core.ts'
export { WeftCoreError, WeftInputError, WeftWasmError } from './errors.ts'
export { FrameReader, FrameWriter } from './frame.ts'
export {
  type BisectionStep,
  DEFAULT_MAX_CLOCK_DRIFT_MS,
  LightBisection,
  type LightOptions,
  type TrustedLightBlock,
  type WitnessCheck,
} from './light.ts'
export {
  EMPTY_ROOT,
  MemoryNodeStore,
  type NodeStore,
  type ProofCheck,
  type StateNode,
  StateTree,
  type StateTreeOptions,
  type StateUpdate,
  type StateWrite,
} from './state.ts'
export {
  VerifiedSignatures,
  type VerifiedSignaturesOptions,
} from './verified-signatures.ts'
export type * from './view-types.ts'
export {
  type IdentifiedViewKind,
  ObjectCodec,
  type SignedViewKind,
  VIEW_KINDS,
} from './views.ts'
