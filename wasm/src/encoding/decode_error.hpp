// Why a byte string is not the canonical encoding of an object (docs/protocol/encoding.md).
// Every decoder failure is one of these; the name travels to TypeScript unchanged.
#pragma once

#include <cstdint>
#include <string_view>

namespace weft::encoding {

enum class DecodeError : std::uint8_t {
  Truncated = 1,    // the input ends inside a field
  TrailingBytes,    // bytes remain after the object's last field
  NonMinimalLength, // a varint length or count uses more bytes than needed
  LengthTooLarge,   // a length or count exceeds the field's stated maximum
  UnknownVersion,   // the object's version byte is not one this core knows
  UnknownType,      // a tag (transaction kind, vote type, …) names no known variant
  ValueOutOfRange,  // a field's value is outside its allowed range
  NotSorted,        // a list that must be strictly ascending (and so duplicate-free) is not
};

constexpr std::string_view name(DecodeError e) {
  switch (e) {
  case DecodeError::Truncated:
    return "Truncated";
  case DecodeError::TrailingBytes:
    return "TrailingBytes";
  case DecodeError::NonMinimalLength:
    return "NonMinimalLength";
  case DecodeError::LengthTooLarge:
    return "LengthTooLarge";
  case DecodeError::UnknownVersion:
    return "UnknownVersion";
  case DecodeError::UnknownType:
    return "UnknownType";
  case DecodeError::ValueOutOfRange:
    return "ValueOutOfRange";
  case DecodeError::NotSorted:
    return "NotSorted";
  }
  return "Unknown";
}

} // namespace weft::encoding
