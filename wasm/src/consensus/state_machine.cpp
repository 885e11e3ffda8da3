// Tendermint BFT, Algorithm 1 (Buchman, Kwon, Milosevic 2018), sans-I/O. Line numbers in the
// comments are the paper's; docs/protocol/consensus.md lists every deviation and why.
#include "consensus/state_machine.hpp"

#include <algorithm>
#include <cassert>

namespace weft::consensus {

std::uint64_t TimeoutParams::duration_ms(TimeoutKind kind, std::uint32_t round) const {
  std::uint64_t base = 0;
  std::uint64_t delta = 0;
  switch (kind) {
  case TimeoutKind::Propose:
    base = propose_ms;
    delta = propose_delta_ms;
    break;
  case TimeoutKind::Prevote:
    base = prevote_ms;
    delta = prevote_delta_ms;
    break;
  case TimeoutKind::Precommit:
    base = precommit_ms;
    delta = precommit_delta_ms;
    break;
  }
  // < 2^32 + 2^32 x 2^32: no overflow.
  return base + std::uint64_t{round} * delta;
}

// ---- inputs --------------------------------------------------------------------------------

Actions StateMachine::start_height(std::uint64_t height, ValidatorSet set,
                                   std::optional<PublicKey> own_key,
                                   const std::optional<LastSigned>& restore) {
  Actions out;
  assert(height >= 1 && set.size() > 0);
  height_ = height;
  set_ = std::move(set);
  own_index_ = own_key ? set_.index_of(*own_key) : std::nullopt;
  // Line 53: a new height forgets locks, valid values and the message log.
  locked_block_.reset();
  locked_round_ = kNoRound;
  valid_block_.reset();
  valid_round_ = kNoRound;
  rounds_.clear();
  validity_.clear();
  awaiting_block_round_.reset();
  proposed_round_.reset();
  decision_.reset();
  received_commit_.reset();
  conflict_reported_ = false;
  proposers_.assign(1, set_.proposer_index());
  cursor_.assign(set_.validators().begin(), set_.validators().end());
  rescale_and_centre(cursor_, set_.total_power());

  if (restore && restore->height == height_) {
    // Resume where the last signature left us: never revisit an earlier (round, step), since
    // that is where a second, conflicting signature would come from.
    round_ = restore->round;
    locked_block_ = restore->locked_block;
    locked_round_ = restore->locked_round;
    valid_block_ = restore->valid_block;
    valid_round_ = restore->valid_round;
    round_state(round_);
    switch (restore->step) {
    case SignedStep::Proposal:
      step_ = Step::Propose;
      proposed_round_ = round_;
      schedule(TimeoutKind::Propose, out);
      break;
    case SignedStep::Prevote:
      step_ = Step::Prevote;
      schedule(TimeoutKind::Prevote, out);
      break;
    case SignedStep::Precommit:
      step_ = Step::Precommit;
      schedule(TimeoutKind::Precommit, out);
      break;
    }
    run_rules(out);
    return out;
  }
  // Line 10.
  start_round(0, out);
  run_rules(out);
  return out;
}

Actions StateMachine::on_proposal(const Proposal& p) {
  Actions out;
  if (step_ == Step::Idle || step_ == Step::Decided || p.height != height_) return out;
  if (p.round > kMaxRound || (p.pol_round != kNoRound && p.pol_round >= p.round)) return out;
  if (p.round > round_ && p.round - round_ > kProposalLookahead) return out;
  auto& rs = round_state(p.round);
  // The first proposal of a round wins; a proposer that equivocates gets nothing more from us.
  if (rs.proposal) return out;
  rs.proposal = p;
  validity(p.block, out);
  run_rules(out);
  return out;
}

Actions StateMachine::on_vote(const Vote& vote) {
  Actions out;
  if (step_ == Step::Idle || vote.height != height_) return out;
  if (vote.validator_index >= set_.size() || vote.round > kMaxRound) return out;
  if (step_ == Step::Decided && vote.type != VoteType::Precommit) return out;
  if (vote.round > round_ && rounds_.find(vote.round) == rounds_.end()) {
    std::size_t future = 0;
    for (auto it = rounds_.upper_bound(round_); it != rounds_.end(); ++it) {
      if (voted_in(it->first, vote.validator_index)) ++future;
    }
    if (future >= kFutureRoundsPerValidator) return out;
  }
  auto& rs = round_state(vote.round);
  auto& votes = vote.type == VoteType::Prevote ? rs.prevotes : rs.precommits;
  const auto outcome = votes.add(vote, set_[vote.validator_index].power);
  if (outcome.evidence) out.push_back(EvidenceFound{*outcome.evidence});
  if (outcome.result != VoteSet::AddResult::Added &&
      outcome.result != VoteSet::AddResult::Conflict) {
    return out;
  }
  run_rules(out);
  return out;
}

Actions StateMachine::on_commit(const Commit& commit) {
  Actions out;
  if (step_ == Step::Idle || commit.height != height_) return out;
  if (step_ == Step::Decided) {
    if (commit.block != decision_->block && !conflict_reported_) {
      conflict_reported_ = true;
      out.push_back(ConflictingCommits{decision_->commit, commit});
    }
    return out;
  }
  if (received_commit_) return out;
  received_commit_ = commit;
  validity(commit.block, out);
  run_rules(out);
  return out;
}

Actions StateMachine::on_timeout(TimeoutKind kind, std::uint64_t height, std::uint32_t round) {
  Actions out;
  if (height != height_ || round != round_) return out;
  switch (kind) {
  case TimeoutKind::Propose: // lines 57-60
    if (step_ == Step::Propose) {
      broadcast_vote(VoteType::Prevote, std::nullopt, out);
      step_ = Step::Prevote;
    }
    break;
  case TimeoutKind::Prevote: // lines 61-64
    if (step_ == Step::Prevote) {
      broadcast_vote(VoteType::Precommit, std::nullopt, out);
      step_ = Step::Precommit;
    }
    break;
  case TimeoutKind::Precommit: // lines 65-67
    if (step_ != Step::Idle && step_ != Step::Decided && round_ < kMaxRound) {
      start_round(round_ + 1, out);
    }
    break;
  }
  run_rules(out);
  return out;
}

Actions StateMachine::on_block_validity(const BlockId& block, bool valid) {
  Actions out;
  const auto it = validity_.find(block);
  // Only answers to our own requests are kept, so a host cannot grow the map by accident.
  if (it == validity_.end() || it->second.has_value()) return out;
  it->second = valid;
  run_rules(out);
  return out;
}

Actions StateMachine::on_proposal_block(std::uint64_t height, std::uint32_t round,
                                        const BlockId& block) {
  Actions out;
  if (height != height_ || round != round_ || step_ != Step::Propose ||
      awaiting_block_round_ != round) {
    return out;
  }
  awaiting_block_round_.reset();
  broadcast_proposal(block, kNoRound, out); // line 17-18 with getValue()
  run_rules(out);
  return out;
}

// ---- proposer ------------------------------------------------------------------------------

std::optional<std::uint32_t> StateMachine::proposer_index(std::uint32_t round) {
  if (step_ == Step::Idle) return std::nullopt;
  if (round > round_ && round - round_ > kProposalLookahead) return std::nullopt;
  // Rounds are counted from the height's round-0 set in one rescale-and-centre pass, so every
  // node agrees on round r's proposer however it reached r (consensus.md §Proposer selection).
  while (proposers_.size() <= round) {
    proposers_.push_back(static_cast<std::uint32_t>(select_proposer(cursor_, set_.total_power())));
  }
  return proposers_[round];
}

std::optional<PublicKey> StateMachine::proposer_key(std::uint32_t round) {
  const auto index = proposer_index(round);
  if (!index) return std::nullopt;
  return set_[*index].public_key;
}

std::vector<Vote> StateMachine::votes(std::uint32_t round, VoteType type) const {
  std::vector<Vote> out;
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return out;
  const auto& set = type == VoteType::Prevote ? it->second.prevotes : it->second.precommits;
  for (const auto& mine : set.votes()) out.insert(out.end(), mine.begin(), mine.end());
  return out;
}

std::uint64_t StateMachine::power_seen(std::uint32_t round, VoteType type) const {
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return 0;
  return type == VoteType::Prevote ? it->second.prevotes.power_seen()
                                   : it->second.precommits.power_seen();
}

// ---- helpers -------------------------------------------------------------------------------

StateMachine::RoundState& StateMachine::round_state(std::uint32_t round) {
  auto it = rounds_.find(round);
  if (it == rounds_.end()) it = rounds_.emplace(round, RoundState(set_.size())).first;
  return it->second;
}

bool StateMachine::voted_in(std::uint32_t round, std::uint32_t validator) const {
  const auto it = rounds_.find(round);
  return it != rounds_.end() &&
         (it->second.prevotes.has_vote(validator) || it->second.precommits.has_vote(validator));
}

// valid(v): the host's answer, asked for once per block.
std::optional<bool> StateMachine::validity(const BlockId& block, Actions& out) {
  const auto it = validity_.find(block);
  if (it != validity_.end()) return it->second;
  validity_.emplace(block, std::nullopt);
  out.push_back(RequestValidity{height_, block});
  return std::nullopt;
}

void StateMachine::schedule(TimeoutKind kind, Actions& out) {
  out.push_back(ScheduleTimeout{kind, height_, round_, timeouts_.duration_ms(kind, round_)});
}

namespace {
LastSigned make_record(std::uint64_t height, std::uint32_t round, SignedStep step,
                       const MaybeBlock& block, std::uint32_t pol_round, std::uint32_t locked_round,
                       const MaybeBlock& locked_block, std::uint32_t valid_round,
                       const MaybeBlock& valid_block) {
  return LastSigned{height,       round,        step,        block,      pol_round,
                    locked_round, locked_block, valid_round, valid_block};
}
} // namespace

void StateMachine::broadcast_proposal(const BlockId& block, std::uint32_t pol_round, Actions& out) {
  proposed_round_ = round_;
  const Proposal p{height_, round_, pol_round, block, Signature{}};
  out.push_back(
      BroadcastProposal{p, make_record(height_, round_, SignedStep::Proposal, block, pol_round,
                                       locked_round_, locked_block_, valid_round_, valid_block_)});
}

void StateMachine::broadcast_vote(VoteType type, const MaybeBlock& block, Actions& out) {
  // A non-validator follows consensus without voting.
  if (!own_index_) return;
  const Vote v{type, height_, round_, block, *own_index_, Signature{}};
  const auto step = type == VoteType::Prevote ? SignedStep::Prevote : SignedStep::Precommit;
  out.push_back(BroadcastVote{v, make_record(height_, round_, step, block, kNoRound, locked_round_,
                                             locked_block_, valid_round_, valid_block_)});
}

// Lines 11-21.
void StateMachine::start_round(std::uint32_t round, Actions& out) {
  round_ = round;
  step_ = Step::Propose;
  round_state(round_);
  awaiting_block_round_.reset();
  // Scheduled for the proposer too (the paper does not): if the host never answers
  // RequestProposalBlock, the round still moves on.
  schedule(TimeoutKind::Propose, out);
  if (!own_index_ || proposer_index(round_) != own_index_ || proposed_round_ == round_) return;
  if (valid_block_) {
    broadcast_proposal(*valid_block_, valid_round_, out); // line 16
  } else {
    awaiting_block_round_ = round_; // line 17: getValue() is the host's
    out.push_back(RequestProposalBlock{height_, round_});
  }
}

// ---- upon rules ----------------------------------------------------------------------------

void StateMachine::run_rules(Actions& out) {
  // Apply every enabled rule until none is: each firing moves the step, round or height
  // forward or sets a once-only flag, so this terminates.
  for (;;) {
    if (step_ == Step::Idle) return;
    if (step_ == Step::Decided) {
      check_conflicting_commits(out);
      return;
    }
    if (rule_decide(out)) continue;
    if (rule_round_skip(out)) continue;
    if (rule_proposal(out)) continue;
    if (rule_lock(out)) continue;
    if (rule_step_timeouts_and_nil(out)) continue;
    return;
  }
}

// Lines 49-54, for any round r: 2f+1 precommits for id(v) and valid(v). The paper also wants
// the proposal for v; here the block id is the value and the host fetches the block to answer
// valid(v), so a node that missed the proposal (or catches up from a commit) still decides.
bool StateMachine::rule_decide(Actions& out) {
  if (received_commit_) {
    const auto valid = validity(received_commit_->block, out);
    if (valid && *valid) {
      decision_ =
          Decide{height_, received_commit_->round, received_commit_->block, *received_commit_};
      step_ = Step::Decided;
      out.push_back(*decision_);
      return true;
    }
  }
  for (auto& [r, rs] : rounds_) {
    const auto q = rs.precommits.quorum(set_.total_power());
    if (!q || !q->has_value()) continue;
    const BlockId block = **q;
    const auto valid = validity(block, out);
    if (!valid || !*valid) continue;
    Commit commit{height_, r, block, rs.precommits.signatures_for(block)};
    decision_ = Decide{height_, r, block, commit};
    step_ = Step::Decided;
    out.push_back(*decision_);
    return true;
  }
  return false;
}

// Lines 55-56: f+1 of the power sent something in a later round, so at least one honest
// validator is there; jump to the highest such round.
bool StateMachine::rule_round_skip(Actions& out) {
  for (auto it = rounds_.rbegin(); it != rounds_.rend() && it->first > round_; ++it) {
    const auto& rs = it->second;
    std::uint64_t power = 0;
    std::optional<std::uint32_t> proposer;
    if (rs.proposal) proposer = proposer_index(it->first);
    for (std::uint32_t i = 0; i < set_.size(); ++i) {
      if (rs.prevotes.has_vote(i) || rs.precommits.has_vote(i) || proposer == i) {
        power += set_[i].power;
      }
    }
    if (exceeds_one_third(power, set_.total_power())) {
      start_round(it->first, out);
      return true;
    }
  }
  return false;
}

// Lines 22-27 (no proof of lock) and 28-33 (proof of lock from round vr).
bool StateMachine::rule_proposal(Actions& out) {
  if (step_ != Step::Propose) return false;
  const auto& rs = round_state(round_);
  if (!rs.proposal) return false;
  const Proposal& p = *rs.proposal;
  const std::uint32_t vr = p.pol_round;
  bool lock_allows;
  if (vr == kNoRound) {
    lock_allows = locked_round_ == kNoRound || locked_block_ == p.block; // line 23
  } else {
    const auto it = rounds_.find(vr);
    if (it == rounds_.end() ||
        !is_quorum(it->second.prevotes.power_for(p.block), set_.total_power())) {
      return false; // line 28 needs 2f+1 prevotes for id(v) in round vr
    }
    // Line 29: lockedRound <= vr (no lock counts as -1).
    lock_allows = locked_round_ == kNoRound || locked_round_ <= vr || locked_block_ == p.block;
  }
  const auto valid = validity(p.block, out);
  if (!valid) return false; // wait for the host (timeoutPropose bounds the wait)
  if (*valid && lock_allows) {
    broadcast_vote(VoteType::Prevote, p.block, out);
  } else {
    broadcast_vote(VoteType::Prevote, std::nullopt, out);
  }
  step_ = Step::Prevote;
  return true;
}

// Lines 36-43: 2f+1 prevotes for id(v) in this round, valid(v), step >= prevote, first time.
// As in rule_decide, the quorum names v; the proposal is not required.
bool StateMachine::rule_lock(Actions& out) {
  if (step_ != Step::Prevote && step_ != Step::Precommit) return false;
  auto& rs = round_state(round_);
  if (rs.valid_updated) return false;
  const auto q = rs.prevotes.quorum(set_.total_power());
  if (!q || !q->has_value()) return false;
  const BlockId block = **q;
  const auto valid = validity(block, out);
  if (!valid || !*valid) return false;
  rs.valid_updated = true;
  if (step_ == Step::Prevote) {
    locked_block_ = block; // lines 38-39
    locked_round_ = round_;
    valid_block_ = block; // set before signing so the persisted record carries it
    valid_round_ = round_;
    broadcast_vote(VoteType::Precommit, block, out);
    step_ = Step::Precommit;
  }
  valid_block_ = block; // lines 42-43
  valid_round_ = round_;
  return true;
}

// Lines 34-35, 44-46 and 47-48.
bool StateMachine::rule_step_timeouts_and_nil(Actions& out) {
  auto& rs = round_state(round_);
  const std::uint64_t total = set_.total_power();
  if (step_ == Step::Prevote) {
    const auto q = rs.prevotes.quorum(total);
    if (q && !q->has_value()) { // line 44: 2f+1 prevotes for nil
      broadcast_vote(VoteType::Precommit, std::nullopt, out);
      step_ = Step::Precommit;
      return true;
    }
    if (!rs.prevote_timeout_scheduled && is_quorum(rs.prevotes.power_seen(), total)) {
      rs.prevote_timeout_scheduled = true; // line 34
      schedule(TimeoutKind::Prevote, out);
    }
  }
  if (!rs.precommit_timeout_scheduled && is_quorum(rs.precommits.power_seen(), total)) {
    rs.precommit_timeout_scheduled = true; // line 47
    schedule(TimeoutKind::Precommit, out);
  }
  return false;
}

// After a decision, a quorum of precommits for another block in any round means more than 1/3
// of the power signed two commits: fatal, and the host must see both.
void StateMachine::check_conflicting_commits(Actions& out) {
  if (conflict_reported_ || !decision_) return;
  for (auto& [r, rs] : rounds_) {
    const auto q = rs.precommits.quorum(set_.total_power());
    if (!q || !q->has_value() || **q == decision_->block) continue;
    conflict_reported_ = true;
    out.push_back(ConflictingCommits{decision_->commit,
                                     Commit{height_, r, **q, rs.precommits.signatures_for(**q)}});
    return;
  }
}

} // namespace weft::consensus
