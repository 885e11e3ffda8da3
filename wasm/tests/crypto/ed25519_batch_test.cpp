// Batch verification must agree with verify() item by item on every input (ZIP-215 makes that
// possible): valid batches of many sizes, invalid items anywhere, bad encodings, small-order and
// non-canonical points, and the public ZIP-215 vector set as one batch.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../hex.hpp"
#include "crypto/ed25519/batch.hpp"
#include "crypto/ed25519/verify.hpp"
#include "crypto/sha512.hpp"
#include "ed25519_signer.hpp"

#ifndef WEFT_VECTORS_DIR
#define WEFT_VECTORS_DIR ""
#endif

namespace {

namespace ed = weft::crypto::ed25519;
namespace signer = weft::test::ed25519;
using weft::test::from_hex;

// Owns the bytes that BatchItem spans point into.
struct Entry {
  std::array<std::uint8_t, 32> public_key{};
  std::vector<std::uint8_t> message;
  std::array<std::uint8_t, 64> signature{};
};

struct Rng {
  std::uint64_t state;
  std::uint64_t next() { // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  std::array<std::uint8_t, 32> bytes32() {
    std::array<std::uint8_t, 32> b{};
    for (auto& x : b) x = static_cast<std::uint8_t>(next());
    return b;
  }
};

// A pool of keys, so signing many entries stays cheap.
const std::vector<signer::KeyPair>& keys() {
  static const std::vector<signer::KeyPair> pool = [] {
    std::vector<signer::KeyPair> k;
    Rng rng{42};
    for (int i = 0; i < 16; ++i) k.push_back(signer::key_from_seed(rng.bytes32()));
    return k;
  }();
  return pool;
}

Entry valid_entry(Rng& rng) {
  const auto& key = keys()[rng.below(keys().size())];
  Entry e;
  e.public_key = key.public_key;
  e.message.resize(rng.below(80));
  for (auto& b : e.message) b = static_cast<std::uint8_t>(rng.next());
  e.signature = signer::sign(key, e.message);
  return e;
}

// Checks verify_batch against verify() on every item; returns the number of valid items.
std::size_t check_agreement(const std::vector<Entry>& entries, std::uint64_t seed_value = 1) {
  std::vector<ed::BatchItem> items;
  items.reserve(entries.size());
  for (const auto& e : entries) items.push_back({e.public_key, e.message, e.signature});
  std::array<std::uint8_t, 32> seed{};
  for (std::size_t i = 0; i < 8; ++i) seed[i] = static_cast<std::uint8_t>(seed_value >> (8 * i));
  std::vector<std::uint8_t> results(items.size(), 0xaa);
  const bool all = ed::verify_batch(items, seed, results);
  std::size_t valid = 0;
  bool expect_all = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool single = ed::verify(items[i].public_key, items[i].message, items[i].signature);
    INFO("item " << i << " of " << items.size());
    CHECK(results[i] == (single ? 1 : 0));
    valid += single ? 1 : 0;
    expect_all = expect_all && single;
  }
  CHECK(all == expect_all);
  return valid;
}

TEST_CASE("ed25519 batch: empty batch is valid") {
  std::array<std::uint8_t, 32> seed{};
  CHECK(ed::verify_batch({}, seed, {}));
}

TEST_CASE("ed25519 batch: all-valid batches of sizes 1..70 and 256") {
  Rng rng{1};
  std::vector<Entry> entries;
  for (std::size_t n = 1; n <= 70; ++n) {
    entries.push_back(valid_entry(rng));
    CHECK(check_agreement(entries, n) == n);
  }
  while (entries.size() < 256) entries.push_back(valid_entry(rng));
  CHECK(check_agreement(entries) == 256);
}

// Mutations that make an item invalid in different ways.
void corrupt(Entry& e, Rng& rng, int how) {
  switch (how % 6) {
  case 0: // message bit
    if (e.message.empty()) {
      e.message.push_back(1);
    } else {
      e.message[rng.below(e.message.size())] ^= 1;
    }
    break;
  case 1:
    e.signature[rng.below(32)] ^= static_cast<std::uint8_t>(1u << rng.below(8));
    break; // R
  case 2:
    e.signature[32 + rng.below(31)] ^= static_cast<std::uint8_t>(1u << rng.below(8));
    break;
  case 3:
    e.public_key[rng.below(32)] ^= static_cast<std::uint8_t>(1u << rng.below(8));
    break;
  case 4: { // S + L: non-canonical S, excluded up front
    unsigned carry = 0;
    for (std::size_t i = 0; i < 32; ++i) {
      const unsigned t = e.signature[32 + i] + ed::kGroupOrder[i] + carry;
      e.signature[32 + i] = static_cast<std::uint8_t>(t);
      carry = t >> 8;
    }
    break;
  }
  default: // R off the curve (y = 2)
    std::fill(e.signature.begin(), e.signature.begin() + 32, 0);
    e.signature[0] = 2;
  }
}

