// An in-memory NodeStore for tests and the simulator.
#include "state/memory_node_store.hpp"

namespace weft::state {

bool MemoryNodeStore::get(const Hash& hash, Bytes& out) {
  ++reads_;
  const auto it = nodes_.find(hash);
  if (it == nodes_.end()) return false;
  out.assign(it->second.begin(), it->second.end());
  return true;
}

void MemoryNodeStore::put(const Hash& hash, std::span<const std::uint8_t> bytes) {
  nodes_.try_emplace(hash, bytes.begin(), bytes.end());
}

void MemoryNodeStore::commit(const NodeBatch& batch) {
  for (std::size_t i = 0; i < batch.size(); ++i) put(batch.hash(i), batch.bytes(i));
}

Bytes* MemoryNodeStore::find(const Hash& hash) {
  const auto it = nodes_.find(hash);
  return it == nodes_.end() ? nullptr : &it->second;
}

} // namespace weft::state
