// Overflow-checked arithmetic on amounts. Consensus arithmetic never wraps: an operation whose
// exact result does not fit in u64 is reported (std::nullopt) and the caller rejects the input.
#pragma once

#include <cstdint>
#include <optional>

#include "chain/types.hpp"

namespace weft::chain {

constexpr std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}

constexpr std::optional<std::uint64_t> checked_sub(std::uint64_t a, std::uint64_t b) {
  if (b > a) return std::nullopt;
  return a - b;
}

constexpr std::optional<std::uint64_t> checked_mul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

// floor(a * b / c) computed exactly in 128 bits; c must be non-zero and the caller must know the
// quotient fits (it does whenever b <= c, the only way the chain uses it).
constexpr std::uint64_t mul_div_floor(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  __extension__ using u128 = unsigned __int128;
  return static_cast<std::uint64_t>(static_cast<u128>(a) * b / c);
}

} // namespace weft::chain
