// The vocabulary of consensus objects (docs/protocol.md, "Objects"; docs/protocol/consensus.md):
// fixed-size identities, heights, rounds and the two vote types. Plain arrays, so they compare,
// sort and hash byte-wise and match the chain layer's identical aliases.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace weft::consensus {

using Bytes = std::vector<std::uint8_t>;
using Hash = std::array<std::uint8_t, 32>;
using BlockId = Hash; // SHA-256 of a block header's encoding
using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;
using Address = std::array<std::uint8_t, 20>;

// A vote's block: a block id, or nil (no block this round).
using MaybeBlock = std::optional<BlockId>;

inline constexpr std::uint32_t kNoRound = 0xFFFFFFFF; // "none" for pol_round; never a real round
inline constexpr std::uint32_t kMaxRound = kNoRound - 1;

enum class VoteType : std::uint8_t {
  Prevote = 1,
  Precommit = 2,
};

// The largest validator set any encoding may carry: max_validators is a u16 genesis parameter
// (default 100), so no set is ever larger than this.
inline constexpr std::size_t kMaxValidatorsEncodable = 0xFFFF;
inline constexpr std::size_t kDefaultMaxValidators = 100;

// CometBFT's MaxTotalVotingPower (int64 max / 8): keeps every priority computation, and 3 x
// power tallies, inside 64 bits.
inline constexpr std::uint64_t kMaxTotalPower = (std::uint64_t{1} << 63) / 8 - 1;

} // namespace weft::consensus
