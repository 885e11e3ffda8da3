// @weft/core: isomorphic TypeScript over the consensus core — protocols, the mempool and the
// wallet primitives, and later sync and the light client. No DOM, no Node-only API: hosts inject
// transports and clocks.

export {
  ADDRESS_BYTES,
  ADDRESS_PREFIX,
  AddressError,
  type AddressErrorCode,
  formatAddress,
  isAddress,
  parseAddress,
} from './chain/address.ts'
export { type AnchorCheck, checkAnchor } from './light-client/anchor.ts'
export {
  type ChainTrust,
  type Checkpoint,
  chainTrust,
  type LightClientConfig,
} from './light-client/config.ts'
export {
  DEFAULT_CROSS_CHECK_EVERY_HEIGHTS,
  DEFAULT_MIN_WITNESSES,
  DEFAULT_SAVE_EVERY_HEIGHTS,
  DEFAULT_VERIFIED_CACHE_BLOCKS,
} from './light-client/constants.ts'
export {
  ConflictHaltedError,
  LightClientError,
  type LightClientErrorCode,
} from './light-client/errors.ts'
export type {
  ConflictDetected,
  HeadSource,
  LightClientEvent,
  LightClientListener,
  StoreDiscardReason,
  VerifiedHead,
} from './light-client/events.ts'
export {
  IndexedDbTrustedStore,
  type IndexedDbTrustedStoreInit,
} from './light-client/indexeddb-store.ts'
export {
  type Libp2pLightTransportInit,
  libp2pLightTransport,
} from './light-client/libp2p-transport.ts'
export {
  type FinalizedInput,
  type FinalizedOutcome,
  LightClient,
  type LightClientComponents,
  type LightClientInit,
  lightClient,
} from './light-client/light-client.ts'
export type { LightClientTransport, PeerName } from './light-client/transport.ts'
export type { StoredTrustedState } from './light-client/trusted-record.ts'
export { MemoryTrustedStore, type TrustedStore } from './light-client/trusted-store.ts'
export type {
  ReportedHistory,
  ReportedTx,
  TxInclusion,
  VerifiedAccount,
} from './light-client/verified-queries.ts'
export type {
  AddAccepted,
  AddRejected,
  AddRejectionCode,
  AddResult,
} from './mempool/add-result.ts'
export {
  DEFAULT_ACCOUNT_SLOTS,
  DEFAULT_FEE_HISTORY_BLOCKS,
  DEFAULT_MAX_AGE_MS,
  DEFAULT_MAX_BLOCK_BYTES,
  DEFAULT_MAX_FEE_BASE_MULTIPLIER,
  DEFAULT_MAX_POOL_BYTES,
  DEFAULT_MAX_QUEUED_PER_ACCOUNT,
  DEFAULT_MIN_TIP_INCREMENT_PER_BYTE,
  DEFAULT_MIN_TIP_PER_BYTE,
  DEFAULT_REPLACEMENT_BUMP_PERCENT,
  DEFAULT_STATUS_HISTORY,
  DROP_REASONS,
  FEE_LEVELS,
} from './mempool/constants.ts'
export {
  clearingTip,
  estimateFees,
  type FeeEstimateInput,
  type FeeEstimates,
  FeeHistory,
  type FeeLevel,
  type FeeQuote,
  type PendingDemand,
} from './mempool/fee-estimator.ts'
export {
  effectiveTipPerByte,
  percentile,
  raisedBy,
  raisedMinimum,
} from './mempool/fee-math.ts'
export {
  type BlockOutcome,
  type CommittedBlock,
  Mempool,
  type MempoolComponents,
  type MempoolEvent,
  type MempoolInit,
  type MempoolListener,
  type MempoolStats,
  type MempoolTx,
  mempool,
} from './mempool/mempool.ts'
export { MempoolConfigError } from './mempool/mempool-errors.ts'
export { TX_STATUSES, type TxStatus, type TxStatusReport } from './mempool/status.ts'
export type {
  AdmitVerdict,
  DecodedTx,
  DecodeOutcome,
  MempoolValidator,
} from './mempool/validator.ts'
export {
  ANSWER_STATUS,
  type Answer,
  type AnswerStatus,
  encodeRefusal,
  MAX_REFUSAL_MESSAGE_BYTES,
  type Refusal,
  type RefusalStatus,
} from './net/answer-frame.ts'
export {
  BLOCKS_LIMITS,
  BLOCKS_PROTOCOL,
  BLOCKS_RESPONSE_SOFT_BYTES,
  type BlocksRequest,
  type BlockWithCommit,
  type ChainStatus,
  decodeBlocksRequest,
  decodeBlocksResponse,
  decodeStatus,
  encodeBlocksRequest,
  encodeBlocksResponse,
  encodeStatus,
  MAX_BLOCKS_PER_REQUEST,
  STATUS_LIMITS,
  STATUS_PROTOCOL,
} from './net/chain-protocols.ts'
export {
  type ConsensusMessage,
  decodeConsensusMessage,
  decodeFinalizedBlock,
  encodeConsensusMessage,
  encodeFinalizedBlock,
  type FinalizedBlock,
  MessageFormatError,
} from './net/consensus-message.ts'
export {
  decodeFaucetAnswer,
  decodeFaucetRequest,
  encodeFaucetPaid,
  encodeFaucetRequest,
  FAUCET_LIMITS,
  FAUCET_PROTOCOL,
  type FaucetPaid,
  requestFaucet,
} from './net/faucet-protocol.ts'
export { GOSSIP_SIGNATURE_POLICY, gossipMessageId } from './net/gossip-config.ts'
export {
  decodeHeadersRequest,
  decodeHeadersResponse,
  encodeHeadersRequest,
  encodeHeadersResponse,
  HEADERS_LIMITS,
  HEADERS_PROTOCOL,
  HEADERS_RESPONSE_SOFT_BYTES,
  type HeadersRequest,
  MAX_LIGHT_BLOCKS_PER_REQUEST,
} from './net/headers-protocol.ts'
export {
  type AccountProof,
  decodeAccountProofAnswer,
  decodeProofRequest,
  decodeTxInclusionProofAnswer,
  encodeAccountProof,
  encodeProofRequest,
  encodeTxInclusionProof,
  PROOF_LIMITS,
  PROOF_PROTOCOL,
  type ProofRequest,
  requestAccountProof,
  requestTxInclusionProof,
  type TxInclusionProof,
} from './net/proof-protocol.ts'
export {
  type AddressTx,
  type AddressTxsCursor,
  decodeAddressTxsAnswer,
  decodeBlockHeightAnswer,
  decodeQueryRequest,
  decodeTxLocationAnswer,
  encodeAddressTxs,
  encodeBlockHeight,
  encodeQueryRequest,
  encodeTxLocation,
  MAX_ADDRESS_TXS_PER_PAGE,
  QUERY_LIMITS,
  QUERY_PROTOCOL,
  type QueryRequest,
  requestAddressTxs,
  requestBlockHeight,
  requestTxLocation,
  type TxLocation,
} from './net/query-protocol.ts'
export {
  decodePriorities,
  decodeSnapshotRequest,
  decodeStateNodes,
  encodePriorities,
  encodeSnapshotRequest,
  encodeStateNodes,
  MAX_NODES_PER_REQUEST,
  MAX_STATE_NODE_BYTES,
  SNAPSHOT_LIMITS,
  SNAPSHOT_PROTOCOL,
  SNAPSHOT_RESPONSE_SOFT_BYTES,
  type SnapshotRequest,
} from './net/snapshot-protocol.ts'
export { TOPIC_MAX_BYTES, type TopicName, type WeftTopics, weftTopics } from './net/topics.ts'
export {
  decodeTxBatch,
  encodeTxBatch,
  fitsTxBatch,
  MAX_TX_BATCH_BYTES,
  MAX_TX_BATCH_TXS,
  TX_BATCH_VERSION,
  txBatchEntryBytes,
} from './net/tx-batch.ts'
export {
  DEFAULT_BAN_DURATION_MS,
  DEFAULT_BAN_SCORE,
  DEFAULT_HISTORY_PER_PEER,
  DEFAULT_MAX_BAN_DURATION_MS,
  DEFAULT_MAX_PEERS,
  DEFAULT_OFFENCE_MEMORY_MS,
  DEFAULT_RATE_LIMITER_MAX_KEYS,
  DEFAULT_SCORE_HALF_LIFE_MS,
  MAX_SCORE,
  MIN_SCORE,
} from './peers/constants.ts'
export {
  PeerRecordError,
  PeerScoreConfigError,
  RateLimiterConfigError,
} from './peers/peer-errors.ts'
export {
  eventDelta,
  isPeerEventName,
  PEER_EVENTS,
  type PeerEventName,
  SEVERITY_WEIGHT,
  type Severity,
} from './peers/peer-events.ts'
export {
  type Ban,
  type PeerRecord,
  type PeerReputation,
  PeerScoreBook,
  type PeerScoreBookInit,
  type ReasonEntry,
  type ScoreChange,
} from './peers/peer-score.ts'
export { type RateDecision, RateLimiter, type RateLimiterInit } from './peers/rate-limiter.ts'
export { type ReadToEndResult, readToEnd } from './protocols/read-to-end.ts'
export {
  type Admission,
  ProtocolError,
  type ProtocolLimits,
  type RequestFault,
  type RequestGuard,
  sendRequest,
  serveRequests,
} from './protocols/request-response.ts'
export {
  answerVerifyRequest,
  createVerifyHandler,
  DEFAULT_VERIFY_MAX_INBOUND_STREAMS,
  DEFAULT_VERIFY_TIMEOUT_MS,
  requestVerify,
  requestVerifyOnStream,
  type SignatureVerifier,
  type TimeoutSignal,
  VERIFY_PROTOCOL,
  type VerifyClientOptions,
  type VerifyDialer,
  type VerifyHandlerInit,
  type VerifyPeer,
} from './protocols/verify.ts'
export {
  decodeVerifyRequest,
  decodeVerifyResponse,
  encodeVerifyRequest,
  encodeVerifyResponse,
  MAX_VERIFY_DETAIL_BYTES,
  MAX_VERIFY_MESSAGE_BYTES,
  MAX_VERIFY_REQUEST_BYTES,
  MAX_VERIFY_RESPONSE_BYTES,
  VERIFY_PUBLIC_KEY_BYTES,
  VERIFY_REQUEST_HEADER_BYTES,
  VERIFY_RESPONSE_HEADER_BYTES,
  VERIFY_SIGNATURE_BYTES,
  VERIFY_STATUS,
  type VerifyRequest,
  type VerifyResponse,
  type VerifyStatus,
} from './protocols/verify-codec.ts'
export {
  VerifyDecodeError,
  type VerifyDecodeErrorCode,
  VerifyInputError,
  type VerifyInputErrorCode,
  VerifyRemoteError,
  type VerifyRemoteErrorCode,
  VerifyTimeoutError,
} from './protocols/verify-errors.ts'
export { type StrictRecordReader, strictRecordReader } from './records/strict-json-record.ts'
export { requestLightBlocks } from './sync/headers-client.ts'
export { requestPriorities, requestStateNodes } from './sync/snapshot-client.ts'
export {
  CorruptStateNodeError,
  StateWalk,
  type StateWalkComponents,
} from './sync/state-walk.ts'
export {
  type AddressCore,
  accountAddress,
  accountPath,
  deriveAccountKey,
} from './wallet/account.ts'
export { AccountKey } from './wallet/account-key.ts'
export {
  backupCheckPositions,
  checkBackupAnswers,
  DEFAULT_BACKUP_CHECK_WORDS,
} from './wallet/backup-check.ts'
export {
  DEFAULT_MNEMONIC_WORDS,
  DEFAULT_VAULT_KDF,
  GENERATED_WORD_COUNTS,
  IMPORTED_WORD_COUNTS,
  MAX_ACCOUNT_INDEX,
  PBKDF2_VAULT_KDF,
  WEFT_COIN_TYPE,
} from './wallet/constants.ts'
export {
  DerivationError,
  type DerivationErrorCode,
  MnemonicError,
  type MnemonicErrorCode,
  SigningError,
  type SigningErrorCode,
  VaultError,
  type VaultErrorCode,
} from './wallet/errors.ts'
export { KDF_CEILINGS, type KdfParams, type Pbkdf2Params, type ScryptParams } from './wallet/kdf.ts'
export {
  generateMnemonic,
  isMnemonic,
  mnemonicToSeed,
  normalizeMnemonic,
} from './wallet/mnemonic.ts'
export {
  type SignedTransaction,
  type SigningCore,
  signTransaction,
  type UnsignedTransaction,
} from './wallet/sign-transaction.ts'
export {
  type ExtendedKey,
  formatDerivationPath,
  HARDENED_OFFSET,
  parseDerivationPath,
  slip10DerivePath,
  slip10HardenedChild,
  slip10MasterKey,
  wipeExtendedKey,
} from './wallet/slip10.ts'
export {
  changeVaultPassword,
  createVault,
  openVault,
  type SealOptions,
  vaultNeedsUpgrade,
} from './wallet/vault.ts'
export { parseVaultRecord, type VaultKdf, type VaultRecord } from './wallet/vault-record.ts'
export { type VaultAccount, type VaultContents, VaultSecrets } from './wallet/vault-secrets.ts'
