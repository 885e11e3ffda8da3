// Session lifecycle and the output buffer (abi/session.hpp), and error names for statuses.
#include <cstdint>
#include <new>

#include "abi/abi.hpp"
#include "abi/session.hpp"
#include "encoding/decode_error.hpp"
#include "state/error_names.hpp"

using weft::abi::ErrorDomain;
using weft::abi::Session;

WEFT_EXPORT(weft_session_new) Session* weft_session_new() {
  return new (std::nothrow) Session();
}
WEFT_EXPORT(weft_session_free) void weft_session_free(Session* s) {
  delete s;
}
WEFT_EXPORT(weft_out_ptr) const std::uint8_t* weft_out_ptr(const Session* s) {
  return s->out.data();
}
WEFT_EXPORT(weft_out_len) std::uint32_t weft_out_len(const Session* s) {
  return static_cast<std::uint32_t>(s->out.size());
}

namespace {

// "Domain.Reason" for a negative status; static strings, so nothing is allocated.
const char* error_name(std::int32_t status) {
  if (status >= 0) return "";
  const std::int32_t code = -status;
  const auto reason = static_cast<std::uint8_t>(code % 256);
  switch (static_cast<ErrorDomain>(code / 256)) {
  case ErrorDomain::Decode:
    return weft::encoding::qualified_name(static_cast<weft::encoding::DecodeError>(reason));
  case ErrorDomain::State:
    return weft::state::qualified_name(static_cast<weft::state::StateError>(reason));
  case ErrorDomain::Proof:
    return weft::state::qualified_name(static_cast<weft::state::ProofError>(reason));
  case ErrorDomain::Abi:
    return reason == static_cast<std::uint8_t>(weft::abi::AbiError::OutOfMemory)
               ? "AbiError.OutOfMemory"
               : "AbiError.Unknown";
  }
  return "Unknown";
}

} // namespace

WEFT_EXPORT(weft_error_name) const char* weft_error_name(std::int32_t status) {
  return error_name(status);
}
