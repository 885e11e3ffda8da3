// Vote sets (docs/protocol/consensus.md §Vote sets).
#include "consensus/vote_set.hpp"

#include <cassert>

namespace weft::consensus {

void VoteSet::tally(const MaybeBlock& block, std::uint64_t power) {
  for (auto& [b, p] : tally_) {
    if (b == block) {
      p += power;
      return;
    }
  }
  tally_.emplace_back(block, power);
}

VoteSet::Outcome VoteSet::add(const Vote& vote, std::uint64_t power) {
  assert(vote.validator_index < votes_.size());
  auto& mine = votes_[vote.validator_index];
  for (const auto& v : mine) {
    // Same block: the same vote, whatever bytes its signature uses.
    if (v.block == vote.block) return {AddResult::Duplicate, std::nullopt};
  }
  if (mine.empty()) {
    mine.push_back(vote);
    power_seen_ += power;
    tally(vote.block, power);
    return {AddResult::Added, std::nullopt};
  }
  if (mine.size() >= kMaxVotesPerValidator) return {AddResult::Dropped, std::nullopt};
  // Evidence once per validator: the first two votes already prove the equivocation.
  std::optional<DuplicateVoteEvidence> evidence;
  if (mine.size() == 1) evidence = make_duplicate_vote_evidence(mine.front(), vote);
  mine.push_back(vote);
  tally(vote.block, power);
  return {AddResult::Conflict, evidence};
}

std::uint64_t VoteSet::power_for(const MaybeBlock& block) const {
  for (const auto& [b, p] : tally_) {
    if (b == block) return p;
  }
  return 0;
}

std::optional<MaybeBlock> VoteSet::quorum(std::uint64_t total) const {
  for (const auto& [b, p] : tally_) {
    if (is_quorum(p, total)) return b;
  }
  return std::nullopt;
}

std::vector<CommitSig> VoteSet::signatures_for(const BlockId& block) const {
  std::vector<CommitSig> out;
  for (std::size_t i = 0; i < votes_.size(); ++i) {
    for (const auto& v : votes_[i]) {
      if (v.block == block) {
        out.push_back({static_cast<std::uint32_t>(i), v.signature});
        break;
      }
    }
  }
  return out;
}

} // namespace weft::consensus
