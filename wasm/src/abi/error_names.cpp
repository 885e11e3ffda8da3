// Error names for statuses (abi/error_names.hpp).
#include "abi/error_names.hpp"

#include <string_view>

#include "abi/abi.hpp"
#include "abi/consensus_error.hpp"
#include "chain/block_error.hpp"
#include "chain/tx_error.hpp"
#include "consensus/error_names.hpp"
#include "encoding/decode_error.hpp"
#include "light/light_error.hpp"
#include "state/error_names.hpp"
#include "view/view_error.hpp"

namespace weft::abi {
namespace {

std::string qualified(std::string_view domain, std::string_view reason) {
  std::string out(domain);
  out += '.';
  out += reason;
  return out;
}

std::string_view name(AbiError e) {
  switch (e) {
  case AbiError::OutOfMemory:
    return "OutOfMemory";
  case AbiError::NotStarted:
    return "NotStarted";
  }
  return "Unknown";
}

} // namespace

std::string error_name(std::int32_t status) {
  if (status >= 0) return "";
  // -status fits: no export returns INT32_MIN, and the domain is read from the quotient.
  const std::int64_t code = -static_cast<std::int64_t>(status);
  const auto reason = static_cast<std::uint8_t>(code % 256);
  switch (static_cast<ErrorDomain>(code / 256)) {
  case ErrorDomain::Decode:
    return encoding::qualified_name(static_cast<encoding::DecodeError>(reason));
  case ErrorDomain::State:
    return state::qualified_name(static_cast<state::StateError>(reason));
  case ErrorDomain::Proof:
    return state::qualified_name(static_cast<state::ProofError>(reason));
  case ErrorDomain::Abi:
    return qualified("AbiError", name(static_cast<AbiError>(reason)));
  case ErrorDomain::Tx:
    return qualified("TxError", chain::name(static_cast<chain::TxError>(reason)));
  case ErrorDomain::Block:
    return qualified("BlockError", chain::name(static_cast<chain::BlockError>(reason)));
  case ErrorDomain::Light:
    return qualified("LightError", light::name(static_cast<light::LightError>(reason)));
  case ErrorDomain::Vote:
    return qualified("VoteError", consensus::name(static_cast<consensus::VoteError>(reason)));
  case ErrorDomain::Commit:
    return qualified("CommitError", consensus::name(static_cast<consensus::CommitError>(reason)));
  case ErrorDomain::SignGuard:
    return qualified("SignGuardError",
                     consensus::name(static_cast<consensus::SignGuardError>(reason)));
  case ErrorDomain::Evidence:
    return qualified("EvidenceError",
                     consensus::name(static_cast<consensus::EvidenceError>(reason)));
  case ErrorDomain::ValidatorSet:
    return qualified("ValidatorSetError",
                     consensus::name(static_cast<consensus::ValidatorSetError>(reason)));
  case ErrorDomain::Consensus:
    return qualified("ConsensusError", name(static_cast<ConsensusError>(reason)));
  case ErrorDomain::View:
    return view::qualified_name(static_cast<view::ViewError>(reason));
  }
  return "Unknown";
}

} // namespace weft::abi
