// @weft/core: isomorphic TypeScript over the consensus core — protocols, and later sync,
// mempool and the light client. No DOM, no Node-only API: hosts inject transports and clocks.

export {
  ADDRESS_BYTES,
  ADDRESS_PREFIX,
  AddressError,
  type AddressErrorCode,
  formatAddress,
  isAddress,
  parseAddress,
} from './chain/address.ts'
export {
  type ConsensusMessage,
  decodeConsensusMessage,
  decodeFinalizedBlock,
  encodeConsensusMessage,
  encodeFinalizedBlock,
  type FinalizedBlock,
  MessageFormatError,
} from './net/consensus-message.ts'
export { TOPIC_MAX_BYTES, type TopicName, type WeftTopics, weftTopics } from './net/topics.ts'
export { type ReadToEndResult, readToEnd } from './protocols/read-to-end.ts'
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
