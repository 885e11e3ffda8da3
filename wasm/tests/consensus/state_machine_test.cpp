// The Tendermint state machine (Algorithm 1; docs/protocol/consensus.md §State machine), driven
// by hand: each scenario feeds inputs and checks the exact actions that come out.
#include <doctest/doctest.h>

#include <variant>

#include "consensus/state_machine.hpp"
#include "fixtures.hpp"

namespace c = weft::consensus;
using weft::test::consensus::block_id;
using weft::test::consensus::Network;

namespace {

const c::TimeoutParams kT{300, 100, 150, 50, 170, 60};

template <typename T> std::vector<T> only(const c::Actions& actions) {
  std::vector<T> out;
  for (const auto& a : actions) {
    if (const auto* x = std::get_if<T>(&a)) out.push_back(*x);
  }
  return out;
}

// Four validators of power 10 (quorum: 3, one third: 2); we are set member `me`.
struct Harness {
  Network net{{10, 10, 10, 10}};
  c::StateMachine sm{kT};
  std::uint32_t me;
  c::Actions last;

  explicit Harness(std::uint32_t me_index) : me(me_index) {}
  static std::uint32_t proposer0() { return Network({10, 10, 10, 10}).set.proposer_index(); }

  c::Actions start(std::uint64_t h = 1, const std::optional<c::LastSigned>& restore = {}) {
    return last = sm.start_height(h, net.set, net.set[me].public_key, restore);
  }
  c::Actions vote(c::VoteType t, std::uint32_t round, c::MaybeBlock b, std::uint32_t who) {
    return last = sm.on_vote(c::Vote{t, sm.height(), round, b, who, {}});
  }
  // Votes from several validators; returns all actions together.
  c::Actions votes(c::VoteType t, std::uint32_t round, c::MaybeBlock b,
                   std::vector<std::uint32_t> who) {
    c::Actions all;
    for (auto w : who) {
      auto a = vote(t, round, b, w);
      all.insert(all.end(), a.begin(), a.end());
    }
    return last = all;
  }
  c::Actions proposal(std::uint32_t round, c::BlockId b, std::uint32_t pol = c::kNoRound) {
    return last = sm.on_proposal(c::Proposal{sm.height(), round, pol, b, {}});
  }
  std::vector<std::uint32_t> others(std::size_t count) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < 4 && out.size() < count; ++i) {
      if (i != me) out.push_back(i);
    }
    return out;
  }
  std::uint32_t proposer(std::uint32_t round) { return *sm.proposer_index(round); }
  // Someone who is not the proposer of rounds 0..3 we care about.
  static std::uint32_t non_proposer() { return (proposer0() + 1) % 4; }
};

std::optional<c::Vote> broadcast_vote(const c::Actions& a) {
  const auto v = only<c::BroadcastVote>(a);
  if (v.empty()) return std::nullopt;
  REQUIRE(v.size() == 1);
  return v.front().vote;
}

} // namespace

