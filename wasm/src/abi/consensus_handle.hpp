// One validator's (or follower's) consensus state machine behind the boundary
// (docs/architecture.md, "Consensus and light-client handles"). The handle turns the host's
// bytes into the machine's inputs and the machine's actions into the frame of
// abi/action_frame.hpp, and it keeps the part of the host contract that a host could get
// wrong (docs/protocol/consensus.md §3): every proposal, vote and commit is verified here —
// signature against the height's set or the round's proposer, commit with verify_commit —
// before the machine sees it, so the machine only ever reads authentic messages.
//
// Each call returns a status (abi/abi.hpp). Message inputs answer:
//   kApplied      the machine read it; the session holds the actions frame (perhaps empty);
//   kOtherHeight  the message is not for the machine's height (or names a round too far ahead
//                 to know its proposer): nothing was verified or changed, and the session holds
//                 the message's `height u64, round u32`, so the host can buffer what is ahead;
//   negative      rejected: DecodeError, VoteError, CommitError or
//                 ConsensusError.BadProposalSignature. Nothing changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "abi/session.hpp"
#include "consensus/state_machine.hpp"
#include "consensus/types.hpp"

namespace weft::abi {

class ConsensusHandle {
public:
  using Bytes = std::span<const std::uint8_t>;

  static constexpr std::int32_t kApplied = 0;
  static constexpr std::int32_t kOtherHeight = 1;

  // max_validators: the chain's parameter, bounding every set and commit the handle decodes.
  ConsensusHandle(consensus::TimeoutParams timeouts, std::size_t max_validators)
      : machine_(timeouts), max_validators_(max_validators) {}

  // Begins `height` on `chain_id` with the height's validator set (canonical encoding). Empty
  // `last_signed` / `priorities` mean none: without priorities the set has its genesis
  // priorities, which is right at height 1 only; a restart passes the record priorities()
  // gave when this height began. `last_signed` is the sign guard's record (resume, never
  // re-sign differently). Answers the actions frame.
  std::int32_t start_height(Session& s, std::string_view chain_id, std::uint64_t height, Bytes set,
                            const std::optional<consensus::PublicKey>& own_key, Bytes last_signed,
                            Bytes priorities);
  // Begins the height after the current one with that height's set (canonical encoding, as
  // the chain stores it), carrying proposer priorities over from the current height: the
  // member changes are applied as validator updates, then one increment (consensus.md §1).
  std::int32_t start_next_height(Session& s, Bytes set,
                                 const std::optional<consensus::PublicKey>& own_key,
                                 Bytes last_signed);

  std::int32_t on_proposal(Session& s, Bytes proposal);
  std::int32_t on_vote(Session& s, Bytes vote);
  std::int32_t on_commit(Session& s, Bytes commit);
  // kind: 1 propose, 2 prevote, 3 precommit (consensus::TimeoutKind).
  std::int32_t on_timeout(Session& s, std::uint32_t kind, std::uint64_t height,
                          std::uint32_t round);
  std::int32_t on_block_validity(Session& s, const consensus::BlockId& block, bool valid);
  std::int32_t on_proposal_block(Session& s, std::uint64_t height, std::uint32_t round,
                                 const consensus::BlockId& block);

  // 1 with the proposer's public key [32] in the session, or 0 when the round is beyond what
  // the machine answers (not started, or more than kProposalLookahead rounds ahead).
  std::int32_t proposer_key(Session& s, std::uint32_t round);
  // The current height's priority record (abi/priority_record.hpp) for the host to persist.
  std::int32_t priorities(Session& s) const;
  // The votes counted for (round, type), type 1 prevote or 2 precommit: `varint count,
  // count × bytes vote` — what a host gossips to peers that lack them.
  std::int32_t votes(Session& s, std::uint32_t round, std::uint32_t type) const;

  const consensus::StateMachine& machine() const { return machine_; }

private:
  std::int32_t answer(Session& s, const consensus::Actions& actions) const;
  bool for_this_height(std::uint64_t height) const;

  consensus::StateMachine machine_;
  std::size_t max_validators_;
  std::string chain_id_; // set by start_height; every sign digest and signature check uses it
};

} // namespace weft::abi
