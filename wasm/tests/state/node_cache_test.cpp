// The node cache: LRU order, the byte budget, and the guarantee that the last insert stays.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "state/node_cache.hpp"

using namespace weft::state;

namespace {
Hash h(std::uint8_t i) {
  Hash out{};
  out[0] = i;
  return out;
}
Node leaf(std::size_t value_size) {
  Node n;
  n.kind = NodeKind::Leaf;
  n.value.assign(value_size, 0xab);
  return n;
}
} // namespace

TEST_CASE("state node cache: evicts the least recently used within the byte budget") {
  NodeCache cache(3 * NodeCache::kEntryCost);
  cache.insert(h(1), leaf(0));
  cache.insert(h(2), leaf(0));
  cache.insert(h(3), leaf(0));
  CHECK(cache.entries() == 3);
  CHECK(cache.bytes() == 3 * NodeCache::kEntryCost);
  REQUIRE(cache.find(h(1)) != nullptr); // 1 becomes most recent; 2 is now the oldest
  cache.insert(h(4), leaf(0));
  CHECK(cache.entries() == 3);
  CHECK(cache.find(h(2)) == nullptr);
  CHECK(cache.find(h(1)) != nullptr);
  CHECK(cache.find(h(3)) != nullptr);
  CHECK(cache.find(h(4)) != nullptr);
  CHECK(cache.evictions() == 1);
  CHECK(cache.hits() == 4);
  CHECK(cache.misses() == 1);

  // A large value pushes out as many entries as it needs.
  cache.insert(h(5), leaf(NodeCache::kEntryCost + 1));
  CHECK(cache.entries() == 1);
  CHECK(cache.find(h(5))->value.size() == NodeCache::kEntryCost + 1);
  CHECK(cache.bytes() <= cache.max_bytes());
}

TEST_CASE("state node cache: the last insert survives even over budget") {
  NodeCache none(0);
  const Node& kept = none.insert(h(1), leaf(10));
  CHECK(kept.value.size() == 10);
  CHECK(none.entries() == 1);
  none.insert(h(2), leaf(0));
  CHECK(none.entries() == 1);
  CHECK(none.find(h(1)) == nullptr);
  CHECK(none.find(h(2)) != nullptr);
}

TEST_CASE("state node cache: reinserting refreshes without duplicating, clear empties") {
  NodeCache cache(2 * NodeCache::kEntryCost);
  cache.insert(h(1), leaf(0));
  cache.insert(h(2), leaf(0));
  cache.insert(h(1), leaf(0)); // 2 is now the oldest
  CHECK(cache.entries() == 2);
  cache.insert(h(3), leaf(0));
  CHECK(cache.find(h(1)) != nullptr);
  CHECK(cache.find(h(2)) == nullptr);
  // Freed slots are reused.
  for (std::uint8_t i = 10; i < 100; ++i) cache.insert(h(i), leaf(0));
  CHECK(cache.entries() == 2);
  cache.clear();
  CHECK(cache.entries() == 0);
  CHECK(cache.bytes() == 0);
  CHECK(cache.find(h(99)) == nullptr);
}

TEST_CASE("state node cache: matches a list model under colliding hashes and churn") {
  // Hashes share their first bytes in small groups, so probe sequences collide and
  // backward-shift deletion is exercised; the budget holds 50 entries.
  std::uint64_t rng = 12345;
  auto next = [&rng] {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(rng >> 33);
  };
  auto hash_of = [](std::uint32_t id) {
    Hash out{};
    out[3] = static_cast<std::uint8_t>(id % 7); // tag collisions
    out[30] = static_cast<std::uint8_t>(id >> 8);
    out[31] = static_cast<std::uint8_t>(id);
    return out;
  };
  constexpr std::size_t kCapacity = 50;
  NodeCache cache(kCapacity * NodeCache::kEntryCost);
  std::vector<std::uint32_t> model; // most recent first
  for (int step = 0; step < 20000; ++step) {
    const std::uint32_t id = next() % 200;
    const auto it = std::find(model.begin(), model.end(), id);
    if (next() % 2 == 0) {
      const Node* found = cache.find(hash_of(id));
      REQUIRE((found != nullptr) == (it != model.end()));
      if (it != model.end()) {
        CHECK(found->value.size() == id % 3);
        model.erase(it);
        model.insert(model.begin(), id);
      }
    } else {
      cache.insert(hash_of(id), leaf(id % 3));
      if (it != model.end()) model.erase(it);
      model.insert(model.begin(), id);
      // Evict from the back until the model fits the same byte budget.
      auto cost = [&] {
        std::size_t total = 0;
        for (std::uint32_t m : model) total += NodeCache::kEntryCost + m % 3;
        return total;
      };
      while (model.size() > 1 && cost() > cache.max_bytes()) model.pop_back();
    }
    REQUIRE(cache.entries() == model.size());
  }
  for (std::uint32_t id = 0; id < 200; ++id) {
    const bool in_model = std::find(model.begin(), model.end(), id) != model.end();
    // find() reorders, which does not matter any more.
    CHECK((cache.find(hash_of(id)) != nullptr) == in_model);
  }
}
