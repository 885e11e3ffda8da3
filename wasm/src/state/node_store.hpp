// The host interface through which the tree reads its nodes: a node backs it with disk, the
// browser with IndexedDB, tests and the simulator with MemoryNodeStore. docs/protocol/state.md §3.
#pragma once

#include "state/types.hpp"

namespace weft::state {

// Nodes are content-addressed (stored under their hash) and never change, so a store needs no
// versioning and the core never writes through it: updates hand their new nodes back to the
// host as a NodeBatch, which the host commits atomically with its block.
class NodeStore {
public:
  virtual ~NodeStore() = default;

  // Replaces `out` with the encoding stored under `hash` and returns true, or returns false when
  // the store has no such node. `out` is the caller's scratch buffer, reused across reads so a
  // miss costs no allocation. The core checks the bytes; the store need not.
  virtual bool get(const Hash& hash, Bytes& out) = 0;
};

} // namespace weft::state
