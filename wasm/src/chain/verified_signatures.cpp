// The memo of verified transaction signatures (verified_signatures.hpp).
#include "chain/verified_signatures.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "chain/transaction.hpp"
#include "crypto/ed25519/batch.hpp"

namespace weft::chain {

VerifiedSignatures::VerifiedSignatures(std::string_view chain_id, std::size_t capacity)
    : chain_id_(chain_id), capacity_(std::max<std::size_t>(capacity, 1)) {}

bool VerifiedSignatures::contains(std::string_view chain_id, const Hash& id) const {
  if (chain_id != chain_id_) return false;
  return current_.contains(id) || previous_.contains(id);
}

void VerifiedSignatures::insert(std::string_view chain_id, const Hash& id) {
  if (chain_id != chain_id_ || previous_.contains(id)) return;
  if (current_.size() >= capacity_ && !current_.contains(id)) {
    previous_ = std::move(current_);
    current_.clear();
  }
  current_.insert(id);
}

void verify_signatures(std::span<const Bytes> txs, std::span<const std::uint8_t, 32> seed,
                       VerifiedSignatures& verified, std::span<std::uint8_t> results) {
  std::fill(results.begin(), results.end(), std::uint8_t{0});
  if (results.size() != txs.size()) return; // misuse: answer "not verified" rather than guess
  struct Pending {
    std::size_t index;
    Transaction tx;
    Hash id;
    Hash digest;
  };
  std::vector<Pending> pending;
  pending.reserve(txs.size());
  for (std::size_t i = 0; i < txs.size(); ++i) {
    auto decoded = decode_transaction(txs[i]);
    if (!decoded) continue;
    const Hash id = tx_id(txs[i]);
    if (verified.contains(verified.chain_id(), id)) {
      results[i] = 1;
      continue;
    }
    Transaction tx = std::move(decoded).value();
    const Hash digest = tx_sign_digest(verified.chain_id(), tx);
    pending.push_back({i, std::move(tx), id, digest});
  }
  std::vector<crypto::ed25519::BatchItem> items;
  items.reserve(pending.size());
  for (const auto& p : pending) items.push_back({p.tx.sender, p.digest, p.tx.signature});
  std::vector<std::uint8_t> valid(items.size());
  crypto::ed25519::verify_batch(items, seed, valid);
  for (std::size_t k = 0; k < pending.size(); ++k) {
    if (valid[k] == 0) continue;
    results[pending[k].index] = 1;
    verified.insert(verified.chain_id(), pending[k].id);
  }
}

} // namespace weft::chain
