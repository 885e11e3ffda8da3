// The domain-separated signing digest every Weft signature covers (docs/protocol.md, "Identities
// and signing"):
//   sign_digest(kind, chain_id, body) = SHA-256("weft/v1/" || kind || 0x00 || u8 len(chain_id)
//                                               || chain_id || body)
// The kind and the chain id are both inside the hash, so a signature made for one object kind or
// one chain never verifies for another.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace weft::encoding {

// The kinds the protocol defines; anything else is a caller bug.
inline constexpr std::string_view kSignKindTx = "tx";
inline constexpr std::string_view kSignKindPrevote = "prevote";
inline constexpr std::string_view kSignKindPrecommit = "precommit";
inline constexpr std::string_view kSignKindProposal = "proposal";

// Chain ids are 1-32 characters of [a-z0-9-] (docs/protocol.md); the length byte in the digest
// relies on that bound.
inline constexpr std::size_t kMaxChainIdLength = 32;
bool is_valid_chain_id(std::string_view chain_id);

// Precondition: is_valid_chain_id(chain_id). Chain ids come from genesis or host configuration,
// which validate them, never straight from a peer.
std::array<std::uint8_t, 32> sign_digest(std::string_view kind, std::string_view chain_id,
                                         std::span<const std::uint8_t> body);

} // namespace weft::encoding
