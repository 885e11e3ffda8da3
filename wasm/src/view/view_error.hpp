// Why a view (docs/protocol/views.md) could not be read or written: malformed JSON text, a value
// of the wrong shape for its object, or a call the kind does not support. Every failure is one of
// these values and its name ("ViewError.<Reason>") crosses into TypeScript unchanged. Rejections
// of the bytes a view describes are the canonical decoder's own (DecodeError, ProofError).
#pragma once

#include <cstdint>

namespace weft::view {

enum class ViewError : std::uint8_t {
  // --- JSON text (view/json.hpp) ---
  TooLarge = 1,        // longer than kMaxJsonBytes, or more than kMaxJsonValues values
  UnexpectedEnd,       // the text ends inside a value
  UnexpectedCharacter, // a character that cannot begin or continue a value where it stands
  TrailingCharacters,  // something other than whitespace after the value
  TooDeep,             // arrays and objects nested deeper than kMaxJsonDepth
  ControlCharacter,    // an unescaped character below U+0020 inside a string
  NonAscii,            // a byte above 0x7F or a \u escape above U+007F: view strings are ASCII
  BadEscape,           // an escape JSON does not define, or \u without four hex digits
  NegativeNumber,      // a minus sign: every number in a view is unsigned
  NotAnInteger,        // a fraction or an exponent
  LeadingZero,         // a superfluous leading zero (01)
  NumberTooLarge,      // a number above 2^64 - 1
  DuplicateKey,        // an object names one key twice
  // --- the shape of a view (view/*_views.hpp) ---
  UnknownKind,    // the kind number names no view
  WrongType,      // a value of the wrong JSON type, or not null where the variant needs null
  MissingKey,     // a key the view requires is absent
  UnknownKey,     // a key the view does not define
  OutOfRange,     // an integer too large for its field, or 0xFFFFFFFF for a round that may be null
  BadHex,         // a byte field that is not lowercase hex with an even number of digits
  WrongLength,    // a byte field with the wrong number of bytes
  UnknownVariant, // a name (transaction kind, vote type, …) that names no variant
  // --- the other calls (view/object_view.hpp) ---
  NotSigned,  // a signing digest for a kind that carries no signature
  NoId,       // an id for a kind that has none
  BadChainId, // a chain id that is not 1-32 characters of [a-z0-9-]
};

// "ViewError.<Reason>": the name TypeScript sees (weft_error_name).
constexpr const char* qualified_name(ViewError e) {
  switch (e) {
  case ViewError::TooLarge:
    return "ViewError.TooLarge";
  case ViewError::UnexpectedEnd:
    return "ViewError.UnexpectedEnd";
  case ViewError::UnexpectedCharacter:
    return "ViewError.UnexpectedCharacter";
  case ViewError::TrailingCharacters:
    return "ViewError.TrailingCharacters";
  case ViewError::TooDeep:
    return "ViewError.TooDeep";
  case ViewError::ControlCharacter:
    return "ViewError.ControlCharacter";
  case ViewError::NonAscii:
    return "ViewError.NonAscii";
  case ViewError::BadEscape:
    return "ViewError.BadEscape";
  case ViewError::NegativeNumber:
    return "ViewError.NegativeNumber";
  case ViewError::NotAnInteger:
    return "ViewError.NotAnInteger";
  case ViewError::LeadingZero:
    return "ViewError.LeadingZero";
  case ViewError::NumberTooLarge:
    return "ViewError.NumberTooLarge";
  case ViewError::DuplicateKey:
    return "ViewError.DuplicateKey";
  case ViewError::UnknownKind:
    return "ViewError.UnknownKind";
  case ViewError::WrongType:
    return "ViewError.WrongType";
  case ViewError::MissingKey:
    return "ViewError.MissingKey";
  case ViewError::UnknownKey:
    return "ViewError.UnknownKey";
  case ViewError::OutOfRange:
    return "ViewError.OutOfRange";
  case ViewError::BadHex:
    return "ViewError.BadHex";
  case ViewError::WrongLength:
    return "ViewError.WrongLength";
  case ViewError::UnknownVariant:
    return "ViewError.UnknownVariant";
  case ViewError::NotSigned:
    return "ViewError.NotSigned";
  case ViewError::NoId:
    return "ViewError.NoId";
  case ViewError::BadChainId:
    return "ViewError.BadChainId";
  }
  return "ViewError.Unknown";
}

} // namespace weft::view
