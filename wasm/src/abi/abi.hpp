// Conventions shared by every export of weft_core.wasm (docs/architecture.md, "The core and its
// boundary"): the export macro, fixed-size views, and status codes. A status is 0 or a positive
// answer, or a negative error code naming a domain and a reason that weft_error_name spells out
// as "ProofError.RootMismatch", so error names cross into TypeScript unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#define WEFT_EXPORT(name) extern "C" __attribute__((export_name(#name))) __attribute__((used))

namespace weft::abi {

template <std::size_t N> std::span<const std::uint8_t, N> fixed(const std::uint8_t* p) {
  return std::span<const std::uint8_t, N>(p, N);
}

// Each error enum of the core has a domain; a status is -(domain × 256 + reason).
enum class ErrorDomain : std::int32_t {
  Decode = 1,        // encoding::DecodeError
  State = 2,         // state::StateError
  Proof = 3,         // state::ProofError
  Abi = 4,           // AbiError: misuse of the boundary itself
  Tx = 5,            // chain::TxError
  Block = 6,         // chain::BlockError
  Light = 7,         // light::LightError
  Vote = 8,          // consensus::VoteError
  Commit = 9,        // consensus::CommitError
  SignGuard = 10,    // consensus::SignGuardError
  Evidence = 11,     // consensus::EvidenceError
  ValidatorSet = 12, // consensus::ValidatorSetError
  Consensus = 13,    // abi::ConsensusError: refusals of the consensus handle itself
  View = 14,         // view::ViewError
};

// Failures of the boundary, not of the chain's rules.
enum class AbiError : std::uint8_t {
  OutOfMemory = 1, // an allocation inside the core failed
  NotStarted,      // a handle was used before the call that starts it
};

template <typename E> constexpr std::int32_t error_status(ErrorDomain domain, E reason) {
  return -(static_cast<std::int32_t>(domain) * 256 + static_cast<std::int32_t>(reason));
}

} // namespace weft::abi
