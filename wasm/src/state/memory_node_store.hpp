// An in-memory NodeStore for tests and the simulator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "state/node_batch.hpp"
#include "state/node_store.hpp"

namespace weft::state {

class MemoryNodeStore final : public NodeStore {
public:
  bool get(const Hash& hash, Bytes& out) override;

  // Content addressing makes writes idempotent: a node already present is left as it is.
  void put(const Hash& hash, std::span<const std::uint8_t> bytes);
  void commit(const NodeBatch& batch);

  // Test hooks: a store that lost or damaged a node.
  bool erase(const Hash& hash) { return nodes_.erase(hash) > 0; }
  Bytes* find(const Hash& hash);

  std::size_t size() const { return nodes_.size(); }
  std::size_t reads() const { return reads_; }

private:
  std::unordered_map<Hash, Bytes, HashHasher> nodes_;
  std::size_t reads_ = 0;
};

} // namespace weft::state
