// Tendermint BFT for one validator as a sans-I/O state machine: Algorithm 1 of "The latest
// gossip on BFT consensus" (Buchman, Kwon, Milosevic, 2018), with the refinements in
// docs/protocol/consensus.md §State machine. It never signs, reads a clock or does I/O: every
// input returns the actions the host must perform (sign-and-broadcast, schedule a timeout,
// validate a block, build a block, commit a decided block, report evidence).
//
// Host contract: verify signatures before feeding messages in (verify_vote against
// validator_set(); verify_proposal against proposer_key(round)); for every Broadcast action,
// SignGuard::approve its record, persist the record, sign, send to peers AND feed the signed
// message back into this machine — own messages count only once they come back signed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "consensus/vote_set.hpp"

namespace weft::consensus {

enum class TimeoutKind : std::uint8_t {
  Propose = 1,
  Prevote = 2,
  Precommit = 3,
};

// Genesis parameters: timeout(round) = base + round x delta, so rounds slow down until the
// network's real delays fit (partial synchrony).
struct TimeoutParams {
  std::uint32_t propose_ms = 3000;
  std::uint32_t propose_delta_ms = 500;
  std::uint32_t prevote_ms = 1000;
  std::uint32_t prevote_delta_ms = 500;
  std::uint32_t precommit_ms = 1000;
  std::uint32_t precommit_delta_ms = 500;
  std::uint64_t duration_ms(TimeoutKind kind, std::uint32_t round) const;
};

enum class Step : std::uint8_t {
  Idle = 0, // before start_height
  Propose,
  Prevote,
  Precommit,
  Decided, // this height is decided; only precommits are still read (conflict detection)
};

// Sign (after SignGuard::approve(record) and persisting record) and broadcast.
struct BroadcastProposal {
  Proposal proposal; // signature left zero
  LastSigned record;
};
struct BroadcastVote {
  Vote vote; // signature left zero
  LastSigned record;
};
// Call on_timeout(kind, height, round) after duration_ms.
struct ScheduleTimeout {
  TimeoutKind kind;
  std::uint64_t height;
  std::uint32_t round;
  std::uint64_t duration_ms;
};
// Validate this block (fetching it if needed) and answer with on_block_validity.
struct RequestValidity {
  std::uint64_t height;
  BlockId block;
};
// We propose this round: build a block and answer with on_proposal_block.
struct RequestProposalBlock {
  std::uint64_t height;
  std::uint32_t round;
};
// The height is decided: commit `block` with `commit` (its signatures are the precommits seen),
// then call start_height for the next height.
struct Decide {
  std::uint64_t height;
  std::uint32_t round;
  BlockId block;
  Commit commit;
};
// A validator equivocated; gossip and include the evidence.
struct EvidenceFound {
  DuplicateVoteEvidence evidence;
};
// Fatal: more than 2/3 precommitted a different block at a decided height, so more than 1/3 of
// the power is Byzantine. The host halts and surfaces both commits.
struct ConflictingCommits {
  Commit decided;
  Commit conflicting;
};

using Action = std::variant<BroadcastProposal, BroadcastVote, ScheduleTimeout, RequestValidity,
                            RequestProposalBlock, Decide, EvidenceFound, ConflictingCommits>;
using Actions = std::vector<Action>;

class StateMachine {
public:
  // Proposals are accepted (and proposer keys computed) at most this many rounds ahead.
  static constexpr std::uint32_t kProposalLookahead = 8;
  // A validator's votes are kept for at most this many rounds above ours (CometBFT keeps two
  // "catch-up" rounds per peer); more would let one validator fill memory.
  static constexpr std::size_t kFutureRoundsPerValidator = 2;

  explicit StateMachine(TimeoutParams timeouts) : timeouts_(timeouts) {}

  // Begins `height` with its validator set (priorities at round 0). own_key: ours if we
  // validate. restore: the persisted LastSigned; if it is for this height the machine resumes
  // at its round and step with its lock, and never signs anything it would conflict with.
  Actions start_height(std::uint64_t height, ValidatorSet set,
                       std::optional<PublicKey> own_key = std::nullopt,
                       const std::optional<LastSigned>& restore = std::nullopt);

