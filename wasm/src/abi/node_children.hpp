// State sync at the boundary (docs/sync.md, "State sync"): a node fetched from a peer is accepted
// only if its bytes are a canonical node that hashes to the address it was asked for
// (docs/protocol/state.md §3), and then names the children to fetch next. Walking the tree this
// way from a verified root stores no byte the root does not commit to.
#pragma once

#include <cstdint>
#include <span>

#include "abi/session.hpp"
#include "state/types.hpp"

namespace weft::abi {

// The number of non-empty children (0 for a leaf, 1 or 2 for an internal node), with their
// hashes in the session's output, left before right, 32 bytes each; or the negative status of
// StateError.CorruptNode when `bytes` is not the node stored under `address`.
std::int32_t node_children(Session& s, const state::Hash& address,
                           std::span<const std::uint8_t> bytes);

} // namespace weft::abi
