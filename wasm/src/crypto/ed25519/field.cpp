// GF(2^255 - 19) arithmetic for edwards25519 (RFC 8032 §5.1), ten signed limbs in radix 2^25.5.
// The product layout follows the well-known ref10 shape; bounds are argued below.
#include "crypto/ed25519/field.hpp"

#include <cassert>

namespace weft::crypto::ed25519 {
namespace {

using Wide = std::array<std::int64_t, 10>;

// Moves the excess of limb i into limb i + 1 (limb 9 wraps into limb 0 times 19, as
// 2^255 = 19 mod p). Rounding to nearest leaves |h[i]| <= 2^(bits-1), so a limb carried last is
// centred; arithmetic >> on negative values is defined (C++20) and rounds toward -infinity.
template <int I> inline void carry_limb(Wide& h) {
  constexpr int kBits = kLimbBits[I];
  const std::int64_t c = (h[I] + (std::int64_t{1} << (kBits - 1))) >> kBits;
  h[I] -= c * (std::int64_t{1} << kBits);
  if constexpr (I == 9) {
    h[0] += 19 * c;
  } else {
    h[I + 1] += c;
  }
}

// Input |h[i]| < 2^62. Two interleaved chains (0->4 and 4->9->0) are independent, which lets
// the CPU overlap them. Limbs carried last are centred; h[5] and h[1] then take one more carry:
// the second carry out of h[4] is below 2^38 / 2^26 < 2^13 and the last carry out of h[0] below
// (2^25 + 19 * 2^37) / 2^26 < 2^16, so the result has magnitude at most 1 + 2^-8 ("tight").
inline Fe carry_wide(Wide h) {
  carry_limb<0>(h);
  carry_limb<4>(h);
  carry_limb<1>(h);
  carry_limb<5>(h);
  carry_limb<2>(h);
  carry_limb<6>(h);
  carry_limb<3>(h);
  carry_limb<7>(h);
  carry_limb<4>(h);
  carry_limb<8>(h);
  carry_limb<9>(h);
  carry_limb<0>(h);
  Fe f{};
  for (std::size_t i = 0; i < 10; ++i) f.v[i] = static_cast<std::int32_t>(h[i]);
  return f;
}

// f^(2^n)
inline Fe sq_n(Fe f, int n) {
  for (int i = 0; i < n; ++i) f = fe_sq(f);
  return f;
}

// The shared prefix of the inversion and square-root chains: returns z^(2^250 - 1) and z^11.
struct Pow250 {
  Fe z_250_0;
  Fe z11;
};
Pow250 pow_2_250_minus_1(const Fe& z) {
  const Fe z2 = fe_sq(z);
  const Fe z9 = fe_mul(z, sq_n(z2, 2));
  const Fe z11 = fe_mul(z2, z9);
  const Fe z_5_0 = fe_mul(z9, fe_sq(z11)); // 2^5 - 1 = 31 = 9 + 22
  const Fe z_10_0 = fe_mul(sq_n(z_5_0, 5), z_5_0);
  const Fe z_20_0 = fe_mul(sq_n(z_10_0, 10), z_10_0);
  const Fe z_40_0 = fe_mul(sq_n(z_20_0, 20), z_20_0);
  const Fe z_50_0 = fe_mul(sq_n(z_40_0, 10), z_10_0);
  const Fe z_100_0 = fe_mul(sq_n(z_50_0, 50), z_50_0);
  const Fe z_200_0 = fe_mul(sq_n(z_100_0, 100), z_100_0);
  const Fe z_250_0 = fe_mul(sq_n(z_200_0, 50), z_50_0);
  return {z_250_0, z11};
}

} // namespace

Fe fe_carry(const std::array<std::int64_t, 10>& h) {
  return carry_wide(h);
}

// Limb products: f_i g_j lands at bit offset off(i) + off(j), which is off(i + j) plus one when
// both i and j are odd (hence the doubled odd f), and wraps past 2^255 with a factor 19 (hence
// g_19). Bound: the largest column is h0 with one plain term and nine wrapped ones; with even
// limbs <= m 2^25 and odd <= m 2^24 it sums to at most 498 * 2^48 * m_f * m_g < 2^57 m_f m_g,
// so m_f m_g <= 32 keeps every column (and carry_wide's input) below 2^62.
Fe fe_mul(const Fe& f, const Fe& g) {
  const std::int64_t f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
  const std::int64_t f5 = f.v[5], f6 = f.v[6], f7 = f.v[7], f8 = f.v[8], f9 = f.v[9];
  const std::int64_t g0 = g.v[0], g1 = g.v[1], g2 = g.v[2], g3 = g.v[3], g4 = g.v[4];
  const std::int64_t g5 = g.v[5], g6 = g.v[6], g7 = g.v[7], g8 = g.v[8], g9 = g.v[9];
  const std::int64_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
  const std::int64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  const std::int64_t g5_19 = 19 * g5, g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8;
  const std::int64_t g9_19 = 19 * g9;
  const std::int64_t h0 = f0 * g0 + f1_2 * g9_19 + f2 * g8_19 + f3_2 * g7_19 + f4 * g6_19 +
                          f5_2 * g5_19 + f6 * g4_19 + f7_2 * g3_19 + f8 * g2_19 + f9_2 * g1_19;
  const std::int64_t h1 = f0 * g1 + f1 * g0 + f2 * g9_19 + f3 * g8_19 + f4 * g7_19 + f5 * g6_19 +
                          f6 * g5_19 + f7 * g4_19 + f8 * g3_19 + f9 * g2_19;
  const std::int64_t h2 = f0 * g2 + f1_2 * g1 + f2 * g0 + f3_2 * g9_19 + f4 * g8_19 + f5_2 * g7_19 +
                          f6 * g6_19 + f7_2 * g5_19 + f8 * g4_19 + f9_2 * g3_19;
  const std::int64_t h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9_19 + f5 * g8_19 +
                          f6 * g7_19 + f7 * g6_19 + f8 * g5_19 + f9 * g4_19;
  const std::int64_t h4 = f0 * g4 + f1_2 * g3 + f2 * g2 + f3_2 * g1 + f4 * g0 + f5_2 * g9_19 +
                          f6 * g8_19 + f7_2 * g7_19 + f8 * g6_19 + f9_2 * g5_19;
  const std::int64_t h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9_19 +
                          f7 * g8_19 + f8 * g7_19 + f9 * g6_19;
  const std::int64_t h6 = f0 * g6 + f1_2 * g5 + f2 * g4 + f3_2 * g3 + f4 * g2 + f5_2 * g1 +
                          f6 * g0 + f7_2 * g9_19 + f8 * g8_19 + f9_2 * g7_19;
  const std::int64_t h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 +
                          f7 * g0 + f8 * g9_19 + f9 * g8_19;
  const std::int64_t h8 = f0 * g8 + f1_2 * g7 + f2 * g6 + f3_2 * g5 + f4 * g4 + f5_2 * g3 +
                          f6 * g2 + f7_2 * g1 + f8 * g0 + f9_2 * g9_19;
  const std::int64_t h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 +
                          f7 * g2 + f8 * g1 + f9 * g0;
  return carry_wide({h0, h1, h2, h3, h4, h5, h6, h7, h8, h9});
}

namespace {
// The squaring columns: the mul columns with f_i f_j and f_j f_i merged (factor 2). Same bound.
inline Wide sq_wide(const Fe& f) {
  const std::int64_t f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
  const std::int64_t f5 = f.v[5], f6 = f.v[6], f7 = f.v[7], f8 = f.v[8], f9 = f.v[9];
  const std::int64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4;
  const std::int64_t f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9;
  const std::int64_t f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8;
  const std::int64_t f9_19 = 19 * f9, f7_38 = 38 * f7, f9_38 = 38 * f9;
  const std::int64_t h0 =
      f0 * f0 + f1_2 * f9_38 + f2_2 * f8_19 + f3_2 * f7_38 + f4_2 * f6_19 + f5_2 * f5_19;
  const std::int64_t h1 = f0_2 * f1 + f2_2 * f9_19 + f3_2 * f8_19 + f4_2 * f7_19 + f5_2 * f6_19;
  const std::int64_t h2 =
      f0_2 * f2 + f1_2 * f1 + f3_2 * f9_38 + f4_2 * f8_19 + f5_2 * f7_38 + f6 * f6_19;
  const std::int64_t h3 = f0_2 * f3 + f1_2 * f2 + f4_2 * f9_19 + f5_2 * f8_19 + f6_2 * f7_19;
  const std::int64_t h4 =
      f0_2 * f4 + f1_2 * f3_2 + f2 * f2 + f5_2 * f9_38 + f6_2 * f8_19 + f7_2 * f7_19;
  const std::int64_t h5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6_2 * f9_19 + f7_2 * f8_19;
  const std::int64_t h6 =
      f0_2 * f6 + f1_2 * f5_2 + f2_2 * f4 + f3_2 * f3 + f7_2 * f9_38 + f8 * f8_19;
  const std::int64_t h7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4 + f8_2 * f9_19;
  const std::int64_t h8 =
      f0_2 * f8 + f1_2 * f7_2 + f2_2 * f6 + f3_2 * f5_2 + f4 * f4 + f9_2 * f9_19;
  const std::int64_t h9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6 + f4_2 * f5;
  return {h0, h1, h2, h3, h4, h5, h6, h7, h8, h9};
}
} // namespace

Fe fe_sq(const Fe& f) {
  return carry_wide(sq_wide(f));
}

// Needs m <= 4 so the doubled columns stay below 2^62.
Fe fe_sq2(const Fe& f) {
  Wide h = sq_wide(f);
  for (auto& x : h) x *= 2;
  return carry_wide(h);
}

std::array<std::uint8_t, 32> fe_to_bytes(const Fe& f) {
  // Floor carries make every limb non-negative and in range; the carry out of limb 9 is folded
  // back (times 19) until it is zero. Each round shrinks that carry by a factor of about 2^25,
  // so this ends after at most three rounds. Then 0 <= value < 2^255 and at most one p remains.
  Wide h{};
  for (std::size_t i = 0; i < 10; ++i) h[i] = f.v[i];
  std::int64_t top = 0;
  do {
    for (std::size_t i = 0; i < 9; ++i) {
      const int bits = kLimbBits[i];
      const std::int64_t c = h[i] >> bits;
      h[i] -= c * (std::int64_t{1} << bits);
      h[i + 1] += c;
    }
    top = h[9] >> 25;
    h[9] -= top * (std::int64_t{1} << 25);
    h[0] += 19 * top;
  } while (top != 0);
  // value >= p exactly when value + 19 reaches 2^255; then the reduced value is that sum mod 2^255.
  Wide t = h;
  t[0] += 19;
  for (std::size_t i = 0; i < 9; ++i) {
    const std::int64_t c = t[i] >> kLimbBits[i];
    t[i] -= c * (std::int64_t{1} << kLimbBits[i]);
    t[i + 1] += c;
  }
  if ((t[9] >> 25) != 0) {
    t[9] -= std::int64_t{1} << 25;
    h = t;
  }
  std::array<std::uint8_t, 32> out{};
  std::uint64_t acc = 0; // pending bits, fewer than 8 + 26 of them
  int acc_bits = 0;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    assert(h[i] >= 0 && h[i] < (std::int64_t{1} << kLimbBits[i]));
    acc |= static_cast<std::uint64_t>(h[i]) << acc_bits;
    acc_bits += kLimbBits[i];
    for (; acc_bits >= 8; acc_bits -= 8, acc >>= 8) out[pos++] = static_cast<std::uint8_t>(acc);
  }
  out[pos] = static_cast<std::uint8_t>(acc); // the last 7 bits; bit 255 stays clear
  return out;
}