  // A proposal whose signature the host verified against proposer_key(proposal.round).
  Actions on_proposal(const Proposal& proposal);
  // A vote whose signature the host verified with verify_vote(chain_id, validator_set(), vote).
  Actions on_vote(const Vote& vote);
  // A whole commit for this height, from a peer that decided it (catch-up): the host checked
  // it with verify_commit(chain_id, validator_set(), commit, height(), commit.block). It decides
  // as 2f+1 precommits would (line 49), even if some of its votes conflict with votes we saw.
  Actions on_commit(const Commit& commit);
  Actions on_timeout(TimeoutKind kind, std::uint64_t height, std::uint32_t round);
  Actions on_block_validity(const BlockId& block, bool valid);
  // The host's answer to RequestProposalBlock.
  Actions on_proposal_block(std::uint64_t height, std::uint32_t round, const BlockId& block);

  std::uint64_t height() const { return height_; }
  std::uint32_t round() const { return round_; }
  Step step() const { return step_; }
  const ValidatorSet& validator_set() const { return set_; }
  std::optional<std::uint32_t> own_index() const { return own_index_; }
  const MaybeBlock& locked_block() const { return locked_block_; }
  std::uint32_t locked_round() const { return locked_round_; }
  const MaybeBlock& valid_block() const { return valid_block_; }
  std::uint32_t valid_round() const { return valid_round_; }
  const std::optional<Decide>& decision() const { return decision_; }
  // The votes counted for (round, type), ascending by validator: what a host gossips to peers
  // that lack them (e.g. the prevotes behind valid_round(), which a later proposal cites).
  std::vector<Vote> votes(std::uint32_t round, VoteType type) const;
  // Power of the distinct validators whose `type` votes for `round` this machine counted.
  std::uint64_t power_seen(std::uint32_t round, VoteType type) const;

  // The proposer of `round` at this height (nullopt beyond round() + kProposalLookahead).
  std::optional<std::uint32_t> proposer_index(std::uint32_t round);
  std::optional<PublicKey> proposer_key(std::uint32_t round);

private:
  struct RoundState {
    explicit RoundState(std::size_t n) : prevotes(n), precommits(n) {}
    std::optional<Proposal> proposal;
    VoteSet prevotes;
    VoteSet precommits;
    bool prevote_timeout_scheduled = false;   // line 34, "for the first time"
    bool precommit_timeout_scheduled = false; // line 47
    bool valid_updated = false;               // line 36, "for the first time"
  };

  RoundState& round_state(std::uint32_t round);
  bool voted_in(std::uint32_t round, std::uint32_t validator) const;
  std::optional<bool> validity(const BlockId& block, Actions& out);

  void start_round(std::uint32_t round, Actions& out);
  void broadcast_proposal(const BlockId& block, std::uint32_t pol_round, Actions& out);
  void broadcast_vote(VoteType type, const MaybeBlock& block, Actions& out);
  void schedule(TimeoutKind kind, Actions& out);
  void run_rules(Actions& out);

  bool rule_decide(Actions& out);
  bool rule_round_skip(Actions& out);
  bool rule_proposal(Actions& out);
  bool rule_lock(Actions& out);
  bool rule_step_timeouts_and_nil(Actions& out);
  void check_conflicting_commits(Actions& out);

  TimeoutParams timeouts_;
  std::uint64_t height_ = 0;
  std::uint32_t round_ = 0;
  Step step_ = Step::Idle;
  ValidatorSet set_;
  std::optional<std::uint32_t> own_index_;

  MaybeBlock locked_block_;
  std::uint32_t locked_round_ = kNoRound;
  MaybeBlock valid_block_;
  std::uint32_t valid_round_ = kNoRound;

  std::map<std::uint32_t, RoundState> rounds_;
  std::map<BlockId, std::optional<bool>> validity_;   // requested blocks; nullopt while pending
  std::optional<std::uint32_t> awaiting_block_round_; // RequestProposalBlock outstanding
  std::optional<std::uint32_t> proposed_round_;       // we signed a proposal in this round
  std::optional<Decide> decision_;
  std::optional<Commit> received_commit_; // from on_commit, until valid(v) is known
  bool conflict_reported_ = false;

  // Proposer cache: proposers_[r] for rounds computed so far; cursor_ is the round-0 set after
  // rescale/centre and proposers_.size() - 1 increments.
  std::vector<std::uint32_t> proposers_;
  std::vector<Validator> cursor_;
};

} // namespace weft::consensus
