// Base fee update and fee split (docs/protocol/transactions.md §Fees).
#include "chain/fees.hpp"

#include <algorithm>

#include "chain/amount.hpp"

namespace weft::chain {

std::uint64_t next_base_fee(const Params& params, std::uint64_t base, std::uint64_t tx_bytes_used) {
  const std::uint64_t target = params.max_block_bytes / 2; // >= 2048 by valid_params
  const std::uint64_t max_step = base / 8;                 // 12.5 %, rounded down
  std::uint64_t next = base;
  if (tx_bytes_used > target) {
    // Exact floor(base * (used - target) / target / 8) in 128 bits, clamped to 12.5 %
    // (used - target is capped at target first, which is the same clamp and keeps the quotient
    // within u64); at least 1, so a fee near the floor can still rise (as in EIP-1559).
    const std::uint64_t delta = std::min(
        mul_div_floor(base, std::min(tx_bytes_used - target, target), target * 8), max_step);
    next = checked_add(base, std::max<std::uint64_t>(delta, 1)).value_or(UINT64_MAX);
  } else if (tx_bytes_used < target) {
    const std::uint64_t delta =
        std::min(mul_div_floor(base, target - tx_bytes_used, target * 8), max_step);
    next = base - delta;
  }
  return std::max(next, params.min_base_fee_per_byte);
}

std::optional<FeeCharge> fee_charge(std::uint64_t base_fee_per_byte, std::uint64_t max_fee_per_byte,
                                    std::uint64_t tip_per_byte, std::uint64_t size) {
  if (max_fee_per_byte < base_fee_per_byte) return std::nullopt;
  if (!checked_mul(max_fee_per_byte, size)) return std::nullopt;
  const std::uint64_t tip = std::min(tip_per_byte, max_fee_per_byte - base_fee_per_byte);
  // base + tip <= max_fee, so both products (and their sum) are bounded by max_fee * size.
  return FeeCharge{base_fee_per_byte * size, tip * size};
}

} // namespace weft::chain
