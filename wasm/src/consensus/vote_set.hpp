// The votes of one (height, round, type) (docs/protocol/consensus.md §Vote sets). Power is
// tallied per block (nil included). A validator that votes twice differently has equivocated:
// the pair becomes evidence, and each of its votes counts toward its own block — the adversary
// model of the paper, where a faulty vote may be "for both" — but it counts once in
// power_seen(). With at most f faulty, two blocks still cannot both reach 2f+1, and a proof of
// lock or commit that includes an equivocator's vote stays usable by nodes that first saw its
// other vote (CometBFT tracks conflicting votes for claimed majorities for the same reason).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/types.hpp"
#include "consensus/vote.hpp"

namespace weft::consensus {

class VoteSet {
public:
  // Distinct votes kept per validator: enough for evidence and for the blocks that matter,
  // bounded so one validator cannot fill memory by signing many blocks.
  static constexpr std::size_t kMaxVotesPerValidator = 4;

  enum class AddResult : std::uint8_t {
    Added,     // first vote of this validator
    Duplicate, // a vote for a block this validator already voted (any signature bytes): ignored
    Conflict,  // another block from a validator already seen: evidence; counted for that block
    Dropped,   // another conflicting vote beyond kMaxVotesPerValidator: ignored
  };
  struct Outcome {
    AddResult result;
    std::optional<DuplicateVoteEvidence> evidence; // first conflict per validator only
  };

  explicit VoteSet(std::size_t validators) : votes_(validators) {}

  // Precondition: vote.validator_index < the set size given at construction; `power` is that
  // validator's power. Height, round and type are the caller's (one set per triple).
  Outcome add(const Vote& vote, std::uint64_t power);

  bool has_vote(std::uint32_t index) const { return !votes_[index].empty(); }
  // Every kept vote, per validator (the first one first).
  const std::vector<std::vector<Vote>>& votes() const { return votes_; }
  // Power of the distinct validators with any vote here.
  std::uint64_t power_seen() const { return power_seen_; }
  // Power of the validators with a vote for `block` (equivocators count for each of theirs).
  std::uint64_t power_for(const MaybeBlock& block) const;
  // The block (or nil) holding more than 2/3 of `total`, if any (the first found, should more
  // than f equivocate).
  std::optional<MaybeBlock> quorum(std::uint64_t total) const;
  // The commit signatures of the votes for `block`, ascending by validator index.
  std::vector<CommitSig> signatures_for(const BlockId& block) const;

private:
  void tally(const MaybeBlock& block, std::uint64_t power);

  std::vector<std::vector<Vote>> votes_;
  std::vector<std::pair<MaybeBlock, std::uint64_t>> tally_;
  std::uint64_t power_seen_ = 0;
};

} // namespace weft::consensus
