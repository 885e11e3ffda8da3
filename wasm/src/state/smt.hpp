// The state tree: a sparse Merkle tree over 256-bit keys with shortcut leaves, read through a
// host NodeStore and a bounded cache, updated in batches. docs/protocol/state.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "state/node.hpp"
#include "state/node_batch.hpp"
#include "state/node_cache.hpp"
#include "state/node_store.hpp"
#include "state/smt_proof.hpp"
#include "state/state_error.hpp"
#include "state/types.hpp"
#include "util/result.hpp"

namespace weft::state {

namespace detail {
class SmtUpdater;
}

// One write of a batch: set `key` to `value`, or delete it when `value` is nullopt.
struct Write {
  Key key{};
  std::optional<Bytes> value;
};

// The outcome of a batch: the new root and every node it created, for the host to persist
// atomically with its block. Nodes appear children first. A node may already be in the store
// (a key rewritten with its current value, a shape restored by a delete); storing it again is
// harmless because nodes are addressed by content.
struct Update {
  Hash root{};
  NodeBatch nodes;
};

// A handle on the tree. Every operation names the root it works on: each root is an immutable
// snapshot, so reading an older state (for a proof at a past height) needs nothing special.
// The handle owns the cache and nothing else; it is not thread-safe.
class Smt {
public:
  static constexpr std::size_t kDefaultCacheBytes = std::size_t{32} << 20;

  explicit Smt(NodeStore& store, std::size_t cache_bytes = kDefaultCacheBytes)
      : store_(store), cache_(cache_bytes) {}

  // The value under `key`, or nullopt when absent.
  Result<std::optional<Bytes>, StateError> get(const Hash& root, const Key& key);

  // A proof of `key`'s value or of its absence.
  Result<Proof, StateError> prove(const Hash& root, const Key& key);

  // Applies `writes` to the tree under `root`. When a key is written more than once the last
  // write wins. The result depends only on the set of (key, value) pairs the tree ends with.
  // New nodes also enter the cache, so the next block's reads of them hit without a store round
  // trip; the host must still persist `nodes` before it relies on the new root.
  Result<Update, StateError> apply(const Hash& root, std::span<const Write> writes);

  const NodeCache& cache() const { return cache_; }

private:
  friend class detail::SmtUpdater;

  // The node stored under `hash` (not empty), through the cache. The pointer is valid until the
  // next load or cache insert.
  Result<const Node*, StateError> load(const Hash& hash);

  NodeStore& store_;
  NodeCache cache_;
  Bytes scratch_;
};

} // namespace weft::state
