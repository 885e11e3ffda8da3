// Blocks in the simulator are opaque ids with a validity oracle: executing transactions is not
// what is under test, only that consensus decides nothing the oracle calls invalid. Ids hash the
// seed and a counter, so every block of a run is distinct and a run's blocks are reproducible.
#pragma once

#include <cstdint>
#include <map>

#include "consensus/types.hpp"

namespace weft::sim {

class BlockOracle {
public:
  explicit BlockOracle(std::uint64_t seed) : seed_(seed) {}

  // A fresh block built by `proposer`, valid or not.
  consensus::BlockId new_block(std::uint64_t height, std::uint32_t round, std::uint32_t proposer,
                               bool valid);
  // Whether `block` exists and is valid: what a host answers to RequestValidity.
  bool valid(const consensus::BlockId& block) const;

private:
  std::uint64_t seed_;
  std::uint64_t built_ = 0;
  std::map<consensus::BlockId, bool> validity_;
};

} // namespace weft::sim
