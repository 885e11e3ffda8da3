// The fixed-size identities every chain object is built from (docs/protocol.md, "Identities and
// signing"). Plain arrays, so they compare, sort and hash byte-wise with no ceremony.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::chain {

using Bytes = std::vector<std::uint8_t>;
using Hash = std::array<std::uint8_t, 32>;
using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;
using Address = std::array<std::uint8_t, 20>;

// Amounts are u64 base units, 10^9 per WEFT (docs/protocol.md, Conventions).
using Amount = std::uint64_t;
inline constexpr Amount kBaseUnitsPerWeft = 1'000'000'000;

} // namespace weft::chain
