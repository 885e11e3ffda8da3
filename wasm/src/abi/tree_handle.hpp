// A state tree handle as the loader holds it: the tree, its cache, and the host store its nodes
// are read from. Shared by the state exports and the chain exports that execute against state.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "abi/host_node_store.hpp"
#include "state/smt.hpp"

namespace weft::abi {

struct TreeHandle {
  HostNodeStore store;
  state::Smt tree;
  TreeHandle(std::uint32_t store_id, std::size_t cache_bytes)
      : store(store_id), tree(store, cache_bytes) {}
};

inline state::Hash hash_at(const std::uint8_t* p) {
  state::Hash h;
  std::copy_n(p, h.size(), h.begin());
  return h;
}

} // namespace weft::abi
