// Light block encoding and well-formedness (docs/protocol.md "Light block";
// docs/protocol/light-client.md common check 1).
#include <doctest/doctest.h>

#include "light/light_block.hpp"
#include "synthetic_chain.hpp"

namespace weft::test::light {
namespace {

using weft::encoding::DecodeError;
using weft::light::check_well_formed;
using weft::light::decode_light_block;
using weft::light::encode_light_block;
using weft::light::LightError;
using weft::light::same_light_block;

TEST_CASE("light block: encoding round-trips and is exactly header, commit, set") {
  SyntheticChain chain({12, 1, 2});
  const LightBlock b = chain.light_block(3);
  const auto bytes = encode_light_block(b);
  const auto again = decode_light_block(bytes);
  REQUIRE(again.ok());
  CHECK(same_light_block(again.value(), b));
  CHECK(encode_light_block(again.value()) == bytes);

  auto expected = weft::chain::encode(b.header);
  const auto commit = weft::consensus::encode_commit(b.commit);
  const auto set = weft::consensus::encode_validator_set(b.validators);
  expected.insert(expected.end(), commit.begin(), commit.end());
  expected.insert(expected.end(), set.begin(), set.end());
  CHECK(bytes == expected);
}

TEST_CASE("light block: the decoder rejects every malformed byte string with a named reason") {
  SyntheticChain chain(fixed_shape(4));
  const auto bytes = encode_light_block(chain.light_block(2));

  auto longer = bytes;
  longer.push_back(0);
  CHECK(decode_light_block(longer).error() == DecodeError::TrailingBytes);

  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    const std::span<const std::uint8_t> prefix(bytes.data(), cut);
    CHECK(decode_light_block(prefix).error() == DecodeError::Truncated);
  }

  auto version = bytes;
  version[0] = 2;
  CHECK(decode_light_block(version).error() == DecodeError::UnknownVersion);

  // More signatures than max_validators allows.
  CHECK(decode_light_block(bytes, 3).error() == DecodeError::LengthTooLarge);

  // One key twice with different powers: set order alone would allow it; the rules do not.
  {
    const LightBlock b = chain.light_block(2);
    weft::encoding::Writer w;
    weft::chain::write_header(w, b.header);
    weft::consensus::write_commit(w, b.commit);
    w.varint(2);
    w.fixed(b.validators[0].public_key);
    w.u64(12);
    w.fixed(b.validators[0].public_key);
    w.u64(11);
    CHECK(decode_light_block(w.data()).error() == DecodeError::NotSorted);
  }

  // The last member's power (the final 8 bytes) set to zero.
  auto zero_power = bytes;
  for (std::size_t i = zero_power.size() - 8; i < zero_power.size(); ++i) zero_power[i] = 0;
  CHECK(decode_light_block(zero_power).error() == DecodeError::ValueOutOfRange);
}

TEST_CASE("light block: well formed only when commit and set belong to the header") {
  SyntheticChain chain({10, 1, 3});
  const LightBlock good = chain.light_block(4);
  CHECK(check_well_formed(good, kChainId).ok());

  CHECK(check_well_formed(good, "other-chain").error() == LightError::WrongChain);

  LightBlock other_height = good;
  other_height.commit.height = 5;
  CHECK(check_well_formed(other_height, kChainId).error() == LightError::CommitForOtherBlock);

  LightBlock other_block = good;
  other_block.commit = chain.light_block(5).commit;
  other_block.commit.height = 4;
  CHECK(check_well_formed(other_block, kChainId).error() == LightError::CommitForOtherBlock);

  LightBlock other_set = good;
  other_set.validators = chain.set(5);
  CHECK(check_well_formed(other_set, kChainId).error() == LightError::ValidatorsHashMismatch);

  LightBlock empty_set = good;
  empty_set.validators = ValidatorSet{};
  CHECK(check_well_formed(empty_set, kChainId).error() == LightError::ValidatorsHashMismatch);
}

} // namespace
} // namespace weft::test::light
