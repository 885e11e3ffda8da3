// The names of the consensus rejections (votes, commits, evidence, the sign guard, validator
// sets), spelled as the enums spell them: weft_error_name prefixes the enum's name, so
// "CommitError.InsufficientPower" reaches TypeScript unchanged.
#pragma once

#include <string_view>

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"

namespace weft::consensus {

constexpr std::string_view name(VoteError e) {
  switch (e) {
  case VoteError::UnknownValidator:
    return "UnknownValidator";
  case VoteError::BadSignature:
    return "BadSignature";
  }
  return "Unknown";
}

constexpr std::string_view name(CommitError e) {
  switch (e) {
  case CommitError::WrongHeight:
    return "WrongHeight";
  case CommitError::WrongBlock:
    return "WrongBlock";
  case CommitError::UnknownValidator:
    return "UnknownValidator";
  case CommitError::DuplicateSignature:
    return "DuplicateSignature";
  case CommitError::InsufficientPower:
    return "InsufficientPower";
  case CommitError::BadSignature:
    return "BadSignature";
  case CommitError::NotEnoughTrust:
    return "NotEnoughTrust";
  case CommitError::InvalidTrustLevel:
    return "InvalidTrustLevel";
  }
  return "Unknown";
}

constexpr std::string_view name(SignGuardError e) {
  switch (e) {
  case SignGuardError::Regression:
    return "Regression";
  case SignGuardError::Conflict:
    return "Conflict";
  }
  return "Unknown";
}

constexpr std::string_view name(EvidenceError e) {
  switch (e) {
  case EvidenceError::NotConflicting:
    return "NotConflicting";
  case EvidenceError::UnknownValidator:
    return "UnknownValidator";
  case EvidenceError::BadSignature:
    return "BadSignature";
  }
  return "Unknown";
}

constexpr std::string_view name(ValidatorSetError e) {
  switch (e) {
  case ValidatorSetError::Empty:
    return "Empty";
  case ValidatorSetError::TooMany:
    return "TooMany";
  case ValidatorSetError::ZeroPower:
    return "ZeroPower";
  case ValidatorSetError::DuplicateKey:
    return "DuplicateKey";
  case ValidatorSetError::TotalPowerTooLarge:
    return "TotalPowerTooLarge";
  case ValidatorSetError::RemovesUnknown:
    return "RemovesUnknown";
  }
  return "Unknown";
}

} // namespace weft::consensus
