// The validator set as the chain derives and stores it (docs/protocol.md, "Validator set"):
// (public key, power) sorted by power descending, then public key ascending. Its encoding is
// the one validators_hash commits to.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chain/types.hpp"
#include "consensus/validator_set.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

using consensus::ValidatorPower;

using ValidatorList = std::vector<ValidatorPower>;

// The set order: power descending, then public key ascending.
using consensus::set_order;

Bytes encode_validator_list(std::span<const ValidatorPower> set);
// Rejects a zero power (ValueOutOfRange), more than `max_validators` entries (LengthTooLarge)
// and any order other than set_order (NotSorted).
Result<ValidatorList, encoding::DecodeError> decode_validator_list(std::span<const std::uint8_t> in,
                                                                   std::uint64_t max_validators);
Hash validators_hash(std::span<const ValidatorPower> set);

} // namespace weft::chain
