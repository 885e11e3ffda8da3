// libFuzzer target: verify_batch() must never crash and must agree with verify() on every item
// (aborts on any disagreement). Items mix honest signatures, fuzzer bytes and small-order or
// non-canonical encodings so that the combined equation, bisection and exclusions all run.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "../tests/crypto/ed25519_signer.hpp"
#include "crypto/ed25519/batch.hpp"
#include "crypto/ed25519/verify.hpp"

namespace ed = weft::crypto::ed25519;

namespace {

struct Entry {
  std::array<std::uint8_t, 32> public_key{};
  std::vector<std::uint8_t> message;
  std::array<std::uint8_t, 64> signature{};
};

// Encodings that exercise ZIP-215: identity (3 spellings), orders 2, 4 (2 spellings), 8.
constexpr std::array<std::array<std::uint8_t, 32>, 7> kSpecial = [] {
  std::array<std::array<std::uint8_t, 32>, 7> s{};
  s[0][0] = 1;
  s[1].fill(0xff), s[1][0] = 0xee, s[1][31] = 0x7f;
  s[2][0] = 1, s[2][31] = 0x80;
  s[3].fill(0xff), s[3][0] = 0xec, s[3][31] = 0x7f;
  s[5].fill(0xff), s[5][0] = 0xed, s[5][31] = 0x7f;
  s[6] = {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
          0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
          0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a};
  return s;
}();

const weft::test::ed25519::KeyPair& key(std::size_t i) {
  static const auto pool = [] {
    std::array<weft::test::ed25519::KeyPair, 8> k{};
    for (std::size_t j = 0; j < k.size(); ++j) {
      std::array<std::uint8_t, 32> seed{};
      seed[0] = static_cast<std::uint8_t>(j + 1);
      k[j] = weft::test::ed25519::key_from_seed(seed);
    }
    return k;
  }();
  return pool[i % pool.size()];
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> in(data, size);
  auto take = [&in](std::size_t n) {
    const auto s = in.first(std::min(n, in.size()));
    in = in.subspan(s.size());
    return s;
  };
  std::vector<Entry> entries;
  while (!in.empty() && entries.size() < 160) {
    const std::uint8_t op = take(1)[0];
    Entry e;
    const auto msg = take(op >> 5); // 0..7 message bytes
    e.message.assign(msg.begin(), msg.end());
    switch (op & 3) {
    case 0: { // honest signature
      const auto& k = key(op >> 2);
      e.public_key = k.public_key;
      e.signature = weft::test::ed25519::sign(k, e.message);
      break;
    }
    case 1: { // honest signature with one bit flipped somewhere in A, R or S
      const auto& k = key(op >> 2);
      e.public_key = k.public_key;
      e.signature = weft::test::ed25519::sign(k, e.message);
      const auto where = take(2);
      const std::size_t bit = where.size() == 2 ? (std::size_t{where[0]} << 8 | where[1]) % 768 : 0;
      if (bit < 256) {
        e.public_key[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
      } else {
        e.signature[(bit - 256) / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
      }
      break;
    }
    case 2: { // special A and R, small S
      const auto pick = take(2);
      if (pick.size() < 2) return 0;
      e.public_key = kSpecial[pick[0] % kSpecial.size()];
      const auto& r = kSpecial[pick[1] % kSpecial.size()];
      std::copy(r.begin(), r.end(), e.signature.begin());
      e.signature[32] = static_cast<std::uint8_t>(pick[0] >> 4);
      break;
    }
    default: { // raw bytes
      const auto raw = take(96);
      if (raw.size() < 96) return 0;
      std::copy(raw.begin(), raw.begin() + 32, e.public_key.begin());
      std::copy(raw.begin() + 32, raw.end(), e.signature.begin());
    }
    }
    entries.push_back(std::move(e));
  }
  std::vector<ed::BatchItem> items;
  for (const auto& e : entries) items.push_back({e.public_key, e.message, e.signature});
  std::vector<std::uint8_t> results(items.size(), 0xaa);
  const std::array<std::uint8_t, 32> seed{};
  const bool all = ed::verify_batch(items, seed, results);
  bool expect_all = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool single = ed::verify(items[i].public_key, items[i].message, items[i].signature);
    if (results[i] != (single ? 1 : 0)) std::abort();
    expect_all = expect_all && single;
  }
  if (all != expect_all) std::abort();
  return 0;
}
