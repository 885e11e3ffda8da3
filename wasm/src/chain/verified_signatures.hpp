// A memo of the transactions whose signatures this core has verified, for one chain: a node
// verifies a transaction when its pool admits it, and the block that later carries it need not
// verify it again (docs/protocol/transactions.md §Block validity). Only the core inserts, and
// only after its own verification succeeded, so a block's validity never rests on a host's word:
// the memo saves repeating a computation whose answer is fixed — ZIP-215 verification is
// deterministic, and single and batch verification agree on every input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "chain/types.hpp"

namespace weft::chain {

class VerifiedSignatures {
public:
  // At least `capacity` of the most recent insertions are remembered; at most 2 × capacity.
  VerifiedSignatures(std::string_view chain_id, std::size_t capacity);

  // Whether the transaction with `id`, checked under `chain_id`, had its signature verified
  // here. The id is the hash of the whole encoding, signature included, so it fixes the bytes;
  // the chain id fixes the digest the signature covers. Another chain id is never remembered.
  [[nodiscard]] bool contains(std::string_view chain_id, const Hash& id) const;

  // Records a verified signature; the oldest half is forgotten once the memo is full.
  void insert(std::string_view chain_id, const Hash& id);

  [[nodiscard]] std::string_view chain_id() const { return chain_id_; }

private:
  std::string chain_id_;
  std::size_t capacity_;
  // Two generations: the current one fills to capacity, then becomes the previous one. An
  // ordered set costs O(log n) whatever ids an adversary grinds, unlike a hash table.
  std::set<Hash> current_;
  std::set<Hash> previous_;
};

// Verifies the signatures of `txs` (transaction encodings, under the memo's chain id) as one
// batch — the pool's admission of a burst of arrivals — and remembers the valid ones. `seed`
// picks the batch's coefficients; pass fresh random bytes. results[i] is 1 when txs[i]'s
// signature is valid, 0 when it is not or the encoding does not decode (the full checks later
// give the reason). results.size() must equal txs.size().
void verify_signatures(std::span<const Bytes> txs, std::span<const std::uint8_t, 32> seed,
                       VerifiedSignatures& verified, std::span<std::uint8_t> results);

} // namespace weft::chain
