// Error names at the boundary (abi/error_names.hpp): every domain spells its reasons as the
// core's enums do, so TypeScript sees "LightError.NotEnoughTrust", never a number.
#include <doctest/doctest.h>

#include "abi/abi.hpp"
#include "abi/consensus_error.hpp"
#include "abi/error_names.hpp"
#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "encoding/decode_error.hpp"
#include "light/light_error.hpp"

namespace {

using weft::abi::error_name;
using weft::abi::error_status;
using weft::abi::ErrorDomain;

TEST_CASE("error names: every domain, including consensus and the light client") {
  CHECK(error_name(0) == "");
  CHECK(error_name(1) == "");
  CHECK(error_name(error_status(ErrorDomain::Decode, weft::encoding::DecodeError::Truncated)) ==
        "DecodeError.Truncated");
  CHECK(error_name(error_status(ErrorDomain::Abi, weft::abi::AbiError::OutOfMemory)) ==
        "AbiError.OutOfMemory");
  CHECK(error_name(error_status(ErrorDomain::Abi, weft::abi::AbiError::NotStarted)) ==
        "AbiError.NotStarted");
  CHECK(error_name(error_status(ErrorDomain::Light, weft::light::LightError::NotEnoughTrust)) ==
        "LightError.NotEnoughTrust");
  CHECK(error_name(error_status(ErrorDomain::Light, weft::light::LightError::WrongHeight)) ==
        "LightError.WrongHeight");
  CHECK(error_name(error_status(ErrorDomain::Vote, weft::consensus::VoteError::BadSignature)) ==
        "VoteError.BadSignature");
  CHECK(error_name(
            error_status(ErrorDomain::Commit, weft::consensus::CommitError::InsufficientPower)) ==
        "CommitError.InsufficientPower");
  CHECK(
      error_name(error_status(ErrorDomain::SignGuard, weft::consensus::SignGuardError::Conflict)) ==
      "SignGuardError.Conflict");
  CHECK(error_name(
            error_status(ErrorDomain::Evidence, weft::consensus::EvidenceError::NotConflicting)) ==
        "EvidenceError.NotConflicting");
  CHECK(error_name(error_status(ErrorDomain::ValidatorSet,
                                weft::consensus::ValidatorSetError::TotalPowerTooLarge)) ==
        "ValidatorSetError.TotalPowerTooLarge");
  CHECK(error_name(error_status(ErrorDomain::Consensus,
                                weft::abi::ConsensusError::BadProposalSignature)) ==
        "ConsensusError.BadProposalSignature");
}

TEST_CASE("error names: unknown reasons and domains say so") {
  CHECK(error_name(-(7 * 256 + 200)) == "LightError.Unknown");
  CHECK(error_name(-(13 * 256 + 99)) == "ConsensusError.Unknown");
  CHECK(error_name(-(99 * 256 + 1)) == "Unknown");
  CHECK(error_name(INT32_MIN) == "Unknown");
}

} // namespace
