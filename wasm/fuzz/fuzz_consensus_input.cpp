// libFuzzer: a stream of arbitrary inputs — decoded proposals, votes and commits, timeouts,
// validity answers, block answers, restarts — fed to one state machine. It must never crash,
// trip an assert or a sanitizer, and its own invariants must hold after every step: never two
// different broadcasts for one (height, round, step), a decision at most once per height.
// Signatures are not checked here (the host does that), which only gives the fuzzer more power.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <span>
#include <tuple>
#include <variant>
#include <vector>

#include "consensus/commit.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/state_machine.hpp"
#include "consensus/vote.hpp"
#include "encoding/reader.hpp"

namespace c = weft::consensus;

namespace {

c::ValidatorSet make_set() {
  std::vector<c::ValidatorPower> members;
  for (std::uint8_t i = 1; i <= 4; ++i) members.push_back({c::PublicKey{i}, i});
  return c::ValidatorSet::create(members).value();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const c::ValidatorSet kSet = make_set();
  c::StateMachine sm(c::TimeoutParams{10, 5, 10, 5, 10, 5});
  weft::encoding::Reader r(std::span<const std::uint8_t>(data, size));
  const c::PublicKey own = kSet[r.u8() % 4].public_key;
  std::map<std::tuple<std::uint64_t, std::uint32_t, c::SignedStep>, c::MaybeBlock> signed_;
  std::map<std::uint64_t, c::BlockId> decided;
  c::SignGuard guard;

  auto check = [&](const c::Actions& actions) {
    for (const auto& a : actions) {
      if (const auto* v = std::get_if<c::BroadcastVote>(&a)) {
        if (!guard.approve(v->record)) std::abort(); // the machine asked to double-sign
      } else if (const auto* p = std::get_if<c::BroadcastProposal>(&a)) {
        if (!guard.approve(p->record)) std::abort();
      } else if (const auto* d = std::get_if<c::Decide>(&a)) {
        const auto [it, fresh] = decided.emplace(d->height, d->block);
        if (!fresh) std::abort(); // decided twice at one height
      }
    }
  };

  check(sm.start_height(1, kSet, own));
  std::uint64_t height = 1;
  while (r.ok() && r.remaining() > 0) {
    const std::uint8_t op = r.u8();
    // Rounds are kept small: proposer computation is linear in the round (as in CometBFT), and
    // f+1 honest validators never reach huge rounds; the fuzzer would just spin.
    const auto small_round = [&](std::uint32_t round) { return round % 64; };
    switch (op % 8) {
    case 0: {
      auto p = c::read_proposal(r);
      if (!r.ok()) break;
      p.height = height;
      p.round = small_round(p.round);
      if (p.pol_round != c::kNoRound && p.pol_round >= p.round) p.pol_round = c::kNoRound;
      check(sm.on_proposal(p));
      break;
    }
    case 1:
    case 2: {
      auto v = c::read_vote(r);
      if (!r.ok()) break;
      v.height = height;
      v.round = small_round(v.round);
      v.validator_index %= 5; // sometimes out of range
      check(sm.on_vote(v));
      break;
    }
    case 3: {
      const auto kind = static_cast<c::TimeoutKind>(1 + r.u8() % 3);
      check(sm.on_timeout(kind, height, small_round(r.u8())));
      break;
    }
    case 4: {
      c::BlockId b{};
      b[0] = r.u8(); // a few block ids, so answers match requests
      check(sm.on_block_validity(b, (r.u8() & 1) != 0));
      break;
    }
    case 5: {
      c::BlockId b{};
      b[0] = r.u8();
      check(sm.on_proposal_block(height, small_round(r.u8()), b));
      break;
    }
    case 6: {
      auto commit = c::read_commit(r, 8);
      if (!r.ok()) break;
      commit.height = height;
      check(sm.on_commit(commit));
      break;
    }
    default:
      // Next height after a decision, or a restart from the guard's record.
      if (sm.step() == c::Step::Decided) {
        ++height;
        check(sm.start_height(height, kSet.for_round(1), own, guard.last()));
      } else {
        check(sm.start_height(height, kSet, own, guard.last()));
      }
    }
  }
  return 0;
}
