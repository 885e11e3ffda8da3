// RFC 9162 §2.1 Merkle tree hashing and audit paths over transaction ids.
#include "chain/tx_merkle.hpp"

#include "crypto/sha256.hpp"

namespace weft::chain {
namespace {

Hash leaf_hash(const Hash& d) {
  crypto::Sha256 h;
  const std::uint8_t prefix[1] = {0x00};
  h.update(prefix);
  h.update(d);
  return h.finish();
}

Hash node_hash(const Hash& left, const Hash& right) {
  crypto::Sha256 h;
  const std::uint8_t prefix[1] = {0x01};
  h.update(prefix);
  h.update(left);
  h.update(right);
  return h.finish();
}

// The largest power of two strictly below n (n >= 2).
std::size_t split_point(std::size_t n) {
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Hash subtree_root(std::span<const Hash> ids) {
  if (ids.size() == 1) return leaf_hash(ids[0]);
  const std::size_t k = split_point(ids.size());
  return node_hash(subtree_root(ids.first(k)), subtree_root(ids.subspan(k)));
}

void audit_path(std::span<const Hash> ids, std::size_t m, std::vector<Hash>& out) {
  if (ids.size() <= 1) return;
  const std::size_t k = split_point(ids.size());
  if (m < k) {
    audit_path(ids.first(k), m, out);
    out.push_back(subtree_root(ids.subspan(k)));
  } else {
    audit_path(ids.subspan(k), m - k, out);
    out.push_back(subtree_root(ids.first(k)));
  }
}

} // namespace

Hash tx_root(std::span<const Hash> tx_ids) {
  if (tx_ids.empty()) return crypto::sha256({});
  return subtree_root(tx_ids);
}

std::optional<TxInclusionProof> tx_inclusion_proof(std::span<const Hash> tx_ids,
                                                   std::uint64_t index) {
  if (index >= tx_ids.size()) return std::nullopt;
  TxInclusionProof p;
  p.index = index;
  p.count = tx_ids.size();
  audit_path(tx_ids, static_cast<std::size_t>(index), p.path);
  return p;
}

bool verify_tx_inclusion(const Hash& root, const Hash& tx_id, const TxInclusionProof& proof) {
  if (proof.index >= proof.count) return false;
  std::uint64_t fn = proof.index;
  std::uint64_t sn = proof.count - 1;
  Hash r = leaf_hash(tx_id);
  for (const Hash& p : proof.path) {
    if (sn == 0) return false; // path longer than the tree is tall
    if ((fn & 1) == 1 || fn == sn) {
      r = node_hash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

} // namespace weft::chain
