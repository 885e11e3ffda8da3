// Transaction inclusion proofs at the boundary (docs/protocol/transactions.md §6): the RFC 9162
// §2.1.3 audit path of one transaction of a block, for the API to serve, and its check, for a
// light client to run against a verified header's tx_root. The path crosses as its sibling
// hashes concatenated, 32 bytes each, from the leaf up; index and count travel beside it.
#pragma once

#include <cstdint>
#include <span>

#include "abi/session.hpp"
#include "chain/types.hpp"

namespace weft::abi {

// The proof for the transaction at `index` of `block` (a canonical block encoding, decoded under
// the default Params bounds, as views are). Session output: tx root [32] | tx id [32] |
// count u64 | path (the rest: 32 bytes per sibling). A block that does not decode is its
// DecodeError; an index past the last transaction is DecodeError.ValueOutOfRange.
std::int32_t tx_proof(Session& s, std::span<const std::uint8_t> block, std::uint64_t index);

// 1 when `path` shows `tx_id` at `index` of a block of `count` transactions whose tx root is
// `root`; 0 when it does not; DecodeError.Truncated when `path` is not whole 32-byte hashes.
std::int32_t tx_proof_verify(const chain::Hash& root, const chain::Hash& tx_id, std::uint64_t index,
                             std::uint64_t count, std::span<const std::uint8_t> path);

} // namespace weft::abi
