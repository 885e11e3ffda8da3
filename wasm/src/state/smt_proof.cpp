// Proof encoding and verification, docs/protocol/state.md §6 (layout) and §7 (algorithm).
//
// Why verification is sound: the root commits, through collision-resistant hashing with distinct
// leaf and internal tags, to exactly one node at each position along the key's path. Folding the
// siblings up from the claimed terminal (the key's leaf, an empty subtree, or another key's leaf
// whose key shares the path's prefix) can only reproduce the root if that terminal is the tree's
// node at that position; a canonical tree holds at most one key below a leaf position and none
// below an empty one.
#include "state/smt_proof.hpp"

#include <algorithm>
#include <bit>

#include "state/node.hpp"

namespace weft::state {
namespace {

std::size_t bitmap_bytes(std::size_t depth) {
  return (depth + 7) / 8;
}

std::size_t popcount(const std::array<std::uint8_t, 32>& bitmap) {
  std::size_t n = 0;
  for (std::uint8_t b : bitmap) n += static_cast<std::size_t>(std::popcount(b));
  return n;
}

} // namespace

Status<ProofError> check_proof_shape(const Proof& proof) {
  if (proof.depth > kKeyBits) return Err{ProofError::DepthTooLarge};
  const std::size_t depth = proof.depth;
  // Bits from `depth` on must be clear: in the last used byte and in every byte after it.
  if (depth % 8 != 0) {
    const auto mask = static_cast<std::uint8_t>(0xffu >> (depth % 8));
    if ((proof.bitmap[depth / 8] & mask) != 0) return Err{ProofError::PaddingBitsSet};
  }
  for (std::size_t i = bitmap_bytes(depth); i < proof.bitmap.size(); ++i) {
    if (proof.bitmap[i] != 0) return Err{ProofError::PaddingBitsSet};
  }
  if (proof.siblings.size() != popcount(proof.bitmap)) return Err{ProofError::SiblingCountMismatch};
  for (const Hash& sibling : proof.siblings) {
    if (is_empty(sibling)) return Err{ProofError::EmptySiblingListed};
  }
  if (depth > 0 && !proof.sibling_present(depth - 1)) return Err{ProofError::DeepestSiblingEmpty};
  return {};
}

Status<ProofError> verify_proof_hashed(const Hash& root, const Key& key,
                                       const std::optional<Hash>& value_hash, const Proof& proof) {
  if (auto shape = check_proof_shape(proof); !shape) return shape;

  Hash node;
  switch (proof.kind) {
  case ProofKind::Inclusion:
    if (!value_hash) return Err{ProofError::ValueMissing};
    node = leaf_hash(key, *value_hash);
    break;
  case ProofKind::EmptySubtree:
    if (value_hash) return Err{ProofError::ValueUnexpected};
    node = kEmptyHash;
    break;
  case ProofKind::OtherLeaf:
    if (value_hash) return Err{ProofError::ValueUnexpected};
    if (proof.other_key == key) return Err{ProofError::OtherLeafIsKey};
    if (common_prefix_bits(proof.other_key, key) < proof.depth) {
      return Err{ProofError::OtherLeafOffPath};
    }
    node = leaf_hash(proof.other_key, proof.other_value_hash);
    break;
  default:
    return Err{ProofError::UnknownKind};
  }

  // Fold from the terminal up to the root; siblings are stored shallowest first.
  std::size_t next_sibling = proof.siblings.size();
  for (std::size_t i = proof.depth; i-- > 0;) {
    const Hash& sibling = proof.sibling_present(i) ? proof.siblings[--next_sibling] : kEmptyHash;
    node = key_bit(key, i) == 0 ? internal_hash(node, sibling) : internal_hash(sibling, node);
  }
  if (node != root) return Err{ProofError::RootMismatch};
  return {};
}

Status<ProofError> verify_proof(const Hash& root, const Key& key,
                                std::optional<std::span<const std::uint8_t>> value,
                                const Proof& proof) {
  std::optional<Hash> hashed;
  if (value) hashed = value_hash(*value);
  return verify_proof_hashed(root, key, hashed, proof);
}

std::size_t encoded_proof_size(const Proof& proof) {
  return 1 + (proof.kind == ProofKind::OtherLeaf ? 64 : 0) + 2 + bitmap_bytes(proof.depth) +
         32 * proof.siblings.size();
}

Bytes encode_proof(const Proof& proof) {
  Bytes out;
  out.reserve(encoded_proof_size(proof));
  out.push_back(static_cast<std::uint8_t>(proof.kind));
  if (proof.kind == ProofKind::OtherLeaf) {
    out.insert(out.end(), proof.other_key.begin(), proof.other_key.end());
    out.insert(out.end(), proof.other_value_hash.begin(), proof.other_value_hash.end());
  }
  out.push_back(static_cast<std::uint8_t>(proof.depth >> 8));
  out.push_back(static_cast<std::uint8_t>(proof.depth));
  const auto used =
      static_cast<std::ptrdiff_t>(bitmap_bytes(std::min<std::size_t>(proof.depth, kKeyBits)));
  out.insert(out.end(), proof.bitmap.begin(), proof.bitmap.begin() + used);
  for (const Hash& sibling : proof.siblings) out.insert(out.end(), sibling.begin(), sibling.end());
  return out;
}

Result<Proof, ProofError> decode_proof(std::span<const std::uint8_t> bytes) {
  std::size_t at = 0;
  auto take = [&](std::size_t n) -> std::optional<std::span<const std::uint8_t>> {
    if (bytes.size() - at < n) return std::nullopt;
    const auto out = bytes.subspan(at, n);
    at += n;
    return out;
  };

  Proof proof;
  const auto kind = take(1);
  if (!kind) return Err{ProofError::Truncated};
  if ((*kind)[0] > static_cast<std::uint8_t>(ProofKind::OtherLeaf)) {
    return Err{ProofError::UnknownKind};
  }
  proof.kind = static_cast<ProofKind>((*kind)[0]);
  if (proof.kind == ProofKind::OtherLeaf) {
    const auto leaf = take(64);
    if (!leaf) return Err{ProofError::Truncated};
    std::copy_n(leaf->begin(), 32, proof.other_key.begin());
    std::copy_n(leaf->begin() + 32, 32, proof.other_value_hash.begin());
  }
  const auto depth = take(2);
  if (!depth) return Err{ProofError::Truncated};
  proof.depth = static_cast<std::uint16_t>(((*depth)[0] << 8) | (*depth)[1]);
  if (proof.depth > kKeyBits) return Err{ProofError::DepthTooLarge};
  const auto bitmap = take(bitmap_bytes(proof.depth));
  if (!bitmap) return Err{ProofError::Truncated};
  std::copy(bitmap->begin(), bitmap->end(), proof.bitmap.begin());
  const std::size_t count = popcount(proof.bitmap);
  if ((bytes.size() - at) / 32 < count) return Err{ProofError::Truncated};
  proof.siblings.resize(count);
  for (Hash& sibling : proof.siblings) {
    const auto h = take(32);
    std::copy(h->begin(), h->end(), sibling.begin());
  }
  if (at != bytes.size()) return Err{ProofError::TrailingBytes};
  if (auto shape = check_proof_shape(proof); !shape) return Err{shape.error()};
  return proof;
}

} // namespace weft::state
