// Arithmetic in GF(p), p = 2^255 - 19, the base field of edwards25519 (RFC 8032 §5.1).
// Ten signed limbs in radix 2^25.5 so every product fits an int64 (wasm32 has no 64x64->128).
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace weft::crypto::ed25519 {

// An element is sum_i v[i] * 2^ceil(25.5 i): limb i sits at bit offset 0, 26, 51, 77, ... and is
// nominally 26 bits wide for even i and 25 bits for odd i. Limbs are signed and need not be
// reduced, so one value has many representations.
//
// Bounds are tracked as a magnitude m: an element has magnitude m when |v[even]| <= m * 2^25 and
// |v[odd]| <= m * 2^24. Every function that carries (mul, sq, sq2, carry, from_bytes) returns
// magnitude at most 1 + 2^-10 ("tight"). add/sub/neg add magnitudes without carrying. mul and sq
// need m_f * m_g <= 32 (see field.cpp for the int64 bound) and int32 storage needs m < 64.
struct Fe {
  std::array<std::int32_t, 10> v;
};

inline constexpr std::array<int, 10> kLimbBits = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};
inline constexpr std::array<int, 10> kLimbOffset = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};

inline constexpr Fe fe_zero() {
  return Fe{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
}
inline constexpr Fe fe_one() {
  return Fe{{1, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
}

// Magnitude m_f + m_g.
inline constexpr Fe fe_add(const Fe& f, const Fe& g) {
  Fe h{};
  for (std::size_t i = 0; i < 10; ++i) h.v[i] = f.v[i] + g.v[i];
  return h;
}

// Magnitude m_f + m_g. Signed limbs make subtraction borrow-free: no multiple of p is added.
inline constexpr Fe fe_sub(const Fe& f, const Fe& g) {
  Fe h{};
  for (std::size_t i = 0; i < 10; ++i) h.v[i] = f.v[i] - g.v[i];
  return h;
}

inline constexpr Fe fe_neg(const Fe& f) {
  Fe h{};
  for (std::size_t i = 0; i < 10; ++i) h.v[i] = -f.v[i];
  return h;
}

// Carries a wide representation with every |h[i]| < 2^62 down to a tight one (same value mod p).
Fe fe_carry(const std::array<std::int64_t, 10>& h);

// Reads 255 bits little-endian; bit 255 is ignored (it is the sign of x in point encodings).
// Values in [p, 2^255) are accepted as they are: they are just other representations of
// value - p, which is what ZIP-215 asks for non-canonical y. Result is tight.
constexpr Fe fe_from_bytes(std::span<const std::uint8_t, 32> s) {
  std::array<std::int64_t, 10> h{};
  for (std::size_t i = 0; i < 10; ++i) {
    // Gather the limb's bits from the (at most five) bytes that hold them.
    const auto lo = static_cast<std::size_t>(kLimbOffset[i]);
    const auto width = static_cast<std::size_t>(kLimbBits[i]);
    std::uint64_t w = 0;
    for (std::size_t b = lo / 8; b <= (lo + width - 1) / 8; ++b) {
      w |= std::uint64_t{s[b]} << (8 * (b - lo / 8));
    }
    w = (w >> (lo % 8)) & ((std::uint64_t{1} << width) - 1);
    h[i] = static_cast<std::int64_t>(w);
  }
  // Limbs are non-negative and at most 26 bits; centre them so the result is tight. Limb 9 took
  // only bits 230..254, so bit 255 is dropped. (fe_carry does the same but is not constexpr.)
  auto carry = [&h](std::size_t i) {
    const int bits = kLimbBits[i];
    const std::int64_t c = (h[i] + (std::int64_t{1} << (bits - 1))) >> bits;
    h[i] -= c * (std::int64_t{1} << bits);
    if (i == 9) {
      h[0] += 19 * c;
    } else {
      h[i + 1] += c;
    }
  };
  for (std::size_t i = 0; i < 10; ++i) carry(i);
  carry(0);
  Fe f{};
  for (std::size_t i = 0; i < 10; ++i) f.v[i] = static_cast<std::int32_t>(h[i]);
  return f;
}

constexpr Fe fe_from_bytes(const std::array<std::uint8_t, 32>& s) {
  return fe_from_bytes(std::span<const std::uint8_t, 32>(s));
}

// The canonical encoding: the unique value in [0, p), 32 bytes little-endian, bit 255 clear.
std::array<std::uint8_t, 32> fe_to_bytes(const Fe& f);

Fe fe_mul(const Fe& f, const Fe& g);
Fe fe_sq(const Fe& f);
Fe fe_sq2(const Fe& f);      // 2 f^2, for m_f <= 4
Fe fe_invert(const Fe& f);   // f^(p-2); 0 maps to 0
Fe fe_pow22523(const Fe& f); // f^((p-5)/8) = f^(2^252 - 3), the core of the square root

// These need a full reduction; any magnitude up to 32 is accepted.
bool fe_is_zero(const Fe& f);
bool fe_is_negative(const Fe& f); // the low bit of the canonical value ("sign" of x)
bool fe_equal(const Fe& f, const Fe& g);

// The result of a square-root attempt for x^2 = u / v (RFC 8032 §5.1.3 step 2-3).
struct SqrtRatio {
  Fe x;
  bool was_square;
};
// Returns x with v x^2 = u when u/v is a square (x may be either root); v must be non-zero.
SqrtRatio fe_sqrt_ratio(const Fe& u, const Fe& v);

// Curve constants, from their canonical encodings (values from RFC 8032 §5.1).
namespace field_constants {
// d = -121665 / 121666
inline constexpr std::array<std::uint8_t, 32> kDBytes = {
    0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
    0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};
// 2d
inline constexpr std::array<std::uint8_t, 32> kD2Bytes = {
    0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83, 0x82, 0x9a, 0x14, 0xe0, 0x00,
    0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80, 0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24};
// sqrt(-1) = 2^((p-1)/4)
inline constexpr std::array<std::uint8_t, 32> kSqrtM1Bytes = {
    0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
    0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b};
// 1/d
inline constexpr std::array<std::uint8_t, 32> kDInvBytes = {
    0x43, 0xf8, 0xc9, 0xcd, 0x76, 0xf2, 0xe0, 0x25, 0x2e, 0x54, 0x79, 0x42, 0x98, 0xd6, 0x5d, 0x0b,
    0x66, 0xcf, 0xb9, 0xcd, 0x14, 0x21, 0x16, 0x2b, 0x43, 0xce, 0xd5, 0x14, 0xd2, 0x7e, 0x90, 0x40};
} // namespace field_constants

inline constexpr Fe kFeD = fe_from_bytes(field_constants::kDBytes);
inline constexpr Fe kFeD2 = fe_from_bytes(field_constants::kD2Bytes);
inline constexpr Fe kFeSqrtM1 = fe_from_bytes(field_constants::kSqrtM1Bytes);
inline constexpr Fe kFeDInv = fe_from_bytes(field_constants::kDInvBytes);

} // namespace weft::crypto::ed25519
