// The edwards25519 group (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2. Point decoding with the
// ZIP-215 rules, the Hisil-Wong-Carter-Dawson (2008) formulas for a = -1, and the double-scalar
// multiplication used by verification.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "crypto/ed25519/field.hpp"
#include "crypto/ed25519/scalar.hpp"

namespace weft::crypto::ed25519 {

// Projective: x = X/Z, y = Y/Z.
struct P2 {
  Fe X, Y, Z;
};
// Extended: as P2, plus T = XY/Z (so x y = T/Z).
struct P3 {
  Fe X, Y, Z, T;
};
// Completed, the output of doubling and addition: x = X/Z, y = Y/T.
struct P1P1 {
  Fe X, Y, Z, T;
};
// An addend prepared for repeated use: (Y+X, Y-X, Z, 2dT).
struct Cached {
  Fe YplusX, YminusX, Z, T2d;
};
// An affine addend (Z = 1): (y+x, y-x, 2dxy). Addition with it saves one multiplication.
struct Precomp {
  Fe yplusx, yminusx, xy2d;
};

inline constexpr P2 p2_identity() {
  return {fe_zero(), fe_one(), fe_one()};
}
inline constexpr P3 p3_identity() {
  return {fe_zero(), fe_one(), fe_one(), fe_zero()};
}

// ZIP-215 decoding: y is the low 255 bits reduced mod p (so y >= p is accepted), bit 255 selects
// the sign of x, x = 0 with the sign bit set is accepted as x = 0; the point must be on the curve
// (otherwise nullopt). Any point of the full group, small-order ones included, is returned.
std::optional<P3> p3_decode(std::span<const std::uint8_t, 32> s);
// Canonical encoding (one inversion); used by tests and table checks, not by verification.
std::array<std::uint8_t, 32> p3_encode(const P3& p);

P2 p1p1_to_p2(const P1P1& p);
P3 p1p1_to_p3(const P1P1& p);
P2 p3_to_p2(const P3& p);
Cached p3_to_cached(const P3& p);
// The affine form of p, which needs an inversion (tables and tests).
Precomp p3_to_precomp(const P3& p);
// Precomp of p when p.Z = 1 (freshly decoded points): no inversion.
Precomp p3_affine_to_precomp(const P3& p);

P1P1 p2_dbl(const P2& p);
P1P1 p3_add(const P3& p, const Cached& q);
P1P1 p3_sub(const P3& p, const Cached& q);
P1P1 p3_madd(const P3& p, const Precomp& q);
P1P1 p3_msub(const P3& p, const Precomp& q);

inline constexpr P3 p3_neg(const P3& p) {
  return {fe_neg(p.X), p.Y, p.Z, fe_neg(p.T)};
}
inline constexpr Precomp precomp_neg(const Precomp& q) {
  return {q.yminusx, q.yplusx, fe_neg(q.xy2d)};
}

// [8]p, the cofactor multiple that ZIP-215's cofactored equation needs.
P2 p2_mul_by_cofactor(const P2& p);
// X = 0 and Y = Z: the neutral element (0, 1).
bool p2_is_identity(const P2& p);
bool p3_is_identity(const P3& p);
// Same point (projective comparison by cross-multiplication, no inversion).
bool p3_equal(const P3& p, const P3& q);

// [a]B + [b]P for scalars below 2^253, as wNAF with width 8 for B (table of odd multiples up to
// 127B) and width 5 for P (odd multiples up to 15P computed here).
P3 double_scalar_mul_base(const Scalar& a, const P3& p, const Scalar& b);

// The affine base-point table: entry i is (2i+1)B.
inline constexpr std::size_t kBaseTableSize = 64;
const Precomp& base_odd_multiple(std::size_t i);

// Width-w NAF of a scalar below 2^253: every non-zero digit is odd with |digit| < 2^(w-1), any
// w consecutive digits hold at most one non-zero, and sum digits[i] 2^i = s. Returns the index
// of the highest non-zero digit plus one (0 for s = 0).
inline constexpr std::size_t kNafDigits = 256;
std::size_t wnaf(const Scalar& s, int w, std::array<std::int8_t, kNafDigits>& digits);

} // namespace weft::crypto::ed25519
