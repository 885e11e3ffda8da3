// Light-client verification at the boundary (abi/light_checks.hpp): encoded light blocks in,
// named LightErrors out, and attack evidence whose encoding the core's decoder accepts.
#include <doctest/doctest.h>

#include "../light/synthetic_chain.hpp"
#include "abi/error_names.hpp"
#include "abi/light_checks.hpp"
#include "light/attack.hpp"

namespace weft::test::light {
namespace {

using weft::abi::error_name;
using weft::abi::LightParams;
using weft::abi::Session;
using weft::consensus::Bytes;
using weft::light::encode_light_block;

constexpr std::uint64_t kNow = kGenesisTime + 1'000'000;
const LightParams kParams{test_options(), 100};

std::string verify(const Bytes& trusted, const Bytes& next, const Bytes& untrusted,
                   std::uint64_t now = kNow) {
  return error_name(weft::abi::verify_light_block(trusted, next, untrusted, kParams, now));
}

TEST_CASE("light checks: adjacent and skipping steps, and their named rejections") {
  SyntheticChain chain(Shape{10, 5, 10}); // the whole set turns over every 5 heights
  const Bytes trusted = encode_light_block(chain.light_block(1));
  const Bytes next = weft::consensus::encode_validator_set(chain.set(2));

  CHECK(verify(trusted, {}, encode_light_block(chain.light_block(2))) == "");
  CHECK(verify(trusted, next, encode_light_block(chain.light_block(5))) == "");
  CHECK(verify(trusted, {}, encode_light_block(chain.light_block(6))) ==
        "LightError.NotEnoughTrust");

  LightBlock tampered = chain.light_block(2);
  tampered.header.state_root[0] ^= 1; // the commit no longer names this header
  CHECK(verify(trusted, {}, encode_light_block(tampered)) == "LightError.CommitForOtherBlock");
  CHECK(verify(trusted, {}, encode_light_block(chain.light_block(2)),
               time_at(1) + kTrustingPeriodMs) == "LightError.TrustedExpired");
  CHECK(verify(trusted, {}, Bytes{1, 2}) == "DecodeError.Truncated");
  // A next set that is not the one the trusted header names.
  CHECK(verify(trusted, weft::consensus::encode_validator_set(chain.set(7)),
               encode_light_block(chain.light_block(4))) == "LightError.NextValidatorsMismatch");
}

TEST_CASE("light checks: a witness that agrees, one that lies, and an attack") {
  SyntheticChain chain(Shape{10, 10, 1});
  const Bytes common = encode_light_block(chain.light_block(1));
  const LightBlock verified = chain.light_block(30);
  Session s;
  const auto witness = [&](const LightBlock& w) {
    return weft::abi::check_witness(s, common, {}, encode_light_block(verified),
                                    encode_light_block(w), kParams, kNow);
  };
  CHECK(witness(verified) == 0);
  CHECK(error_name(witness(chain.light_block(29))) == "LightError.WrongHeight");

  // A fork at 30 signed by colluders holding more than a third of height 1's set.
  const ValidatorSet colluders = chain.make_set({3, 4, 5, 6});
  Header forged = chain.header(30);
  forged.state_root[0] ^= 0xff;
  forged.validators_hash = colluders.hash();
  const LightBlock fork = chain.resign(forged, colluders);
  REQUIRE(witness(fork) == 1);
  const auto evidence = weft::light::decode_attack_evidence(s.out);
  REQUIRE(evidence.ok());
  CHECK(evidence.value().common_height == 1);
  CHECK(evidence.value().trusted_block == weft::chain::block_id(verified.header));

  // The same evidence built directly, as after bisecting the witness's chain.
  const Bytes from_witness = s.out;
  REQUIRE(weft::abi::attack_evidence(s, 1, encode_light_block(verified), encode_light_block(fork),
                                     100) == 0);
  CHECK(s.out == from_witness);
  CHECK(error_name(weft::abi::attack_evidence(s, 1, encode_light_block(verified),
                                              encode_light_block(verified), 100)) ==
        "DecodeError.ValueOutOfRange");
  CHECK(error_name(weft::abi::attack_evidence(s, 30, encode_light_block(verified),
                                              encode_light_block(fork), 100)) ==
        "DecodeError.ValueOutOfRange");
  CHECK(error_name(weft::abi::attack_evidence(s, 1, encode_light_block(verified),
                                              encode_light_block(chain.light_block(29)), 100)) ==
        "LightError.WrongHeight");
}

} // namespace
} // namespace weft::test::light
