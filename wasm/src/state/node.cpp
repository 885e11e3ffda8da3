// Node hashing and encoding, docs/protocol/state.md §2–§3.
#include "state/node.hpp"

#include <algorithm>
#include <cassert>

#include "crypto/sha256.hpp"

namespace weft::state {
namespace {

constexpr std::size_t kTagSize = kLeafTag.size();

Hash tagged_hash(std::string_view tag, const Hash& a, const Hash& b) {
  std::array<std::uint8_t, kTagSize + 64> preimage;
  std::copy(tag.begin(), tag.end(), preimage.begin());
  std::copy(a.begin(), a.end(), preimage.begin() + kTagSize);
  std::copy(b.begin(), b.end(), preimage.begin() + kTagSize + 32);
  return crypto::sha256(preimage);
}

} // namespace

Hash value_hash(std::span<const std::uint8_t> value) {
  return crypto::sha256(value);
}

Hash leaf_hash(const Key& key, const Hash& value_hash) {
  return tagged_hash(kLeafTag, key, value_hash);
}

Hash internal_hash(const Hash& left, const Hash& right) {
  return tagged_hash(kInternalTag, left, right);
}

void encode_internal(std::span<std::uint8_t> out, const Hash& left, const Hash& right) {
  assert(out.size() == kInternalEncodingSize);
  out[0] = static_cast<std::uint8_t>(NodeKind::Internal);
  std::copy(left.begin(), left.end(), out.begin() + 1);
  std::copy(right.begin(), right.end(), out.begin() + 33);
}

void encode_leaf(std::span<std::uint8_t> out, const Key& key, std::span<const std::uint8_t> value) {
  assert(out.size() == kLeafHeaderSize + value.size());
  out[0] = static_cast<std::uint8_t>(NodeKind::Leaf);
  std::copy(key.begin(), key.end(), out.begin() + 1);
  std::copy(value.begin(), value.end(), out.begin() + kLeafHeaderSize);
}

Result<Node, StateError> decode_node(const Hash& address, std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return Err{StateError::CorruptNode};
  Node node;
  if (bytes[0] == static_cast<std::uint8_t>(NodeKind::Internal)) {
    if (bytes.size() != kInternalEncodingSize) return Err{StateError::CorruptNode};
    node.kind = NodeKind::Internal;
    std::copy_n(bytes.begin() + 1, 32, node.first.begin());
    std::copy_n(bytes.begin() + 33, 32, node.second.begin());
    // Two empty children would be an empty subtree, which is never stored.
    if (is_empty(node.first) && is_empty(node.second)) return Err{StateError::CorruptNode};
    if (internal_hash(node.first, node.second) != address) return Err{StateError::CorruptNode};
    return node;
  }
  if (bytes[0] == static_cast<std::uint8_t>(NodeKind::Leaf)) {
    if (bytes.size() < kLeafHeaderSize) return Err{StateError::CorruptNode};
    node.kind = NodeKind::Leaf;
    std::copy_n(bytes.begin() + 1, 32, node.first.begin());
    const auto value = bytes.subspan(kLeafHeaderSize);
    node.second = value_hash(value);
    if (leaf_hash(node.first, node.second) != address) return Err{StateError::CorruptNode};
    node.value.assign(value.begin(), value.end());
    return node;
  }
  return Err{StateError::CorruptNode};
}

} // namespace weft::state
