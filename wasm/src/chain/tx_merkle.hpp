// The transaction Merkle root and inclusion proofs (docs/protocol/transactions.md §Tx root).
// RFC 9162 §2.1 (RFC 6962) tree hashing over the block's transaction ids, in block order:
//   empty tree   MTH({}) = SHA-256("")
//   leaf         MTH({d}) = SHA-256(0x00 || d)
//   node         MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power
//                of two < n
// The 0x00/0x01 prefixes keep a leaf from ever being read as a node (second-preimage safety).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "chain/types.hpp"

namespace weft::chain {

Hash tx_root(std::span<const Hash> tx_ids);

struct TxInclusionProof {
  std::uint64_t index = 0; // position of the transaction in the block
  std::uint64_t count = 0; // number of transactions in the block
  std::vector<Hash> path;  // sibling hashes from the leaf up (RFC 9162 §2.1.3.1)
};

// The audit path for tx_ids[index]; nullopt when index is out of range.
std::optional<TxInclusionProof> tx_inclusion_proof(std::span<const Hash> tx_ids,
                                                   std::uint64_t index);

// RFC 9162 §2.1.3.2: true when `proof` shows `tx_id` at proof.index of a tree with proof.count
// leaves and root `root`. Rejects paths of the wrong length.
bool verify_tx_inclusion(const Hash& root, const Hash& tx_id, const TxInclusionProof& proof);

} // namespace weft::chain
