// The proposer priorities of a height's validator set as the host stores them, so a restarted
// node resumes proposer selection without replaying every height since genesis
// (docs/protocol/consensus.md §1: priorities are never in chain objects; hosts may persist them).
// A versioned host-storage encoding, like encode_last_signed, not a network object:
//
//   version u8 (1), proposer u32, varint count, count × priority (i64 as u64 two's complement)
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::abi {

struct PriorityRecord {
  std::uint32_t proposer = 0;
  std::vector<std::int64_t> priorities; // in set order
};

consensus::Bytes encode_priority_record(const consensus::ValidatorSet& set);
// Fails on UnknownVersion, a count above consensus::kMaxValidatorsEncodable (LengthTooLarge),
// Truncated and TrailingBytes. Whether the record fits a set is restore_priorities' answer.
Result<PriorityRecord, encoding::DecodeError>
decode_priority_record(std::span<const std::uint8_t> in);

} // namespace weft::abi
