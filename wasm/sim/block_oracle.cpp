// Block ids and their validity (block_oracle.hpp).
#include "block_oracle.hpp"

#include "crypto/sha256.hpp"
#include "encoding/writer.hpp"

namespace weft::sim {

consensus::BlockId BlockOracle::new_block(std::uint64_t height, std::uint32_t round,
                                          std::uint32_t proposer, bool valid) {
  encoding::Writer w;
  w.u64(seed_);
  w.u64(height);
  w.u32(round);
  w.u32(proposer);
  w.u64(built_++);
  const auto id = crypto::sha256(w.data());
  validity_[id] = valid;
  return id;
}

bool BlockOracle::valid(const consensus::BlockId& block) const {
  const auto it = validity_.find(block);
  return it != validity_.end() && it->second;
}

} // namespace weft::sim
