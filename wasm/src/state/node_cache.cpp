// A bounded LRU cache of decoded nodes. Behaviour depends only on the sequence of calls, never on
// addresses or time, so two nodes replaying the same blocks see the same hits and evictions.
#include "state/node_cache.hpp"

#include <cassert>
#include <utility>

namespace weft::state {

std::size_t NodeCache::lookup(const Hash& hash) const {
  if (table_.empty()) return kNoBucket;
  const std::size_t mask = table_.size() - 1;
  const std::uint32_t tag = tag_of(hash);
  for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
    const Bucket& b = table_[i];
    if (b.slot == kNone) return kNoBucket;
    if (b.tag == tag && slots_[b.slot].hash == hash) return i;
  }
}

void NodeCache::place(std::uint32_t tag, std::uint32_t slot) {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = tag & mask;
  while (table_[i].slot != kNone) i = (i + 1) & mask;
  table_[i] = Bucket{tag, slot};
}

// Backward-shift deletion: entries after the hole move up unless that would put them before
// their home bucket, so probe sequences never cross an empty bucket and no tombstones build up.
void NodeCache::remove_bucket(std::size_t hole) {
  const std::size_t mask = table_.size() - 1;
  for (std::size_t j = (hole + 1) & mask; table_[j].slot != kNone; j = (j + 1) & mask) {
    const std::size_t home = table_[j].tag & mask;
    // Move j into the hole when its home is not cyclically within (hole, j].
    const bool home_after_hole =
        hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
    if (!home_after_hole) {
      table_[hole] = table_[j];
      hole = j;
    }
  }
  table_[hole] = Bucket{};
}

void NodeCache::grow() {
  std::vector<Bucket> old = std::move(table_);
  table_.assign(old.empty() ? 16 : 2 * old.size(), Bucket{});
  for (const Bucket& b : old) {
    if (b.slot != kNone) place(b.tag, b.slot);
  }
}

const Node* NodeCache::find(const Hash& hash) {
  const std::size_t bucket = lookup(hash);
  if (bucket == kNoBucket) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  const std::uint32_t slot = table_[bucket].slot;
  if (slot != head_) {
    unlink(slot);
    push_front(slot);
  }
  return &slots_[slot].node;
}

const Node& NodeCache::insert(const Hash& hash, Node node) {
  if (const std::size_t bucket = lookup(hash); bucket != kNoBucket) {
    const std::uint32_t slot = table_[bucket].slot;
    if (slot != head_) {
      unlink(slot);
      push_front(slot);
    }
    return slots_[slot].node;
  }
  const std::size_t cost = cost_of(node);
  while (tail_ != kNone && bytes_ + cost > max_bytes_) evict_last();
  if (2 * (entries_ + 1) > table_.size()) grow();

  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.hash = hash;
  s.node = std::move(node);
  s.cost = cost;
  bytes_ += cost;
  ++entries_;
  place(tag_of(hash), slot);
  push_front(slot);
  return s.node;
}

void NodeCache::clear() {
  slots_.clear();
  free_.clear();
  table_.clear();
  head_ = tail_ = kNone;
  bytes_ = 0;
  entries_ = 0;
}

void NodeCache::unlink(std::uint32_t slot) {
  Slot& s = slots_[slot];
  if (s.prev != kNone)
    slots_[s.prev].next = s.next;
  else
    head_ = s.next;
  if (s.next != kNone)
    slots_[s.next].prev = s.prev;
  else
    tail_ = s.prev;
  s.prev = s.next = kNone;
}

void NodeCache::push_front(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.prev = kNone;
  s.next = head_;
  if (head_ != kNone) slots_[head_].prev = slot;
  head_ = slot;
  if (tail_ == kNone) tail_ = slot;
}

void NodeCache::evict_last() {
  const std::uint32_t slot = tail_;
  assert(slot != kNone);
  Slot& s = slots_[slot];
  const std::size_t bucket = lookup(s.hash);
  assert(bucket != kNoBucket);
  remove_bucket(bucket);
  unlink(slot);
  bytes_ -= s.cost;
  --entries_;
  s.node = Node{}; // release the value's memory now, not when the slot is reused
  free_.push_back(slot);
  ++evictions_;
}

} // namespace weft::state
