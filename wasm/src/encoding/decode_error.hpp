// Why a byte string is not the canonical encoding of an object (docs/protocol/encoding.md).
// Every decoder failure is one of these; the name travels to TypeScript unchanged.
#pragma once

#include <cstdint>

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

// "DecodeError.<Reason>": the name TypeScript sees (weft_error_name).
constexpr const char* qualified_name(DecodeError e) {
  switch (e) {
  case DecodeError::Truncated:
    return "DecodeError.Truncated";
  case DecodeError::TrailingBytes:
    return "DecodeError.TrailingBytes";
  case DecodeError::NonMinimalLength:
    return "DecodeError.NonMinimalLength";
  case DecodeError::LengthTooLarge:
    return "DecodeError.LengthTooLarge";
  case DecodeError::UnknownVersion:
    return "DecodeError.UnknownVersion";
  case DecodeError::UnknownType:
    return "DecodeError.UnknownType";
  case DecodeError::ValueOutOfRange:
    return "DecodeError.ValueOutOfRange";
  case DecodeError::NotSorted:
    return "DecodeError.NotSorted";
  }
  return "DecodeError.Unknown";
}

} // namespace weft::encoding
