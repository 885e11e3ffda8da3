// Transaction inclusion proofs over a block's bytes (see tx_proof.hpp).
#include "abi/tx_proof.hpp"

#include <algorithm>
#include <vector>

#include "abi/abi.hpp"
#include "chain/block.hpp"
#include "chain/params.hpp"
#include "chain/transaction.hpp"
#include "chain/tx_merkle.hpp"
#include "encoding/writer.hpp"

namespace weft::abi {

namespace {
constexpr std::size_t kHashBytes = 32;
} // namespace

std::int32_t tx_proof(Session& s, std::span<const std::uint8_t> block, std::uint64_t index) {
  const auto decoded = chain::decode_block(block, chain::Params{});
  if (!decoded) return error_status(ErrorDomain::Decode, decoded.error());
  const auto& txs = decoded.value().txs;
  std::vector<chain::Hash> ids;
  ids.reserve(txs.size());
  for (const auto& tx : txs) ids.push_back(chain::tx_id(tx));
  const auto proof = chain::tx_inclusion_proof(ids, index);
  if (!proof) return error_status(ErrorDomain::Decode, encoding::DecodeError::ValueOutOfRange);
  // The header's root, not one computed here: a block whose root disagrees with its ids would
  // fail validation, and only validated blocks are stored, but the proof must be about the
  // header a client verified.
  encoding::Writer w;
  w.fixed(decoded.value().header.tx_root);
  w.fixed(ids[static_cast<std::size_t>(index)]);
  w.u64(proof->count);
  for (const auto& sibling : proof->path) w.fixed(sibling);
  s.out = std::move(w).take();
  return 0;
}

std::int32_t tx_proof_verify(const chain::Hash& root, const chain::Hash& tx_id, std::uint64_t index,
                             std::uint64_t count, std::span<const std::uint8_t> path) {
  if (path.size() % kHashBytes != 0) {
    return error_status(ErrorDomain::Decode, encoding::DecodeError::Truncated);
  }
  chain::TxInclusionProof proof;
  proof.index = index;
  proof.count = count;
  proof.path.resize(path.size() / kHashBytes);
  for (std::size_t i = 0; i < proof.path.size(); ++i) {
    std::copy_n(path.begin() + static_cast<std::ptrdiff_t>(i * kHashBytes), kHashBytes,
                proof.path[i].begin());
  }
  return chain::verify_tx_inclusion(root, tx_id, proof) ? 1 : 0;
}

} // namespace weft::abi
