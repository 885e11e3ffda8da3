// The nodes an update created, for the host to persist atomically with the block. One flat
// buffer rather than a vector per node: it crosses the WASM boundary as a single copy.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "state/types.hpp"

namespace weft::state {

class NodeBatch {
public:
  std::size_t size() const { return hashes_.size(); }
  bool empty() const { return hashes_.empty(); }
  // Bytes of all encodings together (excluding the hashes).
  std::size_t encoded_bytes() const { return data_.size(); }

  const Hash& hash(std::size_t i) const { return hashes_[i]; }
  std::span<const std::uint8_t> bytes(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::span<const std::uint8_t>(data_).subspan(begin, ends_[i] - begin);
  }

  // Adds a node stored under `hash` and returns room for its `size`-byte encoding, to be filled
  // before the next call.
  std::span<std::uint8_t> append(const Hash& hash, std::size_t size) {
    const std::size_t begin = data_.size();
    data_.resize(begin + size);
    hashes_.push_back(hash);
    ends_.push_back(data_.size());
    return std::span<std::uint8_t>(data_).subspan(begin, size);
  }

  void reserve(std::size_t nodes, std::size_t bytes) {
    hashes_.reserve(nodes);
    ends_.reserve(nodes);
    data_.reserve(bytes);
  }

private:
  std::vector<Hash> hashes_;
  std::vector<std::size_t> ends_;
  Bytes data_;
};

} // namespace weft::state
