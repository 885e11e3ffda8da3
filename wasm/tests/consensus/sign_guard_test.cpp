// The sign guard and its persisted record (docs/protocol/consensus.md §Sign guard).
#include <doctest/doctest.h>

#include "consensus/sign_guard.hpp"
#include "fixtures.hpp"

namespace c = weft::consensus;
using weft::test::consensus::block_id;
using G = c::SignGuardError;

namespace {
c::LastSigned rec(std::uint64_t h, std::uint32_t r, c::SignedStep s, c::MaybeBlock b) {
  c::LastSigned out;
  out.height = h;
  out.round = r;
  out.step = s;
  out.block = b;
  return out;
}
} // namespace

TEST_CASE("sign guard: forward only; same step only with the same content") {
  c::SignGuard guard;
  CHECK(guard.approve(rec(5, 1, c::SignedStep::Prevote, block_id(1))).ok());
  // Same vote again: fine (identical bytes, identical deterministic signature).
  CHECK(guard.approve(rec(5, 1, c::SignedStep::Prevote, block_id(1))).ok());
  // A different prevote in the same round: the double sign we exist to stop.
  CHECK(guard.check(rec(5, 1, c::SignedStep::Prevote, block_id(2))).error() == G::Conflict);
  CHECK(guard.check(rec(5, 1, c::SignedStep::Prevote, std::nullopt)).error() == G::Conflict);
  // Going back in step, round or height.
  CHECK(guard.check(rec(5, 1, c::SignedStep::Proposal, block_id(1))).error() == G::Regression);
  CHECK(guard.check(rec(5, 0, c::SignedStep::Precommit, block_id(1))).error() == G::Regression);
  CHECK(guard.check(rec(4, 9, c::SignedStep::Precommit, block_id(1))).error() == G::Regression);
  // Forward is always fine.
  CHECK(guard.approve(rec(5, 1, c::SignedStep::Precommit, std::nullopt)).ok());
  CHECK(guard.approve(rec(5, 2, c::SignedStep::Proposal, block_id(3))).ok());
  auto other_pol = rec(5, 2, c::SignedStep::Proposal, block_id(3));
  other_pol.pol_round = 1;
  CHECK(guard.check(other_pol).error() == G::Conflict);
  CHECK(guard.approve(rec(6, 0, c::SignedStep::Prevote, std::nullopt)).ok());
  // A guard rebuilt from the persisted record refuses the same things.
  c::SignGuard restored(guard.last());
  CHECK(restored.check(rec(5, 9, c::SignedStep::Precommit, block_id(1))).error() == G::Regression);
}

TEST_CASE("last-signed record: round trip and malformed") {
  auto r = rec(7, 3, c::SignedStep::Precommit, block_id(4));
  r.locked_round = 3;
  r.locked_block = block_id(4);
  r.valid_round = 3;
  r.valid_block = block_id(4);
  const auto bytes = c::encode_last_signed(r);
  CHECK(c::decode_last_signed(bytes).value() == r);
  auto b = bytes;
  b[0] = 2;
  CHECK(c::decode_last_signed(b).error() == weft::encoding::DecodeError::UnknownVersion);
  b = bytes;
  b[13] = 4; // step
  CHECK(c::decode_last_signed(b).error() == weft::encoding::DecodeError::UnknownType);
  auto inconsistent = r;
  inconsistent.locked_block.reset(); // a lock round without a lock block
  CHECK(c::decode_last_signed(c::encode_last_signed(inconsistent)).error() ==
        weft::encoding::DecodeError::ValueOutOfRange);
  b = bytes;
  b.push_back(0);
  CHECK(c::decode_last_signed(b).error() == weft::encoding::DecodeError::TrailingBytes);
}
