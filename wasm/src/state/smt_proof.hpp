// Inclusion and non-inclusion proofs: the proof type, its canonical byte encoding and the
// standalone verifier, which needs only a root. docs/protocol/state.md §6–§7.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "state/types.hpp"
#include "util/result.hpp"

namespace weft::state {

// Where the key's path from the root ends.
enum class ProofKind : std::uint8_t {
  // At the key's own leaf: the key is present.
  Inclusion = 0,
  // At an empty subtree: the key is absent.
  EmptySubtree = 1,
  // At the leaf of another key, the only key in that subtree: the key is absent.
  OtherLeaf = 2,
};

// Why a proof was rejected, by the decoder or by the verifier.
enum class ProofError : std::uint8_t {
  // Decoding: the bytes end before the proof does.
  Truncated = 1,
  // Decoding: bytes remain after the proof.
  TrailingBytes = 2,
  // Decoding: the first byte is not a ProofKind.
  UnknownKind = 3,
  // The depth exceeds 256, the length of a key.
  DepthTooLarge = 4,
  // A bitmap bit at or beyond the depth is set (there is exactly one encoding of each proof).
  PaddingBitsSet = 5,
  // A listed sibling is the empty hash, which the bitmap must mark instead.
  EmptySiblingListed = 6,
  // The deepest sibling is empty: no canonical tree has a path ending there.
  DeepestSiblingEmpty = 7,
  // The number of siblings differs from the number of bits set in the bitmap.
  SiblingCountMismatch = 8,
  // An inclusion proof was checked without a value.
  ValueMissing = 9,
  // A non-inclusion proof was checked against a value.
  ValueUnexpected = 10,
  // An other-leaf proof names the very key being checked.
  OtherLeafIsKey = 11,
  // An other-leaf proof's leaf does not lie on the key's path.
  OtherLeafOffPath = 12,
  // The proof is well formed but leads to a different root.
  RootMismatch = 13,
};

struct Proof {
  ProofKind kind = ProofKind::EmptySubtree;
  // Number of internal nodes on the path from the root, 0–256.
  std::uint16_t depth = 0;
  // Bit i (most significant bit of byte 0 first) is set iff the sibling at depth i is not empty.
  std::array<std::uint8_t, 32> bitmap{};
  // The non-empty siblings, shallowest first.
  std::vector<Hash> siblings;
  // OtherLeaf only: the leaf found where the key's path ends.
  Key other_key{};
  Hash other_value_hash{};

  bool sibling_present(std::size_t i) const {
    return ((bitmap[i >> 3] >> (7u - (i & 7u))) & 1u) != 0;
  }
};

// Checks the proof's own structure (depth, bitmap, siblings); decode_proof guarantees it.
Status<ProofError> check_proof_shape(const Proof& proof);

// Proves `key` ↦ `value` (value present) or `key` absent (nullopt) under `root`.
Status<ProofError> verify_proof(const Hash& root, const Key& key,
                                std::optional<std::span<const std::uint8_t>> value,
                                const Proof& proof);

// As verify_proof, for a verifier that knows only SHA-256(value).
Status<ProofError> verify_proof_hashed(const Hash& root, const Key& key,
                                       const std::optional<Hash>& value_hash, const Proof& proof);

std::size_t encoded_proof_size(const Proof& proof);
Bytes encode_proof(const Proof& proof);
// Accepts exactly the encodings encode_proof produces.
Result<Proof, ProofError> decode_proof(std::span<const std::uint8_t> bytes);

} // namespace weft::state
