// Scalars mod L (RFC 8032 §5.1). Values are held in signed 21-bit limbs: 2^252 is limb 12, and
// 2^252 = -c (mod L) with c = L - 2^252 < 2^125 (six limbs), so a limb k >= 12 folds into limbs
// k-12 .. k-7 with a handful of int64 multiplications and no 128-bit products.
#include "crypto/ed25519/scalar.hpp"

#include <cassert>

namespace weft::crypto::ed25519 {
namespace {

constexpr int kBits = 21;

// c = L - 2^252 in radix 2^21 (each digit < 2^21; the scalar tests rebuild L from them).
constexpr std::array<std::int64_t, 6> kC = {1430509, 1626855, 1442968, 997804, 1960495, 683900};

using Limbs = std::array<std::int64_t, 24>;

// s += s[k] * 2^(21k) rewritten as -s[k] * c * 2^(21(k-12)).
inline void fold(Limbs& s, std::size_t k) {
  for (std::size_t j = 0; j < 6; ++j) s[k - 12 + j] -= s[k] * kC[j];
  s[k] = 0;
}

// Rounding carries from limb `from` up to (not including) `to`, leaving limbs in
// [-2^20, 2^20] and pushing the excess into s[to].
inline void carry_centred(Limbs& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    const std::int64_t c = (s[i] + (std::int64_t{1} << (kBits - 1))) >> kBits;
    s[i] -= c * (std::int64_t{1} << kBits);
    s[i + 1] += c;
  }
}

inline void carry_floor(Limbs& s) {
  for (std::size_t i = 0; i < 12; ++i) {
    const std::int64_t c = s[i] >> kBits;
    s[i] -= c * (std::int64_t{1} << kBits);
    s[i + 1] += c;
  }
}

// With limbs 0..11 in [0, 2^21): is sum s_i 2^(21i) >= L = 2^252 + c?
inline bool at_least_order(const Limbs& s) {
  if (s[12] != 1) return s[12] > 1;
  for (std::size_t i = 12; i-- > 6;) {
    if (s[i] != 0) return true;
  }
  for (std::size_t i = 6; i-- > 0;) {
    if (s[i] != kC[i]) return s[i] > kC[i];
  }
  return true; // equal to L
}

// Input: |s[i]| <= 2^21 for i < 23 and |s[23]| <= 2^29 (any value below 2^512 in that form).
// Output: the value mod L, canonical. The bounds at each step are noted inline.
Scalar reduce_limbs(Limbs s) {
  for (std::size_t k = 23; k >= 18; --k) fold(s, k); // products <= 2^50: limbs 6..16 < 2^53
  carry_centred(s, 6, 18);                           // s[6..17] centred, |s[18]| < 2^13
  fold(s, 18);                                       // adds < 2^34 to s[6..11]
  for (std::size_t k = 17; k >= 12; --k) fold(s, k); // products <= 2^41: limbs 0..11 < 2^44
  carry_centred(s, 0, 12);                           // |s[12]| < 2^24
  fold(s, 12);                                       // adds < 2^45 to s[0..5]
  carry_centred(s, 0, 12); // value now in (-2^253, 2^253): s[12] in {-1, 0, 1}
  carry_floor(s);          // limbs 0..11 in [0, 2^21), sign in s[12]
  while (s[12] < 0) {      // at most twice: add L
    for (std::size_t j = 0; j < 6; ++j) s[j] += kC[j];
    s[12] += 1;
    carry_floor(s);
  }
  while (at_least_order(s)) { // at most twice: subtract L
    for (std::size_t j = 0; j < 6; ++j) s[j] -= kC[j];
    s[12] -= 1;
    carry_floor(s);
  }
  assert(s[12] == 0 || s[12] == 1);
  Scalar out{};
  std::uint64_t acc = 0; // pending bits, fewer than 8 + 21
  int acc_bits = 0;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    acc |= static_cast<std::uint64_t>(s[i]) << acc_bits;
    acc_bits += kBits;
    for (; acc_bits >= 8 && pos < 32; acc_bits -= 8, acc >>= 8) {
      out[pos++] = static_cast<std::uint8_t>(acc);
    }
  }
  return out;
}

// Bits [21 i, 21 i + width) of a little-endian byte string, width <= 29.
inline std::int64_t load_bits(std::span<const std::uint8_t> x, std::size_t i, int width) {
  const std::size_t bit = 21 * i;
  std::uint64_t w = 0;
  for (std::size_t b = bit / 8, shift = 0; b < x.size() && shift < 40; ++b, shift += 8) {
    w |= std::uint64_t{x[b]} << shift;
  }
  w >>= bit % 8;
  return static_cast<std::int64_t>(w & ((std::uint64_t{1} << width) - 1));
}

// Twelve limbs of a 256-bit value: 21 bits each, the last one 25 bits (bits 231..255).
inline std::array<std::int64_t, 12> load_256(std::span<const std::uint8_t, 32> x) {
  std::array<std::int64_t, 12> a{};
  for (std::size_t i = 0; i < 12; ++i) a[i] = load_bits(x, i, i == 11 ? 25 : kBits);
  return a;
}

} // namespace

bool sc_is_canonical(std::span<const std::uint8_t, 32> s) {
  for (std::size_t i = 32; i-- > 0;) {
    if (s[i] != kGroupOrder[i]) return s[i] < kGroupOrder[i];
  }
  return false; // s == L
}

Scalar sc_reduce(std::span<const std::uint8_t, 64> x) {
  Limbs s{};
  for (std::size_t i = 0; i < 23; ++i) s[i] = load_bits(x, i, kBits);
  s[23] = load_bits(x, 23, 29); // bits 483..511
  return reduce_limbs(s);
}

Scalar sc_muladd(const Scalar& a, const Scalar& b, const Scalar& c) {
  const auto al = load_256(a);
  const auto bl = load_256(b);
  const auto cl = load_256(c);
  // Columns: at most 12 products of limbs below 2^25, so |s[k]| < 12 * 2^50 < 2^54.
  Limbs s{};
  for (std::size_t i = 0; i < 12; ++i) {
    s[i] += cl[i];
    for (std::size_t j = 0; j < 12; ++j) s[i + j] += al[i] * bl[j];
  }
  // Centre limbs 0..22; the value is below 2^512 + 2^256, so s[23] < 2^29 as reduce_limbs needs.
  carry_centred(s, 0, 23);
  return reduce_limbs(s);
}

} // namespace weft::crypto::ed25519
