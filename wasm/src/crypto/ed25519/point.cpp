// edwards25519 group operations (RFC 8032 §5.1.3-5.1.4) with ZIP-215 decoding. Formulas are the
// a = -1 extended-coordinate ones of Hisil, Wong, Carter, Dawson, "Twisted Edwards curves
// revisited" (2008) §3.1-3.3; magnitudes (field.hpp) are noted where they are not obvious.
#include "crypto/ed25519/point.hpp"

#include <algorithm>
#include <cassert>

#include "crypto/ed25519/base_table.hpp"

namespace weft::crypto::ed25519 {
namespace {

constexpr std::uint8_t hex_nibble(char c) {
  return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10);
}

constexpr Fe fe_from_hex(const char* hex) {
  std::array<std::uint8_t, 32> b{};
  for (std::size_t i = 0; i < 32; ++i) {
    b[i] = static_cast<std::uint8_t>(hex_nibble(hex[2 * i]) << 4 | hex_nibble(hex[2 * i + 1]));
  }
  return fe_from_bytes(b);
}

constexpr std::array<Precomp, kBaseTableSize> make_base_table() {
  std::array<Precomp, kBaseTableSize> t{};
  for (std::size_t i = 0; i < kBaseTableSize; ++i) {
    const auto& h = base_table::kOddMultiplesHex[i];
    t[i] = {fe_from_hex(h.yplusx), fe_from_hex(h.yminusx), fe_from_hex(h.xy2d)};
  }
  return t;
}

static_assert(base_table::kCount == kBaseTableSize);
// Evaluated by the compiler: the module has no static constructors (-nostartfiles).
constexpr std::array<Precomp, kBaseTableSize> kBaseTable = make_base_table();

// Shared tail of the additions: given A = (Y1-X1)(y2-x2), B = (Y1+X1)(y2+x2), C = T1 2d t2 and
// D = 2 Z1 z2, the sum is x = (B-A)/(D+C), y = (B+A)/(D-C) (HWCD §3.2, "add-2008-hwcd-3").
// Magnitudes: E, H <= 2, F, G <= 3, so the products in p1p1_to_* stay within m_f m_g <= 9.
inline P1P1 finish_add(const Fe& a, const Fe& b, const Fe& c, const Fe& d) {
  return {fe_sub(b, a), fe_add(b, a), fe_add(d, c), fe_sub(d, c)};
}

} // namespace

const Precomp& base_odd_multiple(std::size_t i) {
  assert(i < kBaseTableSize);
  return kBaseTable[i];
}

std::optional<P3> p3_decode(std::span<const std::uint8_t, 32> s) {
  // RFC 8032 §5.1.3 without its two canonicality checks (ZIP-215): fe_from_bytes takes y >= p as
  // y - p, and x = 0 with the sign bit set is kept as x = 0 (negating zero changes nothing).
  const Fe y = fe_from_bytes(s);
  const bool sign = (s[31] >> 7) != 0;
  const Fe y2 = fe_sq(y);
  const Fe u = fe_sub(y2, fe_one());               // y^2 - 1
  const Fe v = fe_add(fe_mul(y2, kFeD), fe_one()); // d y^2 + 1, never 0 as -1/d is not a square
  const SqrtRatio r = fe_sqrt_ratio(u, v);
  if (!r.was_square) return std::nullopt; // not on the curve
  const Fe x = (fe_is_negative(r.x) != sign) ? fe_neg(r.x) : r.x;
  return P3{x, y, fe_one(), fe_mul(x, y)};
}

std::array<std::uint8_t, 32> p3_encode(const P3& p) {
  const Fe zi = fe_invert(p.Z);
  const Fe x = fe_mul(p.X, zi);
  auto out = fe_to_bytes(fe_mul(p.Y, zi));
  out[31] = static_cast<std::uint8_t>(out[31] | (fe_is_negative(x) ? 0x80 : 0));
  return out;
}

