// The action framing (abi/action_frame.hpp).
#include "abi/action_frame.hpp"

#include <type_traits>
#include <utility>
#include <variant>

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/vote.hpp"

namespace weft::abi {
namespace {

namespace c = weft::consensus;

// A new kind of action must get a tag and a payload here (and in the TypeScript reader).
static_assert(std::variant_size_v<c::Action> == 8);

void write_action(encoding::Writer& w, std::string_view chain_id, const c::Action& action) {
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, c::BroadcastProposal>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::BroadcastProposal));
          w.bytes(c::encode_proposal(a.proposal));
          w.bytes(c::encode_last_signed(a.record));
          w.fixed(c::proposal_sign_digest(chain_id, a.proposal));
        } else if constexpr (std::is_same_v<T, c::BroadcastVote>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::BroadcastVote));
          w.bytes(c::encode_vote(a.vote));
          w.bytes(c::encode_last_signed(a.record));
          w.fixed(c::vote_sign_digest(chain_id, a.vote));
        } else if constexpr (std::is_same_v<T, c::ScheduleTimeout>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::ScheduleTimeout));
          w.u8(static_cast<std::uint8_t>(a.kind));
          w.u64(a.height);
          w.u32(a.round);
          w.u64(a.duration_ms);
        } else if constexpr (std::is_same_v<T, c::RequestValidity>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::RequestValidity));
          w.u64(a.height);
          w.fixed(a.block);
        } else if constexpr (std::is_same_v<T, c::RequestProposalBlock>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::RequestProposalBlock));
          w.u64(a.height);
          w.u32(a.round);
        } else if constexpr (std::is_same_v<T, c::Decide>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::Decide));
          w.u64(a.height);
          w.u32(a.round);
          w.fixed(a.block);
          w.bytes(c::encode_commit(a.commit));
        } else if constexpr (std::is_same_v<T, c::EvidenceFound>) {
          w.u8(static_cast<std::uint8_t>(ActionTag::EvidenceFound));
          w.bytes(c::encode_evidence(a.evidence));
        } else {
          static_assert(std::is_same_v<T, c::ConflictingCommits>);
          w.u8(static_cast<std::uint8_t>(ActionTag::ConflictingCommits));
          w.bytes(c::encode_commit(a.decided));
          w.bytes(c::encode_commit(a.conflicting));
        }
      },
      action);
}

} // namespace

void write_actions(encoding::Writer& w, std::string_view chain_id, const c::Actions& actions) {
  w.varint(actions.size());
  for (const auto& action : actions) write_action(w, chain_id, action);
}

c::Bytes encode_actions(std::string_view chain_id, const c::Actions& actions) {
  encoding::Writer w;
  write_actions(w, chain_id, actions);
  return std::move(w).take();
}

} // namespace weft::abi
