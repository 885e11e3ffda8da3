// The state tree across the boundary (docs/protocol/state.md): proof verification, which needs
// no tree, and tree handles whose nodes the host keeps. Byte layouts of writes and updates are
// documented beside each export and mirrored by wasm/ts/src/state.ts.
#include <algorithm>
#include <cstdint>
#include <new>
#include <optional>
#include <vector>

#include "abi/abi.hpp"
#include "abi/node_children.hpp"
#include "abi/session.hpp"
#include "abi/tree_handle.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "state/smt.hpp"
#include "state/smt_proof.hpp"

using weft::abi::error_status;
using weft::abi::ErrorDomain;
using weft::abi::fixed;
using weft::abi::hash_at;
using weft::abi::Session;
using weft::abi::TreeHandle;

namespace {

// The largest value the loader may write under one key: far above any account record.
constexpr std::uint64_t kMaxValueBytes = 1u << 20;
constexpr std::uint64_t kMaxWrites = 1u << 20;

} // namespace

// 1 when `proof` proves key ↦ value (has_value = 1) or key absent (has_value = 0) under `root`;
// otherwise the negative ProofError status saying why not.
WEFT_EXPORT(weft_smt_verify_proof)
std::int32_t weft_smt_verify_proof(const std::uint8_t* root, const std::uint8_t* key,
                                   std::int32_t has_value, const std::uint8_t* value,
                                   std::uint32_t value_len, const std::uint8_t* proof,
                                   std::uint32_t proof_len) {
  const auto decoded = weft::state::decode_proof({proof, proof_len});
  if (!decoded) return error_status(ErrorDomain::Proof, decoded.error());
  std::optional<std::span<const std::uint8_t>> claimed;
  if (has_value != 0) claimed = std::span<const std::uint8_t>(value, value_len);
  const auto status =
      weft::state::verify_proof(hash_at(root), hash_at(key), claimed, decoded.value());
  return status ? 1 : error_status(ErrorDomain::Proof, status.error());
}

// State sync: checks a node fetched from a peer against the hash it was asked for and answers
// how many children it has (0–2), their hashes in the session's output; or StateError.CorruptNode.
WEFT_EXPORT(weft_smt_node_children)
std::int32_t weft_smt_node_children(Session* s, const std::uint8_t* address,
                                    const std::uint8_t* bytes, std::uint32_t len) {
  return weft::abi::node_children(*s, hash_at(address), {bytes, len});
}

WEFT_EXPORT(weft_smt_new) TreeHandle* weft_smt_new(std::uint32_t store_id, std::uint32_t cache) {
  return new (std::nothrow) TreeHandle(store_id, cache);
}

WEFT_EXPORT(weft_smt_free) void weft_smt_free(TreeHandle* h) {
  delete h;
}

// 1 with the value in the session's output when `key` is present under `root`, 0 when absent,
// or a negative StateError status.
WEFT_EXPORT(weft_smt_get)
std::int32_t weft_smt_get(Session* s, TreeHandle* h, const std::uint8_t* root,
                          const std::uint8_t* key) {
  auto got = h->tree.get(hash_at(root), hash_at(key));
  if (!got) return error_status(ErrorDomain::State, got.error());
  if (!got.value()) return 0;
  s->out = std::move(*got.value());
  return 1;
}

// Output: the canonical proof encoding (state.md §6).
WEFT_EXPORT(weft_smt_prove)
std::int32_t weft_smt_prove(Session* s, TreeHandle* h, const std::uint8_t* root,
                            const std::uint8_t* key) {
  const auto proof = h->tree.prove(hash_at(root), hash_at(key));
  if (!proof) return error_status(ErrorDomain::State, proof.error());
  s->out = weft::state::encode_proof(proof.value());
  return 0;
}

// Input `writes`: varint count, then per write: key [32], u8 has_value, and when 1 a
// varint-length value. Output: new root [32], varint node count, then per node: hash [32],
// varint-length encoding — the batch the host persists atomically with its block.
WEFT_EXPORT(weft_smt_apply)
std::int32_t weft_smt_apply(Session* s, TreeHandle* h, const std::uint8_t* root,
                            const std::uint8_t* writes, std::uint32_t writes_len) {
  weft::encoding::Reader in({writes, writes_len});
  const auto count = in.varint(kMaxWrites);
  std::vector<weft::state::Write> batch;
  batch.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, writes_len / 33 + 1)));
  for (std::uint64_t i = 0; i < count && in.ok(); ++i) {
    weft::state::Write w;
    w.key = in.fixed<32>();
    if (in.boolean()) w.value = in.bytes(kMaxValueBytes);
    batch.push_back(std::move(w));
  }
  if (!in.finish()) return error_status(ErrorDomain::Decode, in.error());

  const auto update = h->tree.apply(hash_at(root), batch);
  if (!update) return error_status(ErrorDomain::State, update.error());
  const auto& nodes = update.value().nodes;
  weft::encoding::Writer out;
  out.fixed(update.value().root);
  out.varint(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    out.fixed(nodes.hash(i));
    out.bytes(nodes.bytes(i));
  }
  s->out = std::move(out).take();
  return 0;
}
