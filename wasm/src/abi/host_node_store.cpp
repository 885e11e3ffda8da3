#include "abi/host_node_store.hpp"

extern "C" __attribute__((import_module("weft_host"), import_name("node_get"))) std::int32_t
weft_host_node_get(std::uint32_t store_id, const std::uint8_t* hash, std::uint8_t* buffer,
                   std::uint32_t capacity);

namespace weft::abi {

namespace {
// Internal nodes are 65 bytes; leaves carry their value inline and are usually small.
constexpr std::size_t kInitialCapacity = 256;
} // namespace

bool HostNodeStore::get(const state::Hash& hash, state::Bytes& out) {
  if (out.size() < kInitialCapacity) out.resize(kInitialCapacity);
  // The host answers with the node's length (or -1 when absent) and copies it only if it fits;
  // a larger node is fetched again into a buffer of the right size.
  std::int32_t len = weft_host_node_get(store_id_, hash.data(), out.data(),
                                        static_cast<std::uint32_t>(out.size()));
  if (len < 0) return false;
  if (static_cast<std::size_t>(len) > out.size()) {
    out.resize(static_cast<std::size_t>(len));
    len = weft_host_node_get(store_id_, hash.data(), out.data(),
                             static_cast<std::uint32_t>(out.size()));
    if (len < 0 || static_cast<std::size_t>(len) > out.size()) return false;
  }
  out.resize(static_cast<std::size_t>(len));
  return true;
}

} // namespace weft::abi
