// Attack detection (docs/protocol/light-client.md, "Detecting attacks"): a witness's fork that
// verifies from the common trusted block yields LightClientAttackEvidence and ConflictingHeaders.
#include <doctest/doctest.h>

#include "light/attack.hpp"
#include "light/bisection.hpp"
#include "synthetic_chain.hpp"

namespace weft::test::light {
namespace {

using weft::encoding::DecodeError;
using weft::light::check_witness;
using weft::light::decode_attack_evidence;
using weft::light::encode_attack_evidence;
using weft::light::LightClientAttackEvidence;
using weft::light::LightError;

constexpr std::uint64_t kNow = kGenesisTime + 1'000'000;
constexpr std::uint64_t kForkHeight = 30;

// Ten validators that rotate slowly; the client trusts height 1 and has verified height 30.
struct Scene {
  SyntheticChain chain{Shape{10, 10, 1}};
  TrustedBlock common = chain.trusted(1);
  LightBlock verified = chain.light_block(kForkHeight);

  // A header at the fork height with another state root, claiming a set made only of
  // `colluders` (pool keys of height 1's set), who sign it.
  LightBlock fork(const std::vector<std::uint32_t>& colluders) {
    const ValidatorSet set = chain.make_set(colluders);
    Header h = chain.header(kForkHeight);
    h.state_root[0] ^= 0xff;
    h.validators_hash = set.hash();
    return chain.resign(h, set);
  }
};

TEST_CASE("light attack: the primary's block verifies from the common block") {
  Scene s;
  weft::light::Bisection b(test_options());
  b.start(s.common, kForkHeight, kNow);
  auto step = b.next();
  while (const auto* need = std::get_if<weft::light::NeedBlock>(&step)) {
    CHECK(b.provide(s.chain.light_block(need->height)));
    step = b.next();
  }
  REQUIRE(std::holds_alternative<weft::light::Verified>(step));
}

TEST_CASE("light attack: a fork signed by a colluding third of the trusted power is detected") {
  Scene s;
  // Pool keys 3..6 of height 1's set hold 13+14+15+16 = 58 of its 130 power, more than 1/3.
  const LightBlock forged = s.fork({3, 4, 5, 6});
  const auto check = check_witness(s.common, s.verified, forged, test_options(), kNow);
  REQUIRE_FALSE(check.status.ok());
  CHECK(check.status.error() == LightError::ConflictingHeaders);
  REQUIRE(check.evidence.has_value());
  const LightClientAttackEvidence& e = *check.evidence;
  CHECK(weft::light::same_light_block(e.conflicting, forged));
  CHECK(e.common_height == 1);
  CHECK(e.trusted_block == weft::chain::block_id(s.verified.header));

  const auto bytes = encode_attack_evidence(e);
  CHECK(bytes[0] == weft::light::kAttackEvidenceVersion);
  CHECK(bytes[1] == weft::light::kEvidenceLightClientAttack);
  const auto decoded = decode_attack_evidence(bytes);
  REQUIRE(decoded.ok());
  CHECK(weft::light::same_evidence(decoded.value(), e));
  CHECK(encode_attack_evidence(decoded.value()) == bytes);
}

TEST_CASE("light attack: the evidence decoder admits one form per attack") {
  Scene s;
  const auto check =
      check_witness(s.common, s.verified, s.fork({3, 4, 5, 6}), test_options(), kNow);
  REQUIRE(check.evidence.has_value());
  const LightClientAttackEvidence good = *check.evidence;
  const auto decode = [](const LightClientAttackEvidence& e) {
    return decode_attack_evidence(encode_attack_evidence(e));
  };

  auto bytes = encode_attack_evidence(good);
  bytes[0] = 2;
  CHECK(decode_attack_evidence(bytes).error() == DecodeError::UnknownVersion);
  bytes[0] = 1;
  bytes[1] = 1; // a duplicate-vote kind byte
  CHECK(decode_attack_evidence(bytes).error() == DecodeError::UnknownType);
  bytes[1] = 2;
  bytes.push_back(0);
  CHECK(decode_attack_evidence(bytes).error() == DecodeError::TrailingBytes);
  bytes.resize(bytes.size() - 2);
  CHECK(decode_attack_evidence(bytes).error() == DecodeError::Truncated);

  LightClientAttackEvidence e = good;
  e.common_height = 0;
  CHECK(decode(e).error() == DecodeError::ValueOutOfRange);
  e.common_height = kForkHeight;
  CHECK(decode(e).error() == DecodeError::ValueOutOfRange);
  e = good;
  e.trusted_block = weft::chain::block_id(good.conflicting.header); // no conflict at all
  CHECK(decode(e).error() == DecodeError::ValueOutOfRange);
}

TEST_CASE("light attack: a witness with the same header agrees, whatever its commit") {
  Scene s;
  LightBlock same = s.verified;
  same.commit = s.chain.sign(same.header, same.validators, 8); // another quorum of signatures
  const auto check = check_witness(s.common, s.verified, same, test_options(), kNow);
  CHECK(check.status.ok());
  CHECK_FALSE(check.evidence.has_value());
}

TEST_CASE("light attack: a fork without a third of trusted power is the witness's fault") {
  Scene s;
  // Pool keys 0..2 hold 10+11+12 = 33 of 130: under 1/3, so nothing the client trusts vouches.
  const auto weak = check_witness(s.common, s.verified, s.fork({0, 1, 2}), test_options(), kNow);
  CHECK(weak.status.error() == LightError::NotEnoughTrust);
  CHECK_FALSE(weak.evidence.has_value());

  // Colluders with enough trust who forge signatures for others prove nothing either.
  LightBlock forged = s.fork({3, 4, 5, 6});
  forged.commit.signatures[1].signature[5] ^= 1;
  const auto bad = check_witness(s.common, s.verified, forged, test_options(), kNow);
  CHECK(bad.status.error() == LightError::BadCommitSignature);
  CHECK_FALSE(bad.evidence.has_value());

  const auto other_height =
      check_witness(s.common, s.verified, s.chain.light_block(29), test_options(), kNow);
  CHECK(other_height.status.error() == LightError::WrongHeight);
}

TEST_CASE("light attack: evidence for a witness block verified by bisection") {
  Scene s;
  const LightBlock forged = s.fork({3, 4, 5, 6});
  const auto e = weft::light::make_attack_evidence(s.common, s.verified, forged);
  CHECK(e.common_height == 1);
  CHECK(e.trusted_block == weft::chain::block_id(s.verified.header));
  CHECK(decode_attack_evidence(encode_attack_evidence(e)).ok());
}

} // namespace
} // namespace weft::test::light
