// Tree nodes: their hashes (the commitment) and their stored encoding (what the host keeps).
// docs/protocol/state.md §2 (hashing) and §3 (node encoding).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "state/state_error.hpp"
#include "state/types.hpp"
#include "util/result.hpp"

namespace weft::state {

// Domain tags prefixed to every hash preimage (state.md §2.2): equal lengths, so neither is a
// prefix of the other, and distinct from every other Weft tag. A tag plus 64 bytes plus SHA-256
// padding still fits in two blocks, so the tags cost no extra compression.
inline constexpr std::string_view kLeafTag = "weft/smt/v1/leaf";
inline constexpr std::string_view kInternalTag = "weft/smt/v1/node";
static_assert(kLeafTag.size() == kInternalTag.size());
static_assert(kLeafTag.size() + 64 + 9 <= 128, "two SHA-256 blocks per node hash");

// The first byte of a node's stored encoding.
enum class NodeKind : std::uint8_t { Leaf = 0, Internal = 1 };

inline constexpr std::size_t kInternalEncodingSize = 1 + 32 + 32;
inline constexpr std::size_t kLeafHeaderSize = 1 + 32;

Hash value_hash(std::span<const std::uint8_t> value);
Hash leaf_hash(const Key& key, const Hash& value_hash);
Hash internal_hash(const Hash& left, const Hash& right);

// A decoded node. Internal: `first`/`second` are the left/right child hashes. Leaf: `first` is the
// key, `second` is SHA-256(value) and `value` holds the value itself.
struct Node {
  NodeKind kind = NodeKind::Internal;
  Hash first{};
  Hash second{};
  Bytes value;

  const Hash& left() const { return first; }
  const Hash& right() const { return second; }
  const Key& key() const { return first; }
  const Hash& value_hash() const { return second; }
  bool is_leaf() const { return kind == NodeKind::Leaf; }
};

// Writes a node's encoding into `out`, which must be exactly the encoding's size.
void encode_internal(std::span<std::uint8_t> out, const Hash& left, const Hash& right);
void encode_leaf(std::span<std::uint8_t> out, const Key& key, std::span<const std::uint8_t> value);

// Decodes bytes the host returned for `address` and checks that they hash to it: the store is
// outside the core's trust boundary (a disk, IndexedDB), so a flipped bit must not become a
// wrong state root.
Result<Node, StateError> decode_node(const Hash& address, std::span<const std::uint8_t> bytes);

} // namespace weft::state
