// Per-byte fees (docs/protocol/transactions.md §Fees): an EIP-1559 base fee that moves toward
// 50 % block fullness by at most 12.5 % a block and is burned, plus a tip to the proposer.
#pragma once

#include <cstdint>
#include <optional>

#include "chain/params.hpp"
#include "chain/types.hpp"

namespace weft::chain {

// The base fee of the next block, from this block's base fee and the bytes of transactions it
// carried. Integer arithmetic only; see the spec for the exact rounding.
std::uint64_t next_base_fee(const Params& params, std::uint64_t base_fee_per_byte,
                            std::uint64_t tx_bytes_used);

// What one transaction pays at a given base fee. Requires max_fee_per_byte >= base_fee_per_byte.
struct FeeCharge {
  Amount burned = 0; // base_fee_per_byte * size
  Amount tip = 0;    // min(tip_per_byte, max_fee_per_byte - base_fee_per_byte) * size
  Amount total() const { return burned + tip; } // never overflows: both are <= max_fee * size
};

// nullopt when max_fee_per_byte * size does not fit in u64 (such a transaction is rejected by
// the stateless check) or when max_fee_per_byte < base_fee_per_byte.
std::optional<FeeCharge> fee_charge(std::uint64_t base_fee_per_byte, std::uint64_t max_fee_per_byte,
                                    std::uint64_t tip_per_byte, std::uint64_t size);

} // namespace weft::chain