TEST_CASE("state machine: happy path, four validators") {
  Harness h(Harness::non_proposer());
  auto a = h.start();
  REQUIRE(only<c::ScheduleTimeout>(a).size() == 1);
  CHECK(only<c::ScheduleTimeout>(a)[0].kind == c::TimeoutKind::Propose);
  CHECK(only<c::ScheduleTimeout>(a)[0].duration_ms == 300);
  CHECK(only<c::RequestProposalBlock>(a).empty());

  const auto A = block_id(0xa);
  a = h.proposal(0, A);
  REQUIRE(only<c::RequestValidity>(a).size() == 1);
  CHECK_FALSE(broadcast_vote(a)); // valid(v) not known yet
  a = h.sm.on_block_validity(A, true);
  auto v = broadcast_vote(a);
  REQUIRE(v);
  CHECK(v->type == c::VoteType::Prevote);
  CHECK(v->block == A);
  CHECK(v->validator_index == h.me);
  CHECK(h.sm.step() == c::Step::Prevote);

  // Our own prevote comes back signed, plus two more: 2f+1 for A -> lock and precommit A.
  a = h.votes(c::VoteType::Prevote, 0, A, {h.me, h.others(1)[0]});
  CHECK_FALSE(broadcast_vote(a));
  a = h.vote(c::VoteType::Prevote, 0, A, h.others(2)[1]);
  v = broadcast_vote(a);
  REQUIRE(v);
  CHECK(v->type == c::VoteType::Precommit);
  CHECK(v->block == A);
  CHECK(h.sm.locked_block() == A);
  CHECK(h.sm.locked_round() == 0);
  const auto rec = only<c::BroadcastVote>(a)[0].record;
  CHECK(rec.locked_block == A); // the persisted record carries the new lock

  a = h.votes(c::VoteType::Precommit, 0, A, {h.me, h.others(2)[0], h.others(2)[1]});
  const auto d = only<c::Decide>(a);
  REQUIRE(d.size() == 1);
  CHECK(d[0].height == 1);
  CHECK(d[0].block == A);
  CHECK(d[0].commit.signatures.size() == 3);
  CHECK(d[0].commit.signatures[0].validator_index < d[0].commit.signatures[1].validator_index);
  CHECK(h.sm.step() == c::Step::Decided);
  // A fourth precommit after the decision changes nothing.
  CHECK(h.vote(c::VoteType::Precommit, 0, A, h.others(3)[2]).empty());

  // Next height: locks are gone.
  h.start(2);
  CHECK(h.sm.height() == 2);
  CHECK_FALSE(h.sm.locked_block());
}

TEST_CASE("state machine: the proposer asks for a block, proposes, re-proposes its valid value") {
  const auto p0 = Harness::proposer0();
  Harness h(p0);
  auto a = h.start();
  REQUIRE(only<c::RequestProposalBlock>(a).size() == 1);
  CHECK(h.sm.on_proposal_block(1, 1, block_id(1)).empty()); // wrong round: ignored
  a = h.sm.on_proposal_block(1, 0, block_id(1));
  const auto p = only<c::BroadcastProposal>(a);
  REQUIRE(p.size() == 1);
  CHECK(p[0].proposal.block == block_id(1));
  CHECK(p[0].proposal.pol_round == c::kNoRound);
  CHECK(p[0].record.step == c::SignedStep::Proposal);
  CHECK(h.sm.on_proposal_block(1, 0, block_id(2)).empty()); // only once
}

TEST_CASE("state machine: an invalid block gets a nil prevote; a propose timeout too") {
  Harness h(Harness::non_proposer());
  h.start();
  h.proposal(0, block_id(3));
  const auto v = broadcast_vote(h.sm.on_block_validity(block_id(3), false));
  REQUIRE(v);
  CHECK_FALSE(v->block.has_value());

  Harness t(Harness::non_proposer());
  t.start();
  CHECK(t.sm.on_timeout(c::TimeoutKind::Propose, 1, 1).empty()); // stale round
  const auto nil = broadcast_vote(t.sm.on_timeout(c::TimeoutKind::Propose, 1, 0));
  REQUIRE(nil);
  CHECK_FALSE(nil->block.has_value());
  CHECK(t.sm.on_timeout(c::TimeoutKind::Propose, 1, 0).empty()); // already past propose
}

