// "StateError.<Reason>" / "ProofError.<Reason>": the names TypeScript sees (weft_error_name).
#pragma once

#include "state/smt_proof.hpp"
#include "state/state_error.hpp"

namespace weft::state {

constexpr const char* qualified_name(StateError e) {
  switch (e) {
  case StateError::MissingNode:
    return "StateError.MissingNode";
  case StateError::CorruptNode:
    return "StateError.CorruptNode";
  case StateError::MalformedTree:
    return "StateError.MalformedTree";
  }
  return "StateError.Unknown";
}

constexpr const char* qualified_name(ProofError e) {
  switch (e) {
  case ProofError::Truncated:
    return "ProofError.Truncated";
  case ProofError::TrailingBytes:
    return "ProofError.TrailingBytes";
  case ProofError::UnknownKind:
    return "ProofError.UnknownKind";
  case ProofError::DepthTooLarge:
    return "ProofError.DepthTooLarge";
  case ProofError::PaddingBitsSet:
    return "ProofError.PaddingBitsSet";
  case ProofError::EmptySiblingListed:
    return "ProofError.EmptySiblingListed";
  case ProofError::DeepestSiblingEmpty:
    return "ProofError.DeepestSiblingEmpty";
  case ProofError::SiblingCountMismatch:
    return "ProofError.SiblingCountMismatch";
  case ProofError::ValueMissing:
    return "ProofError.ValueMissing";
  case ProofError::ValueUnexpected:
    return "ProofError.ValueUnexpected";
  case ProofError::OtherLeafIsKey:
    return "ProofError.OtherLeafIsKey";
  case ProofError::OtherLeafOffPath:
    return "ProofError.OtherLeafOffPath";
  case ProofError::RootMismatch:
    return "ProofError.RootMismatch";
  }
  return "ProofError.Unknown";
}

} // namespace weft::state
