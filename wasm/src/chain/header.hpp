// Block headers (docs/protocol.md, "Block header"). The block id is SHA-256 of the encoding, so
// the header alone commits to everything in the block and to the state after it.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct Header {
  std::string chain_id;
  std::uint64_t height = 0;
  std::uint64_t time = 0; // ms since the Unix epoch, strictly increasing
  Hash previous_block{};
  Hash last_commit_hash{};
  Hash tx_root{};
  Hash state_root{};           // the state after this block's execution
  Hash validators_hash{};      // the set that signs this block (height H)
  Hash next_validators_hash{}; // the set that signs height H+1
  Address proposer{};
  std::uint64_t base_fee_per_byte = 0;
  Hash evidence_hash{};

  bool operator==(const Header&) const = default;
};

inline constexpr std::uint8_t kHeaderVersion = 1;

void write_header(encoding::Writer& w, const Header& h);
Header read_header(encoding::Reader& r);

Bytes encode(const Header& h);
Result<Header, encoding::DecodeError> decode_header(std::span<const std::uint8_t> in);
Hash block_id(const Header& h);

} // namespace weft::chain
