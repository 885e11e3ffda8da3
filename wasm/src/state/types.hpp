// The vocabulary of the state commitment: 256-bit keys, SHA-256 hashes, byte strings, key bits.
// docs/protocol/state.md §1.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace weft::state {

using Hash = std::array<std::uint8_t, 32>;
using Key = std::array<std::uint8_t, 32>;
using Bytes = std::vector<std::uint8_t>;

inline constexpr std::size_t kKeyBits = 256;

// The value of every empty subtree, at every depth (state.md §2.1). SHA-256 never outputs it in
// practice, so it cannot be confused with a leaf or an internal node.
inline constexpr Hash kEmptyHash{};

inline bool is_empty(const Hash& hash) {
  return hash == kEmptyHash;
}

// Bit `i` of a key, most significant bit of byte 0 first: bit 0 picks the root's child, and
// 0 means left. `i` < 256.
inline unsigned key_bit(const Key& key, std::size_t i) {
  return (static_cast<unsigned>(key[i >> 3]) >> (7u - static_cast<unsigned>(i & 7u))) & 1u;
}

// How many leading bits `a` and `b` share (256 when equal).
inline std::size_t common_prefix_bits(const Key& a, const Key& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto diff = static_cast<std::uint8_t>(a[i] ^ b[i]);
    if (diff != 0) return i * 8 + static_cast<std::size_t>(std::countl_zero(diff));
  }
  return kKeyBits;
}

// For hash maps keyed by node hashes: the hashes are SHA-256 outputs, so their first bytes are
// already uniform.
struct HashHasher {
  std::size_t operator()(const Hash& hash) const {
    std::size_t out;
    std::memcpy(&out, hash.data(), sizeof out);
    return out;
  }
};

} // namespace weft::state
