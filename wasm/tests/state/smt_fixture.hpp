// A tree over an in-memory store that commits each batch, as a host would, for the state tests.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "smt_reference.hpp"
#include "state/memory_node_store.hpp"
#include "state/smt.hpp"

namespace weft::test::smt {

struct Fixture {
  explicit Fixture(std::size_t cache_bytes = state::Smt::kDefaultCacheBytes)
      : tree(store, cache_bytes) {}

  // Applies the writes, commits the new nodes, and moves to the new root.
  state::Update apply(const std::vector<state::Write>& writes) {
    auto update = tree.apply(root, writes);
    REQUIRE(update.ok());
    store.commit(update.value().nodes);
    root = update.value().root;
    return std::move(update).value();
  }
  void set(const state::Key& key, const state::Bytes& value) { apply({{key, value}}); }
  void erase(const state::Key& key) { apply({{key, std::nullopt}}); }

  std::optional<state::Bytes> get(const state::Key& key) {
    auto got = tree.get(root, key);
    REQUIRE(got.ok());
    return got.value();
  }

  state::MemoryNodeStore store;
  state::Smt tree;
  state::Hash root{};
};

inline std::vector<state::Write> writes_of(const Model& model) {
  std::vector<state::Write> out;
  for (const auto& [k, v] : model) out.push_back({k, v});
  return out;
}

inline state::Key key_with_byte(std::size_t index, std::uint8_t byte) {
  state::Key k{};
  k[index] = byte;
  return k;
}

} // namespace weft::test::smt
