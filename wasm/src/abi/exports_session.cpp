// Session lifecycle and the output buffer (abi/session.hpp), and error names for statuses.
#include <cstdint>
#include <new>
#include <string>

#include "abi/abi.hpp"
#include "abi/error_names.hpp"
#include "abi/session.hpp"

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

// Leaves the status's "Domain.Reason" in the session's output buffer.
WEFT_EXPORT(weft_error_name) void weft_error_name(Session* s, std::int32_t status) {
  const std::string name = weft::abi::error_name(status);
  s->out.assign(name.begin(), name.end());
}