TEST_CASE("state machine: nil quorum, step timeouts, and timeouts that grow per round") {
  Harness h(Harness::non_proposer());
  h.start();
  h.sm.on_timeout(c::TimeoutKind::Propose, 1, 0);
  // 2f+1 prevotes of mixed kinds: schedule timeoutPrevote (line 34), no precommit yet.
  auto a = h.votes(c::VoteType::Prevote, 0, std::nullopt, {h.me});
  a = h.votes(c::VoteType::Prevote, 0, block_id(5), {h.others(2)[0], h.others(2)[1]});
  auto t = only<c::ScheduleTimeout>(a);
  REQUIRE(t.size() == 1);
  CHECK(t[0].kind == c::TimeoutKind::Prevote);
  CHECK(t[0].duration_ms == 150);
  CHECK_FALSE(broadcast_vote(a));
  auto pc = broadcast_vote(h.sm.on_timeout(c::TimeoutKind::Prevote, 1, 0));
  REQUIRE(pc);
  CHECK(pc->type == c::VoteType::Precommit);
  CHECK_FALSE(pc->block.has_value());
  // 2f+1 precommits of any kind: timeoutPrecommit (line 47), then round 1 with longer timeouts.
  a = h.votes(c::VoteType::Precommit, 0, std::nullopt, {h.me, h.others(2)[0]});
  a = h.vote(c::VoteType::Precommit, 0, block_id(5), h.others(2)[1]);
  t = only<c::ScheduleTimeout>(a);
  REQUIRE(t.size() == 1);
  CHECK(t[0].kind == c::TimeoutKind::Precommit);
  CHECK(t[0].duration_ms == 170);
  a = h.sm.on_timeout(c::TimeoutKind::Precommit, 1, 0);
  CHECK(h.sm.round() == 1);
  t = only<c::ScheduleTimeout>(a);
  REQUIRE(t.size() == 1);
  CHECK(t[0].duration_ms == 400); // 300 + 1 x 100
  CHECK(kT.duration_ms(c::TimeoutKind::Prevote, 4) == 350);
  CHECK(kT.duration_ms(c::TimeoutKind::Precommit, 10) == 770);

  // 2f+1 nil prevotes in round 1: precommit nil at once (line 44).
  h.sm.on_timeout(c::TimeoutKind::Propose, 1, 1);
  a = h.votes(c::VoteType::Prevote, 1, std::nullopt, {h.me, h.others(2)[0], h.others(2)[1]});
  pc = broadcast_vote(a);
  REQUIRE(pc);
  CHECK(pc->type == c::VoteType::Precommit);
  CHECK(pc->round == 1);
  CHECK_FALSE(pc->block.has_value());
}

TEST_CASE("state machine: round skip needs f+1 from a later round") {
  Harness h(Harness::non_proposer());
  h.start();
  const auto o = h.others(3);
  h.vote(c::VoteType::Prevote, 5, std::nullopt, o[0]);
  CHECK(h.sm.round() == 0); // 10 of 40 is not more than 1/3
  auto a = h.vote(c::VoteType::Precommit, 5, std::nullopt, o[1]);
  CHECK(h.sm.round() == 5); // 20 of 40 is
  const auto t = only<c::ScheduleTimeout>(a);
  REQUIRE_FALSE(t.empty());
  CHECK(t[0].round == 5);
  CHECK(t[0].duration_ms == 800);
  // Earlier rounds no longer move us.
  h.votes(c::VoteType::Prevote, 3, std::nullopt, {o[0], o[1], o[2]});
  CHECK(h.sm.round() == 5);
}

TEST_CASE("state machine: locked, refuses a new block, unlocks on a newer proof of lock") {
  Harness h(Harness::non_proposer());
  h.start();
  const auto A = block_id(0xa);
  const auto B = block_id(0xb);
  const auto o = h.others(3);
  h.proposal(0, A);
  h.sm.on_block_validity(A, true);
  // Lock on A in round 0.
  h.votes(c::VoteType::Prevote, 0, A, {h.me, o[0], o[1]});
  CHECK(h.sm.locked_block() == A);
  // Round 0 fails to commit; move to round 1.
  h.votes(c::VoteType::Precommit, 0, std::nullopt, {o[0], o[1], o[2]});
  h.sm.on_timeout(c::TimeoutKind::Precommit, 1, 0);
  REQUIRE(h.sm.round() == 1);
  if (h.proposer(1) == h.me) return; // (not with this fixture's priorities)

  // Round 1 proposes B without a proof of lock: locked on A, so nil (line 23).
  h.proposal(1, B);
  auto v = broadcast_vote(h.sm.on_block_validity(B, true));
  REQUIRE(v);
  CHECK_FALSE(v->block.has_value());
  // The others prevote B: 2f+1 for B while we are in the prevote step of round 1, so line 36
  // fires — valid value, lock and precommit all move to B. A newer lock replaces an older one.
  const auto pc = broadcast_vote(h.votes(c::VoteType::Prevote, 1, B, {o[0], o[1], o[2]}));
  REQUIRE(pc);
  CHECK(pc->type == c::VoteType::Precommit);
  CHECK(pc->block == B);
  CHECK(h.sm.valid_block() == B);
  CHECK(h.sm.valid_round() == 1);
  CHECK(h.sm.locked_block() == B);
  CHECK(h.sm.locked_round() == 1);
}

