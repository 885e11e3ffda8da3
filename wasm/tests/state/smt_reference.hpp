// An independent, deliberately naive statement of docs/protocol/state.md's root definition, for
// tests and fuzzers to check the tree against: recursion over a sorted map, tags written out.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "crypto/sha256.hpp"
#include "state/types.hpp"

namespace weft::test::smt {

using Model = std::map<state::Key, state::Bytes>;

inline state::Hash tagged(std::string_view tag, const std::array<std::uint8_t, 32>& a,
                          const std::array<std::uint8_t, 32>& b) {
  std::vector<std::uint8_t> preimage(tag.begin(), tag.end());
  preimage.insert(preimage.end(), a.begin(), a.end());
  preimage.insert(preimage.end(), b.begin(), b.end());
  return crypto::sha256(preimage);
}

inline state::Hash reference_root(Model::const_iterator begin, Model::const_iterator end,
                                  std::size_t depth) {
  const auto n = std::distance(begin, end);
  if (n == 0) return state::Hash{};
  if (n == 1) return tagged("weft/smt/v1/leaf", begin->first, crypto::sha256(begin->second));
  auto mid = begin;
  while (mid != end && state::key_bit(mid->first, depth) == 0) ++mid;
  return tagged("weft/smt/v1/node", reference_root(begin, mid, depth + 1),
                reference_root(mid, end, depth + 1));
}

inline state::Hash reference_root(const Model& model) {
  return reference_root(model.begin(), model.end(), 0);
}

// SplitMix64: a seeded, portable generator, so every test input is reproducible.
class Rng {
public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  state::Key key() {
    state::Key k;
    for (std::size_t i = 0; i < k.size(); i += 8) {
      const std::uint64_t v = next();
      for (std::size_t j = 0; j < 8; ++j) k[i + j] = static_cast<std::uint8_t>(v >> (8 * j));
    }
    return k;
  }
  state::Bytes value(std::size_t max_len = 40) {
    state::Bytes v(below(max_len + 1));
    for (auto& b : v) b = static_cast<std::uint8_t>(next());
    return v;
  }

private:
  std::uint64_t state_;
};

} // namespace weft::test::smt
