// The consensus handle (abi/consensus_handle.hpp).
#include "abi/consensus_handle.hpp"

#include <cstdint>
#include <utility>
#include <vector>

#include "abi/abi.hpp"
#include "abi/action_frame.hpp"
#include "abi/consensus_error.hpp"
#include "abi/priority_record.hpp"
#include "consensus/commit.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "encoding/sign_digest.hpp"
#include "encoding/writer.hpp"

namespace weft::abi {
namespace {

namespace c = weft::consensus;

std::int32_t other_height(Session& s, std::uint64_t height, std::uint32_t round) {
  encoding::Writer w;
  w.u64(height);
  w.u32(round);
  s.out = std::move(w).take();
  return ConsensusHandle::kOtherHeight;
}

// An empty span is "no record".
Result<std::optional<c::LastSigned>, encoding::DecodeError>
optional_last_signed(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return std::optional<c::LastSigned>{};
  auto decoded = c::decode_last_signed(bytes);
  if (!decoded) return err(decoded.error());
  return std::optional<c::LastSigned>{std::move(decoded).value()};
}

} // namespace

std::int32_t ConsensusHandle::answer(Session& s, const c::Actions& actions) const {
  s.out = encode_actions(chain_id_, actions);
  return kApplied;
}

bool ConsensusHandle::for_this_height(std::uint64_t height) const {
  return machine_.step() != c::Step::Idle && height == machine_.height();
}

std::int32_t ConsensusHandle::start_height(Session& s, std::string_view chain_id,
                                           std::uint64_t height, Bytes set,
                                           const std::optional<c::PublicKey>& own_key,
                                           Bytes last_signed, Bytes priorities) {
  if (!encoding::is_valid_chain_id(chain_id)) {
    return error_status(ErrorDomain::Consensus, ConsensusError::InvalidChainId);
  }
  if (height == 0) return error_status(ErrorDomain::Consensus, ConsensusError::HeightOutOfRange);
  auto validators = c::decode_validator_set(set, max_validators_);
  if (!validators) return error_status(ErrorDomain::Decode, validators.error());
  auto restore = optional_last_signed(last_signed);
  if (!restore) return error_status(ErrorDomain::Decode, restore.error());
  if (!priorities.empty()) {
    const auto record = decode_priority_record(priorities);
    if (!record) return error_status(ErrorDomain::Decode, record.error());
    if (!validators.value().restore_priorities(record.value().priorities,
                                               record.value().proposer)) {
      return error_status(ErrorDomain::Consensus, ConsensusError::PrioritiesMismatch);
    }
  }
  // Every check passed: only now does the handle change.
  chain_id_ = chain_id;
  return answer(
      s, machine_.start_height(height, std::move(validators).value(), own_key, restore.value()));
}

std::int32_t ConsensusHandle::start_next_height(Session& s, Bytes set,
                                                const std::optional<c::PublicKey>& own_key,
                                                Bytes last_signed) {
  if (machine_.step() == c::Step::Idle) return error_status(ErrorDomain::Abi, AbiError::NotStarted);
  if (machine_.height() == UINT64_MAX) {
    return error_status(ErrorDomain::Consensus, ConsensusError::HeightOutOfRange);
  }
  const auto next = c::decode_validator_set(set, max_validators_);
  if (!next) return error_status(ErrorDomain::Decode, next.error());
  auto restore = optional_last_signed(last_signed);
  if (!restore) return error_status(ErrorDomain::Decode, restore.error());

  // The next set as updates to this one: leavers with power 0, every member of the next set
  // with its power. Listing an unchanged member is a no-op for its priority (CometBFT
  // updateWithChangeSet), so this is the chain's own change set, whatever order it came in.
  const auto& current = machine_.validator_set();
  std::vector<c::ValidatorPower> changes;
  for (const auto& v : current.validators()) {
    if (!next.value().index_of(v.public_key)) changes.push_back({v.public_key, 0});
  }
  const auto members = next.value().members();
  changes.insert(changes.end(), members.begin(), members.end());
  auto updated = current.next_height(changes, max_validators_);
  if (!updated) return error_status(ErrorDomain::ValidatorSet, updated.error());
  return answer(s, machine_.start_height(machine_.height() + 1, std::move(updated).value(), own_key,
                                         restore.value()));
}

std::int32_t ConsensusHandle::on_proposal(Session& s, Bytes bytes) {
  const auto proposal = c::decode_proposal(bytes);
  if (!proposal) return error_status(ErrorDomain::Decode, proposal.error());
  const auto& p = proposal.value();
  if (!for_this_height(p.height)) return other_height(s, p.height, p.round);
  const auto proposer = machine_.proposer_key(p.round);
  if (!proposer) return other_height(s, p.height, p.round);
  if (!c::verify_proposal(chain_id_, *proposer, p)) {
    return error_status(ErrorDomain::Consensus, ConsensusError::BadProposalSignature);
  }
  return answer(s, machine_.on_proposal(p));
}

std::int32_t ConsensusHandle::on_vote(Session& s, Bytes bytes) {
  const auto vote = c::decode_vote(bytes);
  if (!vote) return error_status(ErrorDomain::Decode, vote.error());
  const auto& v = vote.value();
  if (!for_this_height(v.height)) return other_height(s, v.height, v.round);
  if (const auto ok = c::verify_vote(chain_id_, machine_.validator_set(), v); !ok) {
    return error_status(ErrorDomain::Vote, ok.error());
  }
  return answer(s, machine_.on_vote(v));
}

std::int32_t ConsensusHandle::on_commit(Session& s, Bytes bytes) {
  const auto commit = c::decode_commit(bytes, max_validators_);
  if (!commit) return error_status(ErrorDomain::Decode, commit.error());
  const auto& cm = commit.value();
  if (!for_this_height(cm.height)) return other_height(s, cm.height, cm.round);
  if (const auto ok =
          c::verify_commit(chain_id_, machine_.validator_set(), cm, cm.height, cm.block);
      !ok) {
    return error_status(ErrorDomain::Commit, ok.error());
  }
  return answer(s, machine_.on_commit(cm));
}

std::int32_t ConsensusHandle::on_timeout(Session& s, std::uint32_t kind, std::uint64_t height,
                                         std::uint32_t round) {
  if (kind < static_cast<std::uint32_t>(c::TimeoutKind::Propose) ||
      kind > static_cast<std::uint32_t>(c::TimeoutKind::Precommit)) {
    return error_status(ErrorDomain::Consensus, ConsensusError::UnknownTimeoutKind);
  }
  return answer(s, machine_.on_timeout(static_cast<c::TimeoutKind>(kind), height, round));
}

std::int32_t ConsensusHandle::on_block_validity(Session& s, const c::BlockId& block, bool valid) {
  return answer(s, machine_.on_block_validity(block, valid));
}

std::int32_t ConsensusHandle::on_proposal_block(Session& s, std::uint64_t height,
                                                std::uint32_t round, const c::BlockId& block) {
  return answer(s, machine_.on_proposal_block(height, round, block));
}

std::int32_t ConsensusHandle::proposer_key(Session& s, std::uint32_t round) {
  const auto key = machine_.proposer_key(round);
  if (!key) return 0;
  s.out.assign(key->begin(), key->end());
  return 1;
}

std::int32_t ConsensusHandle::priorities(Session& s) const {
  if (machine_.step() == c::Step::Idle) return error_status(ErrorDomain::Abi, AbiError::NotStarted);
  s.out = encode_priority_record(machine_.validator_set());
  return 0;
}

std::int32_t ConsensusHandle::votes(Session& s, std::uint32_t round, std::uint32_t type) const {
  if (type != static_cast<std::uint32_t>(c::VoteType::Prevote) &&
      type != static_cast<std::uint32_t>(c::VoteType::Precommit)) {
    return error_status(ErrorDomain::Consensus, ConsensusError::UnknownVoteType);
  }
  const auto votes = machine_.votes(round, static_cast<c::VoteType>(type));
  encoding::Writer w;
  w.varint(votes.size());
  for (const auto& v : votes) w.bytes(c::encode_vote(v));
  s.out = std::move(w).take();
  return 0;
}

} // namespace weft::abi
