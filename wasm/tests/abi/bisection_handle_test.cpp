// The bisection handle (abi/bisection_handle.hpp): the framed steps a host reads, driven over a
// synthetic chain whose set turns over, and the refusals of a handle not yet started.
#include <doctest/doctest.h>

#include <vector>

#include "../light/synthetic_chain.hpp"
#include "abi/bisection_handle.hpp"
#include "abi/error_names.hpp"
#include "frame_reader.hpp"

namespace weft::test::light {
namespace {

using weft::abi::BisectionHandle;
using weft::abi::BisectionTag;
using weft::abi::error_name;
using weft::abi::Session;
using weft::consensus::Bytes;
using weft::light::encode_light_block;
using weft::test::abi::FramedStep;
using weft::test::abi::read_step;

constexpr std::uint64_t kNow = kGenesisTime + 1'000'000;
const weft::abi::LightParams kParams{test_options(), 100};

FramedStep next(BisectionHandle& b, Session& s) {
  REQUIRE(b.next(s) == 0);
  return read_step(s.out);
}

TEST_CASE("bisection handle: refuses to step before it starts") {
  BisectionHandle b(kParams);
  Session s;
  CHECK(error_name(b.next(s)) == "AbiError.NotStarted");
  CHECK(error_name(b.trusted(s)) == "AbiError.NotStarted");
  CHECK(b.provide(Bytes{}) < 0);
  CHECK(error_name(b.start(Bytes{7}, {}, 10, kNow)) == "DecodeError.UnknownVersion");
  CHECK(error_name(b.next(s)) == "AbiError.NotStarted"); // a refused start starts nothing
}

TEST_CASE("bisection handle: a rotating chain is verified with fewer fetches than its gap") {
  SyntheticChain chain(Shape{8, 10, 8}); // a new set every 10 heights
  BisectionHandle b(kParams);
  Session s;
  REQUIRE(b.start(encode_light_block(chain.light_block(1)), {}, 100, kNow) == 0);
  std::vector<std::uint64_t> asked;
  FramedStep step = next(b, s);
  while (step.tag == BisectionTag::NeedBlock) {
    asked.push_back(step.height);
    REQUIRE(asked.size() < 100);
    CHECK(b.provide(encode_light_block(chain.light_block(step.height))) == 1);
    step = next(b, s);
  }
  REQUIRE(step.tag == BisectionTag::Verified);
  CHECK(step.height == 100);
  CHECK(b.fetched() == asked.size());
  CHECK(asked.size() < 99);
  REQUIRE(b.trusted(s) == 0);
  CHECK(s.out == encode_light_block(chain.light_block(100)));
  // Outside the run's range: not cached.
  CHECK(b.provide(encode_light_block(chain.light_block(1))) == 0);
}

TEST_CASE("bisection handle: a failure names the LightError and the height") {
  SyntheticChain chain(fixed_shape(4));
  BisectionHandle b(kParams);
  Session s;
  REQUIRE(b.start(encode_light_block(chain.light_block(5)), {}, 3, kNow) == 0);
  const FramedStep below = next(b, s);
  CHECK(below.tag == BisectionTag::Failed);
  CHECK(below.height == 3);
  CHECK(error_name(below.error) == "LightError.NotAfterTrusted");

  REQUIRE(b.start(encode_light_block(chain.light_block(1)), {}, 9, kNow) == 0);
  const FramedStep need = next(b, s);
  CHECK(need.tag == BisectionTag::NeedBlock);
  CHECK(need.height == 9);
  LightBlock forged = chain.light_block(9);
  forged.commit.signatures[0].signature[0] ^= 1;
  CHECK(b.provide(encode_light_block(forged)) == 1);
  const FramedStep failed = next(b, s);
  CHECK(failed.tag == BisectionTag::Failed);
  CHECK(failed.height == 9);
  CHECK(error_name(failed.error) == "LightError.BadCommitSignature");
}

} // namespace
} // namespace weft::test::light
