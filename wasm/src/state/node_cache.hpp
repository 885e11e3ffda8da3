// A bounded least-recently-used cache of decoded nodes, owned by one tree handle. Nodes never
// change (they are addressed by hash), so entries are never stale and never invalidated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "state/node.hpp"
#include "state/types.hpp"

namespace weft::state {

class NodeCache {
public:
  // What one entry is charged against the budget, besides its value bytes: a fixed figure rather
  // than sizeof, so that the cache evicts identically in the native and the wasm32 builds.
  static constexpr std::size_t kEntryCost = 192;

  explicit NodeCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The cached node, marked most recently used; nullptr on a miss. The pointer is valid until the
  // next insert.
  const Node* find(const Hash& hash);

  // Caches `node` under `hash` (refreshing it if present), evicting least recently used entries
  // to stay within the budget. The entry just inserted is always kept, even alone over budget,
  // so the returned reference is valid until the next insert.
  const Node& insert(const Hash& hash, Node node);

  void clear();

  std::size_t entries() const { return entries_; }
  std::size_t bytes() const { return bytes_; }
  std::size_t max_bytes() const { return max_bytes_; }
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::uint64_t evictions() const { return evictions_; }

private:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // Slots live in one vector and link into the recency list by index.
  struct Slot {
    Hash hash{};
    Node node;
    std::size_t cost = 0;
    std::uint32_t prev = kNone; // towards the most recently used end
    std::uint32_t next = kNone;
  };
  // The index is an open-addressing table (linear probing, at most half full) of slot numbers
  // with each hash's first four bytes beside them: one probe sequence in a flat array finds an
  // entry, where a node-based map would chase a pointer per lookup and allocate per insert.
  struct Bucket {
    std::uint32_t tag = 0; // first four bytes of the hash; also its home position
    std::uint32_t slot = kNone;
  };

  static std::size_t cost_of(const Node& node) { return kEntryCost + node.value.size(); }
  static std::uint32_t tag_of(const Hash& hash) {
    return (std::uint32_t{hash[0]} << 24) | (std::uint32_t{hash[1]} << 16) |
           (std::uint32_t{hash[2]} << 8) | std::uint32_t{hash[3]};
  }
  static constexpr std::size_t kNoBucket = SIZE_MAX;
  // The bucket holding `hash`, or kNoBucket.
  std::size_t lookup(const Hash& hash) const;
  void place(std::uint32_t tag, std::uint32_t slot);
  void remove_bucket(std::size_t bucket);
  void grow();
  void unlink(std::uint32_t slot);
  void push_front(std::uint32_t slot);
  void evict_last();

  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::size_t entries_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::vector<Bucket> table_;
  std::uint32_t head_ = kNone; // most recently used
  std::uint32_t tail_ = kNone; // least recently used
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
  std::uint64_t evictions_ = 0;
};

} // namespace weft::state
