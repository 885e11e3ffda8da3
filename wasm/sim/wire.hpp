// The simulated wire format: a message is one tag byte followed by the consensus encoding of a
// proposal, a vote or a commit, the framing a node's gossip layer would add. Every signature in a
// run commits to kChainId, so no simulated message can pass for a real chain's.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "consensus/commit.hpp"
#include "consensus/proposal.hpp"
#include "consensus/vote.hpp"

namespace weft::sim {

using Bytes = std::vector<std::uint8_t>;

constexpr std::string_view kChainId = "weft-sim";

constexpr std::uint8_t kTagProposal = 1;
constexpr std::uint8_t kTagVote = 2;
constexpr std::uint8_t kTagCommit = 3;

Bytes frame_proposal(const consensus::Proposal& proposal);
Bytes frame_vote(const consensus::Vote& vote);
Bytes frame_commit(const consensus::Commit& commit);

} // namespace weft::sim
