// Test-only Ed25519 signing (RFC 8032 §5.1.5-5.1.6) built on the verifier's own group code, so
// the tests and fuzzers can make as many valid signatures as they need. Not constant-time; never
// for production keys (signing lives in TypeScript).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "crypto/ed25519/point.hpp"
#include "crypto/ed25519/scalar.hpp"
#include "crypto/sha512.hpp"

namespace weft::test::ed25519 {

namespace ed = weft::crypto::ed25519;

inline ed::Scalar reduce_32(std::span<const std::uint8_t, 32> x) {
  std::array<std::uint8_t, 64> wide{};
  for (std::size_t i = 0; i < 32; ++i) wide[i] = x[i];
  return ed::sc_reduce(wide);
}

// [s]B for any s (reduced first, as [s]B = [s mod L]B).
inline ed::P3 base_mul(std::span<const std::uint8_t, 32> s) {
  return ed::double_scalar_mul_base(reduce_32(s), ed::p3_identity(), ed::Scalar{});
}

struct KeyPair {
  ed::Scalar secret_scalar; // clamped a, reduced mod L
  std::array<std::uint8_t, 32> prefix;
  std::array<std::uint8_t, 32> public_key;
};

inline KeyPair key_from_seed(std::span<const std::uint8_t, 32> seed) {
  const auto h = weft::crypto::sha512(seed);
  std::array<std::uint8_t, 32> a{};
  for (std::size_t i = 0; i < 32; ++i) a[i] = h[i];
  a[0] &= 248;
  a[31] &= 127;
  a[31] |= 64;
  KeyPair k{};
  k.secret_scalar = reduce_32(a);
  for (std::size_t i = 0; i < 32; ++i) k.prefix[i] = h[32 + i];
  k.public_key = ed::p3_encode(base_mul(a));
  return k;
}

// Signs with an explicit public-key encoding (which may be any encoding of A, or even of A plus a
// small-order point) and an optional point added to R, to build ZIP-215 edge cases.
inline std::array<std::uint8_t, 64> sign_with(const KeyPair& key,
                                              std::span<const std::uint8_t, 32> public_encoding,
                                              std::span<const std::uint8_t> message,
                                              const ed::P3* r_offset = nullptr) {
  weft::crypto::Sha512 hr;
  hr.update(key.prefix);
  hr.update(message);
  const ed::Scalar r = ed::sc_reduce(hr.finish());
  ed::P3 rp = base_mul(r);
  if (r_offset != nullptr) rp = ed::p1p1_to_p3(ed::p3_add(rp, ed::p3_to_cached(*r_offset)));
  const auto r_enc = ed::p3_encode(rp);
  weft::crypto::Sha512 hk;
  hk.update(r_enc);
  hk.update(public_encoding);
  hk.update(message);
  const ed::Scalar k = ed::sc_reduce(hk.finish());
  const ed::Scalar s = ed::sc_muladd(k, key.secret_scalar, r);
  std::array<std::uint8_t, 64> sig{};
  for (std::size_t i = 0; i < 32; ++i) {
    sig[i] = r_enc[i];
    sig[32 + i] = s[i];
  }
  return sig;
}

inline std::array<std::uint8_t, 64> sign(const KeyPair& key,
                                         std::span<const std::uint8_t> message) {
  return sign_with(key, key.public_key, message);
}

} // namespace weft::test::ed25519