P2 p1p1_to_p2(const P1P1& p) {
  return {fe_mul(p.X, p.T), fe_mul(p.Y, p.Z), fe_mul(p.Z, p.T)};
}

P3 p1p1_to_p3(const P1P1& p) {
  return {fe_mul(p.X, p.T), fe_mul(p.Y, p.Z), fe_mul(p.Z, p.T), fe_mul(p.X, p.Y)};
}

P2 p3_to_p2(const P3& p) {
  return {p.X, p.Y, p.Z};
}

Cached p3_to_cached(const P3& p) {
  return {fe_add(p.Y, p.X), fe_sub(p.Y, p.X), p.Z, fe_mul(p.T, kFeD2)};
}

Precomp p3_to_precomp(const P3& p) {
  const Fe zi = fe_invert(p.Z);
  const Fe x = fe_mul(p.X, zi);
  const Fe y = fe_mul(p.Y, zi);
  return {fe_add(y, x), fe_sub(y, x), fe_mul(fe_mul(x, y), kFeD2)};
}

Precomp p3_affine_to_precomp(const P3& p) {
  assert(fe_equal(p.Z, fe_one()));
  return {fe_add(p.Y, p.X), fe_sub(p.Y, p.X), fe_mul(p.T, kFeD2)};
}

// HWCD §3.3 ("dbl-2008-hwcd") with a = -1, signs of the completed Y and T both flipped (which
// leaves y = Y/T alone): A = X^2, B = Y^2, C = 2Z^2; x = 2XY / (B - A), y = (A + B) / (C - B + A).
// Inputs are tight (P2 coordinates come out of fe_mul), so X + Y has magnitude 2 and the
// outputs at most 3.
P1P1 p2_dbl(const P2& p) {
  const Fe a = fe_sq(p.X);
  const Fe b = fe_sq(p.Y);
  const Fe c = fe_sq2(p.Z);
  const Fe sum = fe_add(a, b);
  const Fe diff = fe_sub(b, a);
  return {fe_sub(fe_sq(fe_add(p.X, p.Y)), sum), sum, diff, fe_sub(c, diff)};
}

P1P1 p3_add(const P3& p, const Cached& q) {
  const Fe a = fe_mul(fe_sub(p.Y, p.X), q.YminusX);
  const Fe b = fe_mul(fe_add(p.Y, p.X), q.YplusX);
  const Fe c = fe_mul(p.T, q.T2d);
  const Fe zz = fe_mul(p.Z, q.Z);
  return finish_add(a, b, c, fe_add(zz, zz));
}

// p - q = p + (-q), and -q swaps Y+X with Y-X and negates 2dT.
P1P1 p3_sub(const P3& p, const Cached& q) {
  const Fe a = fe_mul(fe_sub(p.Y, p.X), q.YplusX);
  const Fe b = fe_mul(fe_add(p.Y, p.X), q.YminusX);
  const Fe c = fe_neg(fe_mul(p.T, q.T2d));
  const Fe zz = fe_mul(p.Z, q.Z);
  return finish_add(a, b, c, fe_add(zz, zz));
}

P1P1 p3_madd(const P3& p, const Precomp& q) {
  const Fe a = fe_mul(fe_sub(p.Y, p.X), q.yminusx);
  const Fe b = fe_mul(fe_add(p.Y, p.X), q.yplusx);
  const Fe c = fe_mul(p.T, q.xy2d);
  return finish_add(a, b, c, fe_add(p.Z, p.Z));
}

P1P1 p3_msub(const P3& p, const Precomp& q) {
  const Fe a = fe_mul(fe_sub(p.Y, p.X), q.yplusx);
  const Fe b = fe_mul(fe_add(p.Y, p.X), q.yminusx);
  const Fe c = fe_neg(fe_mul(p.T, q.xy2d));
  return finish_add(a, b, c, fe_add(p.Z, p.Z));
}

P2 p2_mul_by_cofactor(const P2& p) {
  P2 r = p;
  for (int i = 0; i < 3; ++i) r = p1p1_to_p2(p2_dbl(r));
  return r;
}