TEST_CASE("state machine: proof of lock from a later round overrides an older lock") {
  Harness h(Harness::non_proposer());
  h.start();
  const auto A = block_id(0xa);
  const auto B = block_id(0xb);
  const auto o = h.others(3);
  h.proposal(0, A);
  h.sm.on_block_validity(A, true);
  h.votes(c::VoteType::Prevote, 0, A, {h.me, o[0], o[1]}); // locked A @ 0
  REQUIRE(h.sm.locked_round() == 0);
  // Round 1: we time out and prevote nil, but others saw 2f+1 prevotes for B in round 1.
  h.votes(c::VoteType::Precommit, 0, std::nullopt, {o[0], o[1], o[2]});
  h.sm.on_timeout(c::TimeoutKind::Precommit, 1, 0);
  h.sm.on_timeout(c::TimeoutKind::Propose, 1, 1);
  h.votes(c::VoteType::Precommit, 1, std::nullopt, {h.me, o[0], o[2]});
  h.sm.on_timeout(c::TimeoutKind::Precommit, 1, 1);
  REQUIRE(h.sm.round() == 2);
  if (h.proposer(2) == h.me) return;
  // Round 2's proposer proposes B with pol_round 1, but we lack the proof: wait (line 28).
  CHECK_FALSE(broadcast_vote(h.proposal(2, B, 1)));
  h.sm.on_block_validity(B, true);
  CHECK_FALSE(broadcast_vote(h.last));
  // The round-1 prevotes for B arrive: lockedRound 0 <= vr 1, so prevote B (line 29-30).
  auto a = h.votes(c::VoteType::Prevote, 1, B, {o[0], o[1], o[2]});
  const auto v = broadcast_vote(a);
  REQUIRE(v);
  CHECK(v->round == 2);
  CHECK(v->block == B);
}

TEST_CASE("state machine: equivocation is evidence and counted per block, once in total") {
  Harness h(Harness::non_proposer());
  h.start();
  const auto o = h.others(3);
  auto a = h.vote(c::VoteType::Prevote, 0, block_id(1), o[0]);
  CHECK(only<c::EvidenceFound>(a).empty());
  a = h.vote(c::VoteType::Prevote, 0, block_id(2), o[0]);
  const auto ev = only<c::EvidenceFound>(a);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].evidence.vote_a.validator_index == o[0]);
  CHECK(ev[0].evidence.vote_a.block != ev[0].evidence.vote_b.block);
  CHECK(h.sm.power_seen(0, c::VoteType::Prevote) == 10);
  // A third vote: no second evidence.
  CHECK(only<c::EvidenceFound>(h.vote(c::VoteType::Prevote, 0, std::nullopt, o[0])).empty());
  // The same vote again: nothing.
  CHECK(h.vote(c::VoteType::Prevote, 0, block_id(1), o[0]).empty());
}

