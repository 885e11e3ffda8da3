// CometBFT proposer priority (docs/protocol/consensus.md §Proposer selection), checked against
// CometBFT's own published sequences (types/validator_set_test.go TestProposerSelection1/2) and
// hand-computed steps.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "consensus/validator_set.hpp"
#include "fixtures.hpp"

namespace c = weft::consensus;

namespace {

// A validator whose address (the tie-breaker) is `name` zero-padded, as CometBFT's tests use
// raw names as addresses.
c::Validator named(std::string_view name, std::uint64_t power, std::int64_t priority = 0) {
  c::Validator v{};
  v.power = power;
  v.priority = priority;
  std::memcpy(v.address.data(), name.data(), name.size());
  v.public_key[0] = static_cast<std::uint8_t>(name[0]);
  return v;
}

std::string name_of(const c::Validator& v) {
  return std::string(reinterpret_cast<const char*>(v.address.data()),
                     strnlen(reinterpret_cast<const char*>(v.address.data()), v.address.size()));
}

std::uint64_t total(const std::vector<c::Validator>& vals) {
  std::uint64_t t = 0;
  for (const auto& v : vals) t += v.power;
  return t;
}

} // namespace

TEST_CASE("proposer priority: CometBFT TestProposerSelection1 (99 proposers)") {
  std::vector<c::Validator> vals{named("foo", 1000), named("bar", 300), named("baz", 330)};
  // NewValidatorSet: all start equal (0 after centring), then one increment.
  auto proposer = c::increment_proposer_priority(vals, total(vals), 1);
  std::string got;
  for (int i = 0; i < 99; ++i) {
    if (i > 0) got += ' ';
    got += name_of(vals[proposer]);
    proposer = c::increment_proposer_priority(vals, total(vals), 1);
  }
  CHECK(got ==
        "foo baz foo bar foo foo baz foo bar foo foo baz foo foo bar foo baz foo foo bar foo foo "
        "baz foo bar foo foo baz foo bar foo foo baz foo foo bar foo baz foo foo bar foo baz foo "
        "foo bar foo baz foo foo bar foo baz foo foo foo baz bar foo foo foo baz foo bar foo foo "
        "baz foo bar foo foo baz foo bar foo foo baz foo bar foo foo baz foo foo bar foo baz foo "
        "foo bar foo baz foo foo bar foo baz foo foo");
}

TEST_CASE("proposer priority: CometBFT TestProposerSelection2 (ties, near-ties, proportions)") {
  auto make = [&](std::uint64_t p0, std::uint64_t p1, std::uint64_t p2) {
    std::vector<c::Validator> vals;
    for (auto [last, power] : {std::pair{'\0', p0}, std::pair{'\1', p1}, std::pair{'\2', p2}}) {
      auto v = named("x", power);
      v.address.fill(0);
      v.address[19] = static_cast<std::uint8_t>(last);
      vals.push_back(v);
    }
    return vals;
  };
  // Equal power: round robin in address order.
  auto vals = make(100, 100, 100);
  auto p = c::increment_proposer_priority(vals, 300, 1);
  for (std::size_t i = 0; i < 15; ++i) {
    CHECK(p == i % 3);
    p = c::increment_proposer_priority(vals, 300, 1);
  }
  // 400 vs 100,100: first, but not twice in a row.
  vals = make(100, 100, 400);
  p = c::increment_proposer_priority(vals, 600, 1);
  CHECK(p == 2);
  CHECK(c::increment_proposer_priority(vals, 600, 1) == 0);
  // 401: twice in a row, then the smallest address.
  vals = make(100, 100, 401);
  CHECK(c::increment_proposer_priority(vals, 601, 1) == 2);
  CHECK(c::increment_proposer_priority(vals, 601, 1) == 2);
  CHECK(c::increment_proposer_priority(vals, 601, 1) == 0);
  // Proportional: 4/12, 5/12, 3/12 over 120 proposals.
  vals = make(4, 5, 3);
  std::size_t counts[3] = {0, 0, 0};
  p = c::increment_proposer_priority(vals, 12, 1);
  for (int i = 0; i < 120; ++i) {
    ++counts[p];
    p = c::increment_proposer_priority(vals, 12, 1);
  }
  CHECK(counts[0] == 40);
  CHECK(counts[1] == 50);
  CHECK(counts[2] == 30);
}

TEST_CASE("proposer priority: powers 3,2,1 by hand") {
  // a=3, b=2, c=1, total 6. Each step: add powers, the max (ties: lower address) pays 6.
  std::vector<c::Validator> vals{named("a", 3), named("b", 2), named("c", 1)};
  // (0,0,0) -> (3,2,1): a -> (-3,2,1)
  CHECK(c::increment_proposer_priority(vals, 6, 1) == 0);
  CHECK(vals[0].priority == -3);
  // (0,4,2): b -> (0,-2,2)
  CHECK(c::increment_proposer_priority(vals, 6, 1) == 1);
  // (3,0,3): tie a/c, a has the lower address -> (-3,0,3)
  CHECK(c::increment_proposer_priority(vals, 6, 1) == 0);
  // (0,2,4): c -> (0,2,-2)
  CHECK(c::increment_proposer_priority(vals, 6, 1) == 2);
  // (3,4,-1): b -> (3,-2,-1)
  CHECK(c::increment_proposer_priority(vals, 6, 1) == 1);
  // (6,0,0): a -> (0,0,0): the cycle of 6 has a 3 times, b 2, c 1.
  CHECK(c::increment_proposer_priority(vals, 6, 1) == 0);
  for (const auto& v : vals) CHECK(v.priority == 0);
}

