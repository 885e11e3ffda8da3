// The views of the chain objects as TypeScript holds them (docs/protocol/views.md): the core's
// JSON views with byte fields as Uint8Array (hex on the wire), u64 fields as bigint, u32 and u16
// fields as number, and values a variant leaves unset as null.

/** A transfer moves `amount` to the 20-byte address `to`. */
export interface TransferView extends TransactionFields {
  kind: 'transfer'
  to: Uint8Array
  validator: null
}

/** Stake and unstake move `amount` into or out of the bond of the validator with that key. */
export interface StakingView extends TransactionFields {
  kind: 'stake' | 'unstake'
  to: null
  validator: Uint8Array
}

interface TransactionFields {
  /** The sender's Ed25519 public key, 32 bytes. */
  sender: Uint8Array
  nonce: bigint
  maxFeePerByte: bigint
  tipPerByte: bigint
  amount: bigint
  /** 64 bytes; zeros while unsigned. */
  signature: Uint8Array
}

export type TransactionView = TransferView | StakingView

export interface HeaderView {
  chainId: string
  height: bigint
  /** Milliseconds since the Unix epoch. */
  time: bigint
  previousBlock: Uint8Array
  lastCommitHash: Uint8Array
  txRoot: Uint8Array
  stateRoot: Uint8Array
  validatorsHash: Uint8Array
  nextValidatorsHash: Uint8Array
  /** The proposer's 20-byte address. */
  proposer: Uint8Array
  baseFeePerByte: bigint
  evidenceHash: Uint8Array
}

export interface BlockView {
  header: HeaderView
  /** Each transaction's canonical bytes (decode one with the 'transaction' kind). */
  txs: Uint8Array[]
  evidence: EvidenceView[]
  lastCommit: CommitView
}

export interface ReceiptView {
  txId: Uint8Array
  /** null when applied; otherwise the execution-tier reason, spelled as WeftCoreError codes. */
  error: `TxError.${string}` | null
  feeBurned: bigint
  tip: bigint
}

export interface ParamsView {
  maxBlockBytes: number
  maxTxBytes: number
  maxValidators: number
  unbondingBlocks: bigint
  blockReward: bigint
  initialBaseFeePerByte: bigint
  minBaseFeePerByte: bigint
  timeoutProposeMs: number
  timeoutProposeDeltaMs: number
  timeoutPrevoteMs: number
  timeoutPrevoteDeltaMs: number
  timeoutPrecommitMs: number
  timeoutPrecommitDeltaMs: number
  timeoutCommitMs: number
  trustingPeriodMs: bigint
  slashFractionBps: number
  jailBlocks: bigint
}

export interface GenesisAccountView {
  address: Uint8Array
  balance: bigint
}

export interface GenesisValidatorView {
  publicKey: Uint8Array
  stake: bigint
}

export interface GenesisView {
  chainId: string
  genesisTime: bigint
  params: ParamsView
  /** Strictly ascending by address. */
  accounts: GenesisAccountView[]
  /** Strictly ascending by public key. */
  validators: GenesisValidatorView[]
}

export interface AccountView {
  balance: bigint
  nonce: bigint
}

export type VoteType = 'prevote' | 'precommit'

export interface VoteView {
  type: VoteType
  height: bigint
  round: number
  /** The block id voted for, or null for nil. */
  block: Uint8Array | null
  validatorIndex: number
  signature: Uint8Array
}

export interface ProposalView {
  height: bigint
  round: number
  /** The proof-of-lock round (below `round`), or null. */
  polRound: number | null
  block: Uint8Array
  signature: Uint8Array
}

export interface CommitSignatureView {
  validatorIndex: number
  signature: Uint8Array
}

export interface CommitView {
  height: bigint
  round: number
  block: Uint8Array
  /** Strictly ascending by validator index. */
  signatures: CommitSignatureView[]
}

export interface EvidenceView {
  kind: 'duplicateVote'
  /** The vote whose encoding sorts first. */
  voteA: VoteView
  voteB: VoteView
}

export interface ValidatorView {
  publicKey: Uint8Array
  power: bigint
}

export interface ValidatorSetView {
  /** Power descending, then public key ascending; a validator's index is its position. */
  members: ValidatorView[]
}

export type SignedStep = 'proposal' | 'prevote' | 'precommit'

/** The sign guard's record of the last signature (host storage, not a network object). */
export interface LastSignedView {
  height: bigint
  round: number
  step: SignedStep
  block: Uint8Array | null
  polRound: number | null
  lockedRound: number | null
  lockedBlock: Uint8Array | null
  validRound: number | null
  validBlock: Uint8Array | null
}

export interface LightBlockView {
  header: HeaderView
  commit: CommitView
  /** The set that signed `commit`. */
  validators: ValidatorSetView
}

export type StateProofKind = 'inclusion' | 'emptySubtree' | 'otherLeaf'

export interface StateProofView {
  kind: StateProofKind
  depth: number
  /** ceil(depth / 8) bytes: bit i (most significant first) is set when sibling i is not empty. */
  bitmap: Uint8Array
  /** The non-empty siblings, shallowest first, 32 bytes each. */
  siblings: Uint8Array[]
  /** For 'otherLeaf' proofs, the leaf the key's path ends at; null otherwise. */
  otherKey: Uint8Array | null
  otherValueHash: Uint8Array | null
}

/** Each kind's view, so decode('vote', bytes) is a VoteView. */
export interface ViewTypes {
  transaction: TransactionView
  header: HeaderView
  block: BlockView
  receipt: ReceiptView
  genesis: GenesisView
  account: AccountView
  vote: VoteView
  proposal: ProposalView
  commit: CommitView
  evidence: EvidenceView
  validatorSet: ValidatorSetView
  lastSigned: LastSignedView
  lightBlock: LightBlockView
  stateProof: StateProofView
}

export type ViewKind = keyof ViewTypes