bool p2_is_identity(const P2& p) {
  return fe_is_zero(p.X) && fe_equal(p.Y, p.Z);
}
bool p3_is_identity(const P3& p) {
  return fe_is_zero(p.X) && fe_equal(p.Y, p.Z);
}

bool p3_equal(const P3& p, const P3& q) {
  return fe_equal(fe_mul(p.X, q.Z), fe_mul(q.X, p.Z)) &&
         fe_equal(fe_mul(p.Y, q.Z), fe_mul(q.Y, p.Z));
}

std::size_t wnaf(const Scalar& s, int w, std::array<std::int8_t, kNafDigits>& digits) {
  assert(w >= 2 && w <= 8);
  assert(s[31] < 0x20); // below 2^253, so the last digit lands at or below bit 253
  // Invariant: s = sum_{j < pos} digits[j] 2^j + (bits of s from pos up + carry) 2^pos.
  auto bits_at = [&s](std::size_t pos, int count) {
    std::uint32_t v = 0;
    for (int k = 0; k < count; ++k) {
      const std::size_t bit = pos + static_cast<std::size_t>(k);
      if (bit < 256) v |= static_cast<std::uint32_t>((s[bit / 8] >> (bit % 8)) & 1) << k;
    }
    return v;
  };
  digits.fill(0);
  const std::uint32_t window = 1u << w;
  std::uint32_t carry = 0;
  std::size_t top = 0;
  for (std::size_t pos = 0; pos < kNafDigits;) {
    const std::uint32_t low = bits_at(pos, 1) + carry;
    if ((low & 1) == 0) { // digit 0; a carry meeting a set bit moves on up
      carry = low >> 1;
      ++pos;
      continue;
    }
    // Odd, so x < 2^w (x = 2^w would be even): take the signed residue as the digit.
    const std::uint32_t x = bits_at(pos, w) + carry;
    auto d = static_cast<std::int32_t>(x & (window - 1));
    carry = 0;
    if (d >= static_cast<std::int32_t>(window / 2)) {
      d -= static_cast<std::int32_t>(window);
      carry = 1;
    }
    digits[pos] = static_cast<std::int8_t>(d);
    top = pos + 1;
    pos += static_cast<std::size_t>(w);
  }
  return top;
}

P3 double_scalar_mul_base(const Scalar& a, const P3& p, const Scalar& b) {
  std::array<std::int8_t, kNafDigits> an{};
  std::array<std::int8_t, kNafDigits> bn{};
  const std::size_t top = std::max(wnaf(a, 8, an), wnaf(b, 5, bn));
  if (top == 0) return p3_identity();

  // Odd multiples P, 3P, ..., 15P.
  std::array<Cached, 8> pt{};
  pt[0] = p3_to_cached(p);
  const P3 p2x = p1p1_to_p3(p2_dbl(p3_to_p2(p)));
  for (std::size_t i = 1; i < 8; ++i) pt[i] = p3_to_cached(p1p1_to_p3(p3_add(p2x, pt[i - 1])));

  P2 r = p2_identity();
  P1P1 t{};
  for (std::size_t i = top; i-- > 0;) {
    t = p2_dbl(r);
    if (an[i] > 0) {
      t = p3_madd(p1p1_to_p3(t), kBaseTable[static_cast<std::size_t>(an[i] / 2)]);
    } else if (an[i] < 0) {
      t = p3_msub(p1p1_to_p3(t), kBaseTable[static_cast<std::size_t>(-an[i] / 2)]);
    }
    if (bn[i] > 0) {
      t = p3_add(p1p1_to_p3(t), pt[static_cast<std::size_t>(bn[i] / 2)]);
    } else if (bn[i] < 0) {
      t = p3_sub(p1p1_to_p3(t), pt[static_cast<std::size_t>(-bn[i] / 2)]);
    }
    if (i > 0) r = p1p1_to_p2(t);
  }
  return p1p1_to_p3(t);
}

} // namespace weft::crypto::ed25519