Fe fe_invert(const Fe& f) {
  const Pow250 p = pow_2_250_minus_1(f);
  return fe_mul(sq_n(p.z_250_0, 5), p.z11); // 2^255 - 32 + 11 = p - 2
}

Fe fe_pow22523(const Fe& f) {
  const Pow250 p = pow_2_250_minus_1(f);
  return fe_mul(sq_n(p.z_250_0, 2), f); // 2^252 - 4 + 1
}

bool fe_is_zero(const Fe& f) {
  const auto b = fe_to_bytes(f);
  std::uint8_t acc = 0;
  for (auto x : b) acc = static_cast<std::uint8_t>(acc | x);
  return acc == 0;
}

bool fe_is_negative(const Fe& f) {
  return (fe_to_bytes(f)[0] & 1) != 0;
}

bool fe_equal(const Fe& f, const Fe& g) {
  return fe_is_zero(fe_sub(f, g));
}

// RFC 8032 §5.1.3: x = u v^3 (u v^7)^((p-5)/8). Then v x^2 is u (x is a root), -u (x sqrt(-1)
// is a root, as sqrt(-1)^2 = -1), or neither (u/v is not a square).
SqrtRatio fe_sqrt_ratio(const Fe& u, const Fe& v) {
  const Fe v3 = fe_mul(fe_sq(v), v);
  const Fe v7 = fe_mul(fe_sq(v3), v);
  Fe x = fe_mul(fe_mul(u, v3), fe_pow22523(fe_mul(u, v7)));
  const Fe check = fe_mul(v, fe_sq(x));
  if (fe_equal(check, u)) return {x, true};
  if (fe_equal(check, fe_neg(u))) return {fe_mul(x, kFeSqrtM1), true};
  return {x, false};
}

} // namespace weft::crypto::ed25519
