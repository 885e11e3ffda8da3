// Checks a fetched state node against its address and lists its children (abi/node_children.hpp).
// decode_node is the same check every read of the tree applies, so a node accepted here is one
// the tree would accept from the host's store.
#include "abi/node_children.hpp"

#include "abi/abi.hpp"
#include "state/node.hpp"

namespace weft::abi {

std::int32_t node_children(Session& s, const state::Hash& address,
                           std::span<const std::uint8_t> bytes) {
  s.out.clear();
  const auto node = state::decode_node(address, bytes);
  if (!node) return error_status(ErrorDomain::State, node.error());
  if (node.value().is_leaf()) return 0;
  std::int32_t count = 0;
  for (const auto* child : {&node.value().left(), &node.value().right()}) {
    if (state::is_empty(*child)) continue;
    s.out.insert(s.out.end(), child->begin(), child->end());
    ++count;
  }
  return count;
}

} // namespace weft::abi
