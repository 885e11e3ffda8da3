// Stateless consensus calls (abi/consensus_checks.hpp).
#include "abi/consensus_checks.hpp"

#include <optional>

#include "abi/abi.hpp"
#include "abi/consensus_error.hpp"
#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "encoding/sign_digest.hpp"

namespace weft::abi {
namespace {
namespace c = weft::consensus;
constexpr std::int32_t kInvalidChainId =
    error_status(ErrorDomain::Consensus, ConsensusError::InvalidChainId);
} // namespace

std::int32_t check_commit(std::string_view chain_id, std::span<const std::uint8_t> set,
                          std::span<const std::uint8_t> commit, std::uint64_t height,
                          const c::BlockId& block, std::size_t max_validators) {
  if (!encoding::is_valid_chain_id(chain_id)) return kInvalidChainId;
  const auto validators = c::decode_validator_set(set, max_validators);
  if (!validators) return error_status(ErrorDomain::Decode, validators.error());
  const auto decoded = c::decode_commit(commit, max_validators);
  if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
  const auto ok = c::verify_commit(chain_id, validators.value(), decoded.value(), height, block);
  return ok ? 0 : error_status(ErrorDomain::Commit, ok.error());
}

std::int32_t check_evidence(std::string_view chain_id, std::span<const std::uint8_t> set,
                            std::span<const std::uint8_t> evidence, std::size_t max_validators) {
  if (!encoding::is_valid_chain_id(chain_id)) return kInvalidChainId;
  const auto validators = c::decode_validator_set(set, max_validators);
  if (!validators) return error_status(ErrorDomain::Decode, validators.error());
  const auto decoded = c::decode_evidence(evidence);
  if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
  const auto ok = c::verify_evidence(chain_id, validators.value(), decoded.value());
  return ok ? 0 : error_status(ErrorDomain::Evidence, ok.error());
}

std::int32_t sign_guard_approve(std::span<const std::uint8_t> last,
                                std::span<const std::uint8_t> next) {
  std::optional<c::LastSigned> previous;
  if (!last.empty()) {
    const auto decoded = c::decode_last_signed(last);
    if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
    previous = decoded.value();
  }
  const auto request = c::decode_last_signed(next);
  if (!request) return error_status(ErrorDomain::Decode, request.error());
  const auto ok = c::SignGuard(previous).check(request.value());
  return ok ? 0 : error_status(ErrorDomain::SignGuard, ok.error());
}

std::int32_t attach_vote_signature(Session& s, std::span<const std::uint8_t> vote,
                                   const c::Signature& signature) {
  auto decoded = c::decode_vote(vote);
  if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
  decoded.value().signature = signature;
  s.out = c::encode_vote(decoded.value());
  return 0;
}

std::int32_t attach_proposal_signature(Session& s, std::span<const std::uint8_t> proposal,
                                       const c::Signature& signature) {
  auto decoded = c::decode_proposal(proposal);
  if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
  decoded.value().signature = signature;
  s.out = c::encode_proposal(decoded.value());
  return 0;
}

} // namespace weft::abi