TEST_CASE("ed25519 batch: one or several invalid items at random positions") {
  Rng rng{7};
  for (std::size_t n : {2u, 3u, 5u, 16u, 33u, 64u, 65u, 100u, 130u}) {
    for (std::size_t bad : {1u, 2u, 5u}) {
      if (bad > n) continue;
      std::vector<Entry> entries;
      for (std::size_t i = 0; i < n; ++i) entries.push_back(valid_entry(rng));
      for (std::size_t b = 0; b < bad; ++b)
        corrupt(entries[rng.below(n)], rng, static_cast<int>(rng.next() % 6));
      INFO("n=" << n << " bad=" << bad);
      CHECK(check_agreement(entries, n * 31 + bad) < n);
    }
  }
  // Every item invalid, with the equation-level failures only (no up-front exclusions).
  std::vector<Entry> entries;
  for (int i = 0; i < 40; ++i) {
    entries.push_back(valid_entry(rng));
    corrupt(entries.back(), rng, 0);
  }
  CHECK(check_agreement(entries) == 0);
}

TEST_CASE("ed25519 batch: invalid encodings, small-order and non-canonical points") {
  Rng rng{9};
  const char* small_or_odd[] = {
      "0100000000000000000000000000000000000000000000000000000000000000", // identity
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // identity, y = p + 1
      "0100000000000000000000000000000000000000000000000000000000000080", // identity, -0
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
      "0000000000000000000000000000000000000000000000000000000000000000", // order 4
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 4, y = p
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
      "0200000000000000000000000000000000000000000000000000000000000000", // off the curve
  };
  std::vector<Entry> entries;
  for (const char* a : small_or_odd) {
    for (const char* r : small_or_odd) {
      for (int s : {0, 1}) {
        Entry e;
        const auto ab = from_hex(a);
        const auto rb = from_hex(r);
        std::copy(ab.begin(), ab.end(), e.public_key.begin());
        std::copy(rb.begin(), rb.end(), e.signature.begin());
        e.signature[32] = static_cast<std::uint8_t>(s);
        e.message = {static_cast<std::uint8_t>(entries.size())};
        entries.push_back(e);
        if (rng.below(3) == 0) entries.push_back(valid_entry(rng));
      }
    }
  }
  // Mixed-order keys and R (valid under the cofactored equation only).
  const auto& key = keys()[0];
  const auto t =
      *ed::p3_decode(std::span<const std::uint8_t, 32>(from_hex(small_or_odd[6]).data(), 32));
  const auto a = *ed::p3_decode(key.public_key);
  const auto a_mixed = ed::p3_encode(ed::p1p1_to_p3(ed::p3_add(a, ed::p3_to_cached(t))));
  for (int i = 0; i < 6; ++i) {
    Entry e;
    e.message = {1, 2, static_cast<std::uint8_t>(i)};
    e.public_key = (i % 2 == 0) ? a_mixed : key.public_key;
    e.signature = (i % 2 == 0) ? signer::sign_with(key, a_mixed, e.message)
                               : signer::sign_with(key, key.public_key, e.message, &t);
    entries.push_back(e);
  }
  const std::size_t valid = check_agreement(entries);
  CHECK(valid > 0);
  CHECK(valid < entries.size());
}

TEST_CASE("ed25519 batch: results do not depend on the seed, and mismatched sizes fail safe") {
  Rng rng{11};
  std::vector<Entry> entries;
  for (int i = 0; i < 20; ++i) entries.push_back(valid_entry(rng));
  corrupt(entries[3], rng, 2);
  corrupt(entries[17], rng, 0);
  for (std::uint64_t seed = 0; seed < 4; ++seed) CHECK(check_agreement(entries, seed) == 18);
  std::vector<ed::BatchItem> items;
  for (const auto& e : entries) items.push_back({e.public_key, e.message, e.signature});
  std::vector<std::uint8_t> short_results(items.size() - 1, 0xaa);
  std::array<std::uint8_t, 32> seed{};
  CHECK_FALSE(ed::verify_batch(items, seed, short_results));
  for (auto r : short_results) CHECK(r == 0);
}

TEST_CASE("ed25519 batch: the ZIP-215 vector set as one batch") {
  const std::filesystem::path path =
      std::filesystem::path(WEFT_VECTORS_DIR) / "ed25519-zip215.json";
  std::ifstream in(path);
  if (!in) {
    MESSAGE("skipped: " << path.string() << " not found (public vectors live in shared/vectors)");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  // The file is a flat array of objects with hex strings; pull the two fields out in order.
  std::vector<Entry> entries;
  const std::string msg = "Zcash";
  for (std::size_t pos = 0; (pos = text.find("\"vk_bytes\"", pos)) != std::string::npos;) {
    auto field = [&](const char* name) {
      const std::size_t k = text.find(std::string("\"") + name + "\"", pos);
      const std::size_t open = text.find('"', text.find(':', k) + 1);
      const std::size_t close = text.find('"', open + 1);
      return from_hex(text.substr(open + 1, close - open - 1));
    };
    Entry e;
    const auto vk = field("vk_bytes");
    const auto sig = field("sig_bytes");
    REQUIRE(vk.size() == 32);
    REQUIRE(sig.size() == 64);
    std::copy(vk.begin(), vk.end(), e.public_key.begin());
    std::copy(sig.begin(), sig.end(), e.signature.begin());
    e.message.assign(msg.begin(), msg.end());
    entries.push_back(e);
    pos += 10;
  }
  REQUIRE(entries.size() == 196);
  CHECK(check_agreement(entries) == 196);
  // And with a few of them broken.
  Rng rng{13};
  for (int i = 0; i < 5; ++i) corrupt(entries[rng.below(entries.size())], rng, 2);
  check_agreement(entries);
}

} // namespace
