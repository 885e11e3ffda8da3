// Where the chain keeps each record in the state tree (docs/protocol/transactions.md §State
// layout). Every key is SHA-256 of a domain tag and the record's identity, so keys of different
// record kinds can never collide and the tree stays balanced.
#pragma once

#include <cstdint>

#include "chain/types.hpp"

namespace weft::chain {

using StateKey = Hash;

StateKey account_key(const Address& address);        // "weft/account/v1" || address
StateKey validator_key(const PublicKey& public_key); // "weft/validator/v1" || public key
StateKey candidates_key();                           // "weft/candidates/v1"
StateKey unbonding_queue_key(std::uint64_t height);  // "weft/unbonding/v1" || u64 height
StateKey validator_set_key(std::uint64_t height);    // "weft/valset/v1" || u64 height
StateKey params_key();                               // "weft/params/v1"
StateKey chain_state_key();                          // "weft/chain/v1"
// One slash per offence: "weft/offence/v1" || public key || u64 height || u32 round || u8 type
StateKey offence_key(const PublicKey& validator, std::uint64_t height, std::uint32_t round,
                     std::uint8_t vote_type);

} // namespace weft::chain
