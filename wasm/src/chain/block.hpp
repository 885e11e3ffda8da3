// Blocks (docs/protocol.md, "Block"): header, transactions (kept as their canonical bytes, since
// ids and the size rule are over bytes), duplicate-vote evidence and the commit for the previous
// height. The evidence hash commits to the evidence list.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chain/header.hpp"
#include "chain/params.hpp"
#include "chain/types.hpp"
#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct Block {
  Header header;
  std::vector<Bytes> txs;
  std::vector<consensus::DuplicateVoteEvidence> evidence;
  consensus::Commit last_commit; // at height 1: the empty commit (height 0, no signatures)

  bool operator==(const Block&) const = default;
};

inline constexpr std::uint8_t kBlockVersion = 1;

Bytes encode(const Block& b);
// Bounds every list by the parameters: each transaction by max_tx_bytes, the transaction count by
// what max_block_bytes could hold, the commit by max_validators (LengthTooLarge beyond). The
// transactions themselves are decoded by block validation, which names the failing one.
Result<Block, encoding::DecodeError> decode_block(std::span<const std::uint8_t> in,
                                                  const Params& params);

// SHA-256 of `varint count || evidence encodings`: the evidence list as the block encodes it.
Hash evidence_hash(std::span<const consensus::DuplicateVoteEvidence> evidence);

} // namespace weft::chain
