// SHA-512 from FIPS 180-4: constants §4.2.3, initial hash §5.3.5, padding §5.1.2,
// computation §6.4.2. Ed25519 hashes R || A || M with it on every verification.
#include "crypto/sha512.hpp"

#include <algorithm>
#include <bit>

namespace weft::crypto {
namespace {

constexpr std::array<std::uint64_t, 80> kRoundConstants = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

constexpr std::array<std::uint64_t, 8> kInitialState = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

inline std::uint64_t load_be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

inline void store_be64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    p[i] = static_cast<std::uint8_t>(v);
    v >>= 8;
  }
}

// FIPS 180-4 §4.1.3 functions.
inline std::uint64_t ch(std::uint64_t x, std::uint64_t y, std::uint64_t z) {
  return (x & y) ^ (~x & z);
}
inline std::uint64_t maj(std::uint64_t x, std::uint64_t y, std::uint64_t z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
inline std::uint64_t big_sigma0(std::uint64_t x) {
  return std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39);
}
inline std::uint64_t big_sigma1(std::uint64_t x) {
  return std::rotr(x, 14) ^ std::rotr(x, 18) ^ std::rotr(x, 41);
}
inline std::uint64_t small_sigma0(std::uint64_t x) {
  return std::rotr(x, 1) ^ std::rotr(x, 8) ^ (x >> 7);
}
inline std::uint64_t small_sigma1(std::uint64_t x) {
  return std::rotr(x, 19) ^ std::rotr(x, 61) ^ (x >> 6);
}

// Same ring-buffer schedule as SHA-256, with 80 rounds over 64-bit words.
void compress(std::array<std::uint64_t, 8>& state, const std::uint8_t* data, std::size_t blocks) {
  for (; blocks > 0; --blocks, data += Sha512::kBlockSize) {
    std::uint64_t w[16];
    for (int t = 0; t < 16; ++t) w[t] = load_be64(data + 8 * t);

    std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 80; ++t) {
      std::uint64_t wt;
      if (t < 16) {
        wt = w[t];
      } else {
        wt = small_sigma1(w[(t - 2) & 15]) + w[(t - 7) & 15] + small_sigma0(w[(t - 15) & 15]) +
             w[t & 15];
        w[t & 15] = wt;
      }
      const std::uint64_t t1 =
          h + big_sigma1(e) + ch(e, f, g) + kRoundConstants[static_cast<std::size_t>(t)] + wt;
      const std::uint64_t t2 = big_sigma0(a) + maj(a, b, c);
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
}

} // namespace

Sha512::Sha512() : state_(kInitialState), buffer_{} {}

void Sha512::update(std::span<const std::uint8_t> data) {
  total_bytes_ += data.size();
  const std::uint8_t* p = data.data();
  std::size_t n = data.size();
  if (buffered_ > 0) {
    const std::size_t take = std::min(n, kBlockSize - buffered_);
    std::copy_n(p, take, buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_));
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < kBlockSize) return;
    compress(state_, buffer_.data(), 1);
    buffered_ = 0;
  }
  const std::size_t whole = n / kBlockSize;
  if (whole > 0) compress(state_, p, whole);
  p += whole * kBlockSize;
  n -= whole * kBlockSize;
  std::copy_n(p, n, buffer_.begin());
  buffered_ = n;
}

Sha512Digest Sha512::finish() {
  // §5.1.2: append 0x80, zeros to 112 mod 128, then the 128-bit message length in bits.
  const std::uint64_t bit_length_low = total_bytes_ << 3;
  const std::uint64_t bit_length_high = total_bytes_ >> 61;
  buffer_[buffered_++] = 0x80;
  if (buffered_ > kBlockSize - 16) {
    std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end(), 0);
    compress(state_, buffer_.data(), 1);
    buffered_ = 0;
  }
  std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.end() - 16, 0);
  store_be64(buffer_.data() + 112, bit_length_high);
  store_be64(buffer_.data() + 120, bit_length_low);
  compress(state_, buffer_.data(), 1);

  Sha512Digest digest;
  for (std::size_t i = 0; i < 8; ++i) store_be64(digest.data() + 8 * i, state_[i]);
  *this = Sha512();
  return digest;
}

Sha512Digest sha512(std::span<const std::uint8_t> data) {
  Sha512 h;
  h.update(data);
  return h.finish();
}

} // namespace weft::crypto
