// Why a light block is not accepted (docs/protocol/light-client.md, "Errors"). Every reason is a
// named value that crosses into TypeScript unchanged; only NotEnoughTrust is not a rejection (the
// bisection answers it by fetching a pivot) and ConflictingHeaders is a detected attack.
#pragma once

#include <cstdint>
#include <string_view>

namespace weft::light {

enum class LightError : std::uint8_t {
  WrongChain = 1,           // the header names another chain than the trusted one
  NotAfterTrusted,          // the header's height is not above the trusted height
  NonIncreasingTime,        // the header's time is not after the trusted header's time
  FromTheFuture,            // the header's time is at or beyond now + max clock drift
  TrustedExpired,           // the trusted header is older than the trusting period
  ValidatorsHashMismatch,   // the block's validator set does not hash to validators_hash
  NextValidatorsMismatch,   // sequential: the set is not the one the trusted header named next
  CommitForOtherBlock,      // the commit is for another height or block id than the header
  InsufficientCommitPower,  // the signers hold no more than 2/3 of the block's own set
  BadCommitSignature,       // a commit signature fails, or names no member of the set
  DuplicateCommitSignature, // one validator appears twice in the commit
  NotEnoughTrust,           // skipping: the trusted set's signers hold less than 1/3 (bisect)
  ConflictingHeaders,       // a witness's verified header differs: attack evidence produced
  PreviousBlockMismatch,    // sequential: previous_block is not the trusted header's block id
  WrongHeight,              // a block answers a request for another height
};

constexpr std::string_view name(LightError e) {
  switch (e) {
  case LightError::WrongChain:
    return "WrongChain";
  case LightError::NotAfterTrusted:
    return "NotAfterTrusted";
  case LightError::NonIncreasingTime:
    return "NonIncreasingTime";
  case LightError::FromTheFuture:
    return "FromTheFuture";
  case LightError::TrustedExpired:
    return "TrustedExpired";
  case LightError::ValidatorsHashMismatch:
    return "ValidatorsHashMismatch";
  case LightError::NextValidatorsMismatch:
    return "NextValidatorsMismatch";
  case LightError::CommitForOtherBlock:
    return "CommitForOtherBlock";
  case LightError::InsufficientCommitPower:
    return "InsufficientCommitPower";
  case LightError::BadCommitSignature:
    return "BadCommitSignature";
  case LightError::DuplicateCommitSignature:
    return "DuplicateCommitSignature";
  case LightError::NotEnoughTrust:
    return "NotEnoughTrust";
  case LightError::ConflictingHeaders:
    return "ConflictingHeaders";
  case LightError::PreviousBlockMismatch:
    return "PreviousBlockMismatch";
  case LightError::WrongHeight:
    return "WrongHeight";
  }
  return "Unknown";
}

} // namespace weft::light
