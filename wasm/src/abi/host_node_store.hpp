// A NodeStore whose nodes live with the host: each read calls the imported function
// weft_host.node_get, which the loader answers from the JavaScript store registered under
// `store_id` (LMDB on a node, a Map in tests).
#pragma once

#include <cstdint>

#include "state/node_store.hpp"

namespace weft::abi {

class HostNodeStore final : public state::NodeStore {
public:
  explicit HostNodeStore(std::uint32_t store_id) : store_id_(store_id) {}
  bool get(const state::Hash& hash, state::Bytes& out) override;

private:
  std::uint32_t store_id_;
};

} // namespace weft::abi