TEST_CASE("state machine: restart resumes from the last-signed record, never re-signs") {
  Harness h(Harness::non_proposer());
  const auto A = block_id(0xa);
  c::LastSigned rec;
  rec.height = 1;
  rec.round = 2;
  rec.step = c::SignedStep::Prevote;
  rec.block = A;
  rec.locked_round = 1;
  rec.locked_block = A;
  rec.valid_round = 1;
  rec.valid_block = A;
  auto a = h.start(1, rec);
  CHECK(h.sm.round() == 2);
  CHECK(h.sm.step() == c::Step::Prevote);
  CHECK(h.sm.locked_block() == A);
  CHECK(h.sm.locked_round() == 1);
  CHECK(only<c::BroadcastVote>(a).empty());
  CHECK(only<c::ScheduleTimeout>(a).size() == 1);
  // A proposal for round 2 arrives: we already prevoted in round 2, nothing is signed.
  h.proposal(2, block_id(0xb));
  CHECK(only<c::BroadcastVote>(h.sm.on_block_validity(block_id(0xb), true)).empty());
  CHECK(only<c::BroadcastVote>(h.sm.on_timeout(c::TimeoutKind::Propose, 1, 2)).empty());
  // Moving on is allowed: a nil precommit after the prevote timeout.
  a = h.sm.on_timeout(c::TimeoutKind::Prevote, 1, 2);
  const auto v = broadcast_vote(a);
  REQUIRE(v);
  CHECK(v->type == c::VoteType::Precommit);
  c::SignGuard guard(rec);
  CHECK(guard.check(only<c::BroadcastVote>(a)[0].record).ok());
  // A record from an older height is ignored by the machine (the guard still holds it).
  Harness fresh(Harness::non_proposer());
  fresh.start(2, rec);
  CHECK(fresh.sm.round() == 0);
}

TEST_CASE("state machine: catch-up from a commit, and conflicting commits are fatal") {
  Harness h(Harness::non_proposer());
  h.start();
  const auto A = block_id(0xa);
  const auto B = block_id(0xb);
  auto a = h.sm.on_commit(h.net.commit(1, 3, A, {0, 1, 2}));
  REQUIRE(only<c::RequestValidity>(a).size() == 1);
  a = h.sm.on_block_validity(A, true);
  const auto d = only<c::Decide>(a);
  REQUIRE(d.size() == 1);
  CHECK(d[0].round == 3);
  // Later, 2f+1 precommits for another block in some round: ConflictingCommits.
  a = h.votes(c::VoteType::Precommit, 4, B, {0, 1, 3});
  const auto cc = only<c::ConflictingCommits>(a);
  REQUIRE(cc.size() == 1);
  CHECK(cc[0].decided.block == A);
  CHECK(cc[0].conflicting.block == B);
  CHECK(cc[0].conflicting.signatures.size() == 3);

  Harness k(Harness::non_proposer());
  k.start();
  k.sm.on_commit(k.net.commit(1, 0, A, {0, 1, 2}));
  k.sm.on_block_validity(A, true);
  REQUIRE(k.sm.decision());
  CHECK(only<c::ConflictingCommits>(k.sm.on_commit(k.net.commit(1, 1, B, {0, 1, 2}))).size() == 1);
}

TEST_CASE("state machine: ignores what it must ignore") {
  Harness h(Harness::non_proposer());
  CHECK(h.sm.on_vote(c::Vote{}).empty()); // not started
  h.start(3);
  CHECK(h.sm.on_vote(c::Vote{c::VoteType::Prevote, 2, 0, std::nullopt, 0, {}}).empty());
  CHECK(h.sm.on_vote(c::Vote{c::VoteType::Prevote, 3, 0, std::nullopt, 9, {}}).empty());
  CHECK(h.sm.on_proposal(c::Proposal{3, 0, 0, block_id(1), {}}).empty()); // pol_round == round
  CHECK(h.sm.on_proposal(c::Proposal{3, 100, c::kNoRound, block_id(1), {}}).empty()); // too far
  CHECK(h.sm.on_block_validity(block_id(9), true).empty());                           // never asked
  CHECK_FALSE(h.sm.proposer_key(100).has_value());
  // Future rounds per validator are bounded.
  h.vote(c::VoteType::Prevote, 10, std::nullopt, 0);
  h.vote(c::VoteType::Prevote, 11, std::nullopt, 0);
  h.vote(c::VoteType::Prevote, 12, std::nullopt, 0);
  CHECK(h.sm.power_seen(12, c::VoteType::Prevote) == 0);
}
