// Chain parameters, fixed in genesis and stored in state (docs/protocol.md, "Genesis";
// DESIGN §3 gives the starting points). Nothing else in the core hard-codes these numbers.
#pragma once

#include <cstdint>
#include <span>

#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct Params {
  std::uint32_t max_block_bytes = 2 * 1024 * 1024;
  std::uint32_t max_tx_bytes = 4 * 1024;
  std::uint16_t max_validators = 100;
  std::uint64_t unbonding_blocks = 1000;
  Amount block_reward = 2 * kBaseUnitsPerWeft;
  std::uint64_t initial_base_fee_per_byte = 1000;
  std::uint64_t min_base_fee_per_byte = 100;
  std::uint32_t timeout_propose_ms = 1000;
  std::uint32_t timeout_propose_delta_ms = 500;
  std::uint32_t timeout_prevote_ms = 500;
  std::uint32_t timeout_prevote_delta_ms = 250;
  std::uint32_t timeout_precommit_ms = 500;
  std::uint32_t timeout_precommit_delta_ms = 250;
  std::uint32_t timeout_commit_ms = 1000;
  std::uint64_t trusting_period_ms = 7ull * 24 * 3600 * 1000;
  std::uint16_t slash_fraction_bps = 500;
  std::uint64_t jail_blocks = 1000;

  bool operator==(const Params&) const = default;
};

// Range rules a decoder enforces (ValueOutOfRange), see docs/protocol/transactions.md §Params.
inline constexpr std::uint32_t kMinBlockBytes = 4096;
inline constexpr std::uint32_t kMaxBlockBytes = 64u * 1024 * 1024; // well inside wasm32 memory
inline constexpr std::uint16_t kMaxValidatorsLimit = 1000;
inline constexpr std::uint16_t kBasisPoints = 10000;

bool valid_params(const Params& p);

void write_params(encoding::Writer& w, const Params& p);
Params read_params(encoding::Reader& r);

Bytes encode(const Params& p);
Result<Params, encoding::DecodeError> decode_params(std::span<const std::uint8_t> in);

} // namespace weft::chain
