// Session lifecycle and the output buffer (abi/session.hpp), and error names for statuses.
#include <cstdint>
#include <new>
#include <string>
#include <string_view>

#include "abi/abi.hpp"
#include "abi/session.hpp"
#include "chain/block_error.hpp"
#include "chain/tx_error.hpp"
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

std::string qualified(std::string_view domain, std::string_view reason) {
  std::string out(domain);
  out += '.';
  out += reason;
  return out;
}

// "Domain.Reason" for a negative status.
std::string error_name(std::int32_t status) {
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
  case ErrorDomain::Tx:
    return qualified("TxError", weft::chain::name(static_cast<weft::chain::TxError>(reason)));
  case ErrorDomain::Block:
    return qualified("BlockError", weft::chain::name(static_cast<weft::chain::BlockError>(reason)));
  }
  return "Unknown";
}

} // namespace

// Leaves the status's "Domain.Reason" in the session's output buffer.
WEFT_EXPORT(weft_error_name) void weft_error_name(Session* s, std::int32_t status) {
  const std::string name = error_name(status);
  s->out.assign(name.begin(), name.end());
}
