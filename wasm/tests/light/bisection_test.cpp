// Bisection (docs/protocol/light-client.md, "Bisection"): the sans-I/O verifier asks for pivots
// until trust reaches the target, reuses what it holds, and stops at the first invalid block.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <variant>

#include "light/bisection.hpp"
#include "synthetic_chain.hpp"

namespace weft::test::light {
namespace {

using weft::light::Bisection;
using weft::light::Failed;
using weft::light::LightError;
using weft::light::NeedBlock;
using weft::light::Step;
using weft::light::Verified;

constexpr std::uint64_t kNow = kGenesisTime + 1'000'000;

struct Run {
  Step last;
  std::vector<std::uint64_t> asked; // heights in the order NeedBlock named them
};

// Drives the machine, answering each NeedBlock with serve(height).
template <typename Serve> Run drive(Bisection& b, Serve serve) {
  Run run{b.next(), {}};
  while (const auto* need = std::get_if<NeedBlock>(&run.last)) {
    run.asked.push_back(need->height);
    REQUIRE(run.asked.size() < 1000);
    CHECK(b.provide(serve(need->height)));
    run.last = b.next();
  }
  return run;
}

// An honest primary.
Run drive(Bisection& b, SyntheticChain& chain) {
  return drive(b, [&](std::uint64_t h) { return chain.light_block(h); });
}

TEST_CASE("light bisection: a set that never changes is skipped in one fetch") {
  SyntheticChain chain(fixed_shape(5));
  Bisection b(test_options());
  b.start(chain.trusted(1), 1000, kNow);
  const Run run = drive(b, chain);
  REQUIRE(std::holds_alternative<Verified>(run.last));
  CHECK(std::get<Verified>(run.last).block.header == chain.header(1000));
  CHECK(run.asked == std::vector<std::uint64_t>{1000});
  CHECK(b.fetched() == 1);
  CHECK(b.trusted().height() == 1000);
}

TEST_CASE("light bisection: a fully rotating set forces intermediate fetches, each once") {
  // 20 validators, 4 replaced every height: the whole set turns over in 5 heights.
  SyntheticChain chain({20, 1, 4});
  CHECK(
      weft::light::verify(chain.trusted(1), chain.light_block(40), test_options(), kNow).error() ==
      LightError::NotEnoughTrust);
  Bisection b(test_options());
  b.start(chain.trusted(1), 40, kNow);
  const Run run = drive(b, chain);
  REQUIRE(std::holds_alternative<Verified>(run.last));
  CHECK(std::get<Verified>(run.last).block.header == chain.header(40));
  CHECK(b.trusted().height() == 40);
  CHECK(run.asked.front() == 40);
  CHECK(run.asked[1] == 20); // the first pivot is the midpoint
  const std::set<std::uint64_t> distinct(run.asked.begin(), run.asked.end());
  CHECK(distinct.size() == run.asked.size());
  CHECK(b.fetched() == run.asked.size());
  // Trust survives at most 3 heights here, so at least 13 steps are needed: fewer than 39.
  CHECK(run.asked.size() >= 13);
  CHECK(run.asked.size() < 39);
}

TEST_CASE("light bisection: a block already at hand in the middle is used as the pivot") {
  SyntheticChain chain({20, 1, 4});
  Bisection b(test_options());
  b.start(chain.trusted(1), 40, kNow);
  CHECK(b.provide(chain.light_block(17))); // e.g. left by an earlier run or a witness
  const Run run = drive(b, chain);
  REQUIRE(std::holds_alternative<Verified>(run.last));
  CHECK(run.asked.size() > 1);
  CHECK(run.asked[1] != 20);
  CHECK(std::find(run.asked.begin(), run.asked.end(), 17) == run.asked.end());
  // Outside the run's range nothing is kept: above the target, or at or below trust.
  CHECK_FALSE(b.provide(chain.light_block(41)));
  CHECK_FALSE(b.provide(chain.light_block(40)));
}

TEST_CASE("light bisection: the target at or below the trusted height") {
  SyntheticChain chain(fixed_shape(4));
  Bisection b(test_options());
  b.start(chain.trusted(5), 5, kNow);
  const Step same = b.next();
  REQUIRE(std::holds_alternative<Verified>(same));
  CHECK(std::get<Verified>(same).block.header == chain.header(5));
  CHECK(b.fetched() == 0);

  b.start(chain.trusted(5), 3, kNow);
  const Step below = b.next();
  REQUIRE(std::holds_alternative<Failed>(below));
  CHECK(std::get<Failed>(below).error == LightError::NotAfterTrusted);
}

TEST_CASE(
    "light bisection: an invalid block stops the run and is dropped, so a retry can succeed") {
  SyntheticChain chain({20, 1, 4});
  Bisection b(test_options());
  b.start(chain.trusted(1), 30, kNow);
  std::uint64_t bad_height = 0;
  const Run run = drive(b, [&](std::uint64_t h) {
    LightBlock lb = chain.light_block(h);
    if (h != 30 && bad_height == 0) { // the first pivot's primary lies
      bad_height = h;
      lb.commit.signatures[0].signature[0] ^= 1;
    }
    return lb;
  });
  REQUIRE(std::holds_alternative<Failed>(run.last));
  CHECK(std::get<Failed>(run.last).error == LightError::BadCommitSignature);
  CHECK(std::get<Failed>(run.last).height == bad_height);
  CHECK(b.trusted().height() == 1);
  // Terminal until restarted.
  CHECK(std::holds_alternative<Failed>(b.next()));

  b.start(chain.trusted(1), 30, kNow);
  const Run retry = drive(b, chain);
  REQUIRE(std::holds_alternative<Verified>(retry.last));
  // The target was kept; the bad pivot was not.
  CHECK(std::find(retry.asked.begin(), retry.asked.end(), 30) == retry.asked.end());
  CHECK(std::find(retry.asked.begin(), retry.asked.end(), bad_height) != retry.asked.end());
}

TEST_CASE(
    "light bisection: a block from another chain, or an expired trusted block, fails by name") {
  SyntheticChain chain({20, 1, 4});
  Bisection b(test_options());
  b.start(chain.trusted(1), 12, kNow);
  const Run run = drive(b, [&](std::uint64_t h) {
    if (h == 12) return chain.light_block(h);
    Header other = chain.header(h);
    other.chain_id = "weft-fork";
    return chain.resign(other, chain.set(h));
  });
  REQUIRE(std::holds_alternative<Failed>(run.last));
  CHECK(std::get<Failed>(run.last).error == LightError::WrongChain);

  b.start(chain.trusted(1), 12, time_at(1) + kTrustingPeriodMs);
  const Run expired = drive(b, chain);
  REQUIRE(std::holds_alternative<Failed>(expired.last));
  CHECK(std::get<Failed>(expired.last).error == LightError::TrustedExpired);
}

TEST_CASE("light bisection: a block for another height is cached but does not answer the request") {
  SyntheticChain chain(fixed_shape(4));
  Bisection b(test_options());
  b.start(chain.trusted(1), 50, kNow);
  REQUIRE(std::holds_alternative<NeedBlock>(b.next()));
  CHECK(b.provide(chain.light_block(20)));
  CHECK(b.fetched() == 0);
  const Step s = b.next();
  REQUIRE(std::holds_alternative<NeedBlock>(s));
  CHECK(std::get<NeedBlock>(s).height == 50);
  CHECK(b.provide(chain.light_block(50)));
  CHECK(b.fetched() == 1);
  CHECK(std::holds_alternative<Verified>(b.next()));
}

} // namespace
} // namespace weft::test::light
