// Why a read or an update of the state tree failed. docs/protocol/state.md §5.
#pragma once

#include <cstdint>

namespace weft::state {

enum class StateError : std::uint8_t {
  // The store has no node for a hash reachable from the requested root: the root is unknown, or
  // the host did not persist a batch it was given.
  MissingNode = 1,
  // The store returned bytes that are not a canonical node encoding, or that do not hash to the
  // address they were stored under.
  CorruptNode = 2,
  // A node was found where the tree's shape forbids it (an internal node at depth 256, or a
  // leaf off its key's path). Only a store holding nodes of another structure can cause this.
  MalformedTree = 3,
};

} // namespace weft::state
