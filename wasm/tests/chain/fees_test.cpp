// The per-byte base fee update and fee split (docs/protocol/transactions.md §Fees).
#include <doctest/doctest.h>

#include "chain/fees.hpp"

using namespace weft::chain;

TEST_CASE("fees: the worked example of the spec") {
  const Params p;                                   // 2 MiB blocks: target 1 048 576 bytes
  CHECK(next_base_fee(p, 1000, 1'048'576) == 1000); // at target: unchanged
  CHECK(next_base_fee(p, 1000, 2'097'152) == 1125); // full: +12.5 %
  CHECK(next_base_fee(p, 1000, 0) == 875);          // empty: -12.5 %
  CHECK(next_base_fee(p, 1000, 1'572'864) == 1062); // 75 %: +6.25 %, rounded down
  CHECK(next_base_fee(p, 1000, 524'288) == 938);    // 25 %: -62.5 rounded down to -62
}

TEST_CASE("fees: the change is clamped to 12.5 % and never below the minimum") {
  Params p;
  p.min_base_fee_per_byte = 100;
  // Above max_block_bytes (cannot happen in a valid block) still moves at most 12.5 %.
  CHECK(next_base_fee(p, 800, 10 * p.max_block_bytes) == 900);
  CHECK(next_base_fee(p, 100, 0) == 100); // at the floor
  CHECK(next_base_fee(p, 105, 0) == 100); // 105 - 13 = 92 is clamped up to the floor
  // An increase is at least 1, so a fee too small for 12.5 % to round to 1 still rises.
  p.min_base_fee_per_byte = 1;
  CHECK(next_base_fee(p, 1, p.max_block_bytes) == 2);
  CHECK(next_base_fee(p, 7, p.max_block_bytes / 2 + 1) == 8);
  // Saturates rather than wrapping at the top of u64.
  CHECK(next_base_fee(p, UINT64_MAX, p.max_block_bytes) == UINT64_MAX);
  // Odd block sizes: used - target may exceed target by one byte; still clamped.
  p.max_block_bytes = 4097;
  CHECK(next_base_fee(p, 8000, 4097) == 9000);
}

TEST_CASE("fees: 12 full blocks grow and 12 empty ones shrink monotonically") {
  const Params p;
  std::uint64_t up = 1000;
  std::uint64_t down = 1000;
  for (int i = 0; i < 12; ++i) {
    const auto nu = next_base_fee(p, up, p.max_block_bytes);
    const auto nd = next_base_fee(p, down, 0);
    CHECK(nu == up + up / 8);
    CHECK(nd == std::max<std::uint64_t>(down - down / 8, p.min_base_fee_per_byte));
    up = nu;
    down = nd;
  }
}

TEST_CASE("fees: burned at the base fee, tip capped by max fee minus base") {
  auto c = fee_charge(100, 150, 20, 150);
  REQUIRE(c.has_value());
  CHECK(c->burned == 15'000);
  CHECK(c->tip == 3'000);
  c = fee_charge(100, 110, 20, 150); // tip limited to 10 per byte
  REQUIRE(c.has_value());
  CHECK(c->tip == 1'500);
  CHECK(c->total() == 110 * 150);
  CHECK_FALSE(fee_charge(100, 99, 0, 150).has_value());             // below base
  CHECK_FALSE(fee_charge(1, UINT64_MAX / 100, 0, 150).has_value()); // max fee overflows
}

TEST_CASE("fees: the spec's worked transaction") {
  auto c = fee_charge(1062, 1100, 50, 150);
  REQUIRE(c.has_value());
  CHECK(c->burned == 159'300);
  CHECK(c->tip == 5'700);
  CHECK(c->total() == 165'000);
}
