// Voting power from stake (docs/protocol/transactions.md §Validator set): one unit of power per
// whole WEFT bonded. A bond below one WEFT carries no power, which also bounds how cheaply the
// validator table can be filled.
#pragma once

#include <cstdint>

#include "chain/types.hpp"

namespace weft::chain {

inline constexpr Amount kStakePerPower = kBaseUnitsPerWeft;

constexpr std::uint64_t power_of(Amount stake) {
  return stake / kStakePerPower;
}

} // namespace weft::chain