TEST_CASE("proposer priority: centring uses the floor average; rescaling bounds the spread") {
  // CometBFT TestAveragingInIncrementProposerPriority: zero power isolates the centring.
  std::vector<c::Validator> vals{named("a", 0, 100), named("b", 0, -10), named("c", 0, 1)};
  c::increment_proposer_priority(vals, 0, 1);
  CHECK(vals[0].priority == 70); // avg 91/3 = 30
  CHECK(vals[1].priority == -40);
  CHECK(vals[2].priority == -29);
  // Floor, not truncation: the mean of (-1, 0, 0) is -1 (Go big.Int Div is Euclidean).
  vals = {named("a", 0, -1), named("b", 0, 0), named("c", 0, 0)};
  CHECK(c::average_priority(vals) == -1);
  // Spread 100 > 2 x total 10: divide by ceil(100 / 20) = 5, truncating toward zero.
  vals = {named("a", 5, 60), named("b", 5, -40)};
  c::rescale_and_centre(vals, 10);
  CHECK(vals[0].priority == 10); // 12 - avg(12, -8) = 12 - 2
  CHECK(vals[1].priority == -10);
}

TEST_CASE("validator set: create, errors, round sets, updates") {
  weft::test::consensus::Network net({10, 10, 10, 10});
  const auto& set = net.set;
  // Equal powers rotate through all four in address order over four rounds.
  std::vector<std::uint32_t> seen;
  for (std::uint32_t r = 0; r < 4; ++r) seen.push_back(set.for_round(r).proposer_index());
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::uint32_t>{0, 1, 2, 3});
  // next_height is one more increment: round 1 of this height == round 0 of the next when
  // nothing changes.
  CHECK(set.next_height().value().proposer_index() == set.for_round(1).proposer_index());

  using E = c::ValidatorSetError;
  CHECK(c::ValidatorSet::create({}).error() == E::Empty);
  CHECK(c::ValidatorSet::create({{c::PublicKey{1}, 0}}).error() == E::ZeroPower);
  CHECK(c::ValidatorSet::create({{c::PublicKey{1}, 1}, {c::PublicKey{1}, 2}}).error() ==
        E::DuplicateKey);
  CHECK(c::ValidatorSet::create({{c::PublicKey{1}, c::kMaxTotalPower}, {c::PublicKey{2}, 1}})
            .error() == E::TotalPowerTooLarge);
  std::vector<c::ValidatorPower> many;
  for (std::uint8_t i = 0; i < 101; ++i) many.push_back({c::PublicKey{i}, 1});
  CHECK(c::ValidatorSet::create(many).error() == E::TooMany);

  // A newcomer starts at -1.125 x (total after updates before removals) before centring.
  const c::PublicKey newcomer{0xee};
  const auto updated = set.with_updates(std::vector<c::ValidatorPower>{{newcomer, 40}});
  REQUIRE(updated.ok());
  const auto& u = updated.value();
  CHECK(u.size() == 5);
  CHECK(u.total_power() == 80);
  const auto idx = u.index_of(newcomer);
  REQUIRE(idx.has_value());
  CHECK(*idx == 0); // power 40 sorts first
  // The old set's priorities were (-30, 10, 10, 10) (one proposer picked), summing to 0; the
  // newcomer gets -(80 + 80/8) = -90; centring subtracts floor(-90 / 5) = -18.
  std::int64_t sum = 0;
  for (const auto& v : u.validators()) sum += v.priority;
  CHECK(sum == 0);
  CHECK(u[*idx].priority == -72);
  // Removal, unknown removal, removing everyone.
  const auto removed = set.with_updates(std::vector<c::ValidatorPower>{{set[0].public_key, 0}});
  REQUIRE(removed.ok());
  CHECK(removed.value().size() == 3);
  CHECK(set.with_updates(std::vector<c::ValidatorPower>{{newcomer, 0}}).error() ==
        E::RemovesUnknown);
  std::vector<c::ValidatorPower> all;
  for (const auto& v : set.validators()) all.push_back({v.public_key, 0});
  CHECK(set.with_updates(all).error() == E::Empty);

  // Priorities survive a host round trip.
  auto copy = c::ValidatorSet::create(set.members()).value();
  auto moved = set.for_round(3);
  CHECK(copy.restore_priorities(moved.priorities(), moved.proposer_index()));
  CHECK(copy.priorities() == moved.priorities());
  CHECK_FALSE(copy.restore_priorities(std::vector<std::int64_t>{1}, 0));
}
