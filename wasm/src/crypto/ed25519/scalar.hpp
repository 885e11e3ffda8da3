// Arithmetic modulo the group order L = 2^252 + 27742317777372353535851937790883648493
// (RFC 8032 §5.1): reducing SHA-512 outputs (§5.1.7 step 2), canonical checks (§5.1.7 step 1).
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace weft::crypto::ed25519 {

// 256-bit little-endian integer. Results of the functions below are always in [0, L).
using Scalar = std::array<std::uint8_t, 32>;

inline constexpr Scalar kGroupOrder = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

// s < L: the only encodings of S that ZIP-215 (and RFC 8032) accept.
bool sc_is_canonical(std::span<const std::uint8_t, 32> s);

// x mod L for a 512-bit little-endian x, e.g. a SHA-512 digest.
Scalar sc_reduce(std::span<const std::uint8_t, 64> x);

// (a b + c) mod L for any 256-bit a, b, c.
Scalar sc_muladd(const Scalar& a, const Scalar& b, const Scalar& c);

} // namespace weft::crypto::ed25519
