// Sequential and skipping verification (docs/protocol/light-client.md): success over rotating
// validator sets, and one hand-made block per LightError reason.
#include <doctest/doctest.h>

#include "light/verify.hpp"
#include "synthetic_chain.hpp"

namespace weft::test::light {
namespace {

using weft::light::LightError;
using weft::light::Options;
using weft::light::verify;
using weft::light::verify_adjacent;
using weft::light::verify_skipping;

// A moment when every test header is recent and none is from the future.
constexpr std::uint64_t kNow = kGenesisTime + 1'000'000;

LightError error_of(const TrustedBlock& t, const LightBlock& u, std::uint64_t now = kNow,
                    const Options& options = test_options()) {
  const auto s = verify(t, u, options, now);
  REQUIRE_FALSE(s.ok());
  return s.error();
}

TEST_CASE("light verify: sequential steps follow a set that changes every height") {
  SyntheticChain chain({20, 1, 3});
  TrustedBlock t = chain.trusted(1);
  for (std::uint64_t h = 2; h <= 8; ++h) {
    const LightBlock u = chain.light_block(h);
    CHECK(verify_adjacent(t, u, test_options(), kNow).ok());
    CHECK(verify(t, u, test_options(), kNow).ok());
    t = TrustedBlock{u, std::nullopt};
  }
}

TEST_CASE("light verify: skipping succeeds while a third of the trusted power remains") {
  SyntheticChain chain({20, 1, 3});
  // Two heights later 14 of the 20 trusted validators still sign.
  CHECK(verify_skipping(chain.trusted(1), chain.light_block(3), test_options(), kNow).ok());
  // Without the next set the client weighs trust by the trusted block's own set.
  TrustedBlock own_set_only{chain.light_block(1), std::nullopt};
  CHECK(verify(own_set_only, chain.light_block(3), test_options(), kNow).ok());
  // A set that never changes can be skipped across at once.
  SyntheticChain fixed(fixed_shape(7));
  CHECK(verify(fixed.trusted(1), fixed.light_block(5000), test_options(), time_at(5000)).ok());
}

TEST_CASE("light verify: NotEnoughTrust once the trusted set has rotated away") {
  SyntheticChain chain({20, 1, 3});
  CHECK(error_of(chain.trusted(1), chain.light_block(9)) == LightError::NotEnoughTrust);
}

TEST_CASE("light verify: trust is at least 1/3 of the trusted power, measured exactly") {
  SyntheticChain chain(fixed_shape(3));
  // Trusted set: pool keys 0, 1, 2 with powers 10, 11, 12 (total 33, so 11 is exactly 1/3).
  const ValidatorSet trusted_set = chain.make_set({0, 1, 2});
  Header th = chain.header(1);
  th.validators_hash = trusted_set.hash();
  th.next_validators_hash = trusted_set.hash();
  const TrustedBlock t{chain.resign(th, trusted_set), trusted_set};

  const auto skip_to = [&](std::uint32_t shared_key) {
    const ValidatorSet s = chain.make_set({shared_key, 100, 101});
    Header h = chain.header(5);
    h.validators_hash = s.hash();
    return chain.resign(h, s);
  };
  CHECK(verify(t, skip_to(1), test_options(), kNow).ok());      // 11 of 33
  CHECK(error_of(t, skip_to(0)) == LightError::NotEnoughTrust); // 10 of 33
}

TEST_CASE("light verify: an expired trusted block vouches for nothing") {
  SyntheticChain chain(fixed_shape(4));
  const TrustedBlock t = chain.trusted(1);
  const std::uint64_t expiry = time_at(1) + kTrustingPeriodMs;
  CHECK(verify(t, chain.light_block(2), test_options(), expiry - 1).ok());
  CHECK(error_of(t, chain.light_block(2), expiry) == LightError::TrustedExpired);
  CHECK(error_of(t, chain.light_block(9), expiry + 1) == LightError::TrustedExpired);
  CHECK(weft::light::is_expired(t, test_options(), expiry));
}

TEST_CASE("light verify: a header at or beyond now + max clock drift is from the future") {
  SyntheticChain chain(fixed_shape(4));
  const TrustedBlock t = chain.trusted(1);
  const std::uint64_t drift = weft::light::kDefaultMaxClockDriftMs;
  CHECK(verify(t, chain.light_block(3), test_options(), time_at(3) - drift + 1).ok());
  CHECK(error_of(t, chain.light_block(3), time_at(3) - drift) == LightError::FromTheFuture);
  CHECK(error_of(t, chain.light_block(20), time_at(2)) == LightError::FromTheFuture);
}

TEST_CASE("light verify: a block of another chain is WrongChain, even correctly signed for it") {
  SyntheticChain chain(fixed_shape(4));
  Header h = chain.header(2);
  h.chain_id = "weft-other";
  CHECK(error_of(chain.trusted(1), chain.resign(h, chain.set(2))) == LightError::WrongChain);
}

TEST_CASE("light verify: heights and times must move forward") {
  SyntheticChain chain(fixed_shape(4));
  const TrustedBlock t = chain.trusted(5);
  CHECK(error_of(t, chain.light_block(5)) == LightError::NotAfterTrusted);
  CHECK(error_of(t, chain.light_block(3)) == LightError::NotAfterTrusted);

  Header same_time = chain.header(8);
  same_time.time = time_at(5);
  CHECK(error_of(t, chain.resign(same_time, chain.set(8))) == LightError::NonIncreasingTime);
  Header adjacent_earlier = chain.header(6);
  adjacent_earlier.time = time_at(4);
  CHECK(error_of(t, chain.resign(adjacent_earlier, chain.set(6))) == LightError::NonIncreasingTime);
}

TEST_CASE("light verify: validators that do not hash to validators_hash") {
  SyntheticChain chain({10, 1, 2});
  LightBlock u = chain.light_block(3);
  u.validators = chain.set(4);
  CHECK(error_of(chain.trusted(1), u) == LightError::ValidatorsHashMismatch);
  CHECK(error_of(chain.trusted(2), u) == LightError::ValidatorsHashMismatch);
}

TEST_CASE("light verify: a sequential block must be signed by the set the trusted header named") {
  SyntheticChain chain({10, 1, 2});
  // Height 3 claims height 9's set, which signs it properly: only the set is wrong.
  Header h = chain.header(3);
  h.validators_hash = chain.set_hash(9);
  CHECK(error_of(chain.trusted(2), chain.resign(h, chain.set(9))) ==
        LightError::NextValidatorsMismatch);

  // A trusted state whose next set is not the one its header names is rejected too.
  TrustedBlock inconsistent = chain.trusted(1);
  inconsistent.next_validators = chain.set(7);
  CHECK(error_of(inconsistent, chain.light_block(3)) == LightError::NextValidatorsMismatch);
}

TEST_CASE("light verify: a sequential block must extend the trusted block") {
  SyntheticChain chain({10, 1, 2});
  Header h = chain.header(3);
  h.previous_block = chain.header(1).previous_block;
  CHECK(error_of(chain.trusted(2), chain.resign(h, chain.set(3))) ==
        LightError::PreviousBlockMismatch);
}

TEST_CASE("light verify: a commit for another block or height") {
  SyntheticChain chain({10, 1, 2});
  LightBlock u = chain.light_block(4);
  Header edited = u.header;
  edited.state_root[0] ^= 1; // the validators signed the original header, not this one
  u.header = edited;
  CHECK(error_of(chain.trusted(3), u) == LightError::CommitForOtherBlock);
  CHECK(error_of(chain.trusted(2), u) == LightError::CommitForOtherBlock);

  LightBlock w = chain.light_block(4);
  w.commit.height = 5;
  CHECK(error_of(chain.trusted(3), w) == LightError::CommitForOtherBlock);
}

TEST_CASE("light verify: signers must hold more than 2/3 of the block's own set") {
  SyntheticChain chain(fixed_shape(9));
  const ValidatorSet& set = chain.set(4);
  // Largest first: count how many signers reach a quorum, then sign with one fewer.
  std::size_t quorum = 0;
  std::uint64_t power = 0;
  while (!weft::consensus::is_quorum(power, set.total_power())) power += set[quorum++].power;
  const Header& h = chain.header(4);
  CHECK(verify(chain.trusted(3), chain.resign(h, set, quorum), test_options(), kNow).ok());
  CHECK(error_of(chain.trusted(3), chain.resign(h, set, quorum - 1)) ==
        LightError::InsufficientCommitPower);
  CHECK(error_of(chain.trusted(1), chain.resign(h, set, quorum - 1)) ==
        LightError::InsufficientCommitPower);
}

TEST_CASE("light verify: a block short of its own quorum is rejected, not bisected") {
  SyntheticChain chain({20, 1, 3});
  const Header& h = chain.header(12);
  // Neither enough trust nor enough own power: the own-power failure is the answer.
  CHECK(error_of(chain.trusted(1), chain.resign(h, chain.set(12), 5)) ==
        LightError::InsufficientCommitPower);
}

TEST_CASE("light verify: one validator counted twice is DuplicateCommitSignature") {
  SyntheticChain chain(fixed_shape(6));
  LightBlock u = chain.resign(chain.header(4), chain.set(4), 4);
  u.commit.signatures.push_back(u.commit.signatures[0]); // only ever built by hand: decoders sort
  CHECK(error_of(chain.trusted(3), u) == LightError::DuplicateCommitSignature);
  CHECK(error_of(chain.trusted(1), u) == LightError::DuplicateCommitSignature);
}

TEST_CASE("light verify: a signature that fails, or names no member, is BadCommitSignature") {
  SyntheticChain chain({10, 1, 2});
  LightBlock u = chain.light_block(3);
  u.commit.signatures[3].signature[10] ^= 0x40;
  CHECK(error_of(chain.trusted(2), u) == LightError::BadCommitSignature);
  CHECK(error_of(chain.trusted(1), u) == LightError::BadCommitSignature);

  // Signed for another chain: the digest covers the chain id.
  const LightBlock good = chain.light_block(3);
  LightBlock replayed = good;
  replayed.commit = chain.sign(good.header, good.validators, SIZE_MAX, "weft-other");
  CHECK(error_of(chain.trusted(2), replayed) == LightError::BadCommitSignature);

  LightBlock stranger = chain.light_block(3);
  stranger.commit.signatures.push_back({99, stranger.commit.signatures[0].signature});
  CHECK(error_of(chain.trusted(2), stranger) == LightError::BadCommitSignature);
}

TEST_CASE("light verify: each kind of step refuses the other's height") {
  SyntheticChain chain(fixed_shape(4));
  const TrustedBlock t = chain.trusted(2);
  const auto adjacent = verify_adjacent(t, chain.light_block(5), test_options(), kNow);
  CHECK(adjacent.error() == LightError::WrongHeight);
  const auto skipping = verify_skipping(t, chain.light_block(3), test_options(), kNow);
  CHECK(skipping.error() == LightError::WrongHeight);
}

TEST_CASE("light verify: trusting period comes from the chain parameters") {
  weft::chain::Params params;
  params.trusting_period_ms = 1234;
  const Options o = weft::light::options_from(params);
  CHECK(o.trusting_period_ms == 1234);
  CHECK(o.max_clock_drift_ms == weft::light::kDefaultMaxClockDriftMs);
}

} // namespace
} // namespace weft::test::light
