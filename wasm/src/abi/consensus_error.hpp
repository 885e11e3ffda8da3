// Refusals of the consensus handle itself (abi/consensus_handle.hpp): inputs the state machine
// would take as a precondition rather than reject, so the boundary names them before they reach
// it. Rejections under the protocol's rules keep their own domains (VoteError, CommitError, …).
#pragma once

#include <cstdint>
#include <string_view>

namespace weft::abi {

enum class ConsensusError : std::uint8_t {
  InvalidChainId = 1,   // not 1-32 characters of [a-z0-9-]
  HeightOutOfRange,     // start_height at height 0, or no height after the current one
  BadProposalSignature, // the proposal is not signed by the proposer of its height and round
  PrioritiesMismatch,   // persisted proposer priorities do not fit the validator set
  UnknownTimeoutKind,   // not 1 (propose), 2 (prevote) or 3 (precommit)
  UnknownVoteType,      // not 1 (prevote) or 2 (precommit)
};

constexpr std::string_view name(ConsensusError e) {
  switch (e) {
  case ConsensusError::InvalidChainId:
    return "InvalidChainId";
  case ConsensusError::HeightOutOfRange:
    return "HeightOutOfRange";
  case ConsensusError::BadProposalSignature:
    return "BadProposalSignature";
  case ConsensusError::PrioritiesMismatch:
    return "PrioritiesMismatch";
  case ConsensusError::UnknownTimeoutKind:
    return "UnknownTimeoutKind";
  case ConsensusError::UnknownVoteType:
    return "UnknownVoteType";
  }
  return "Unknown";
}

} // namespace weft::abi
