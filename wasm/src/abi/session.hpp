// A session: the loader's handle for answers of variable size. An export that returns bytes
// leaves them in the session's output buffer, which the loader copies out before its next call;
// the buffer is reused, so steady use allocates nothing.
#pragma once

#include <cstdint>
#include <vector>

namespace weft::abi {

struct Session {
  std::vector<std::uint8_t> out;
};

} // namespace weft::abi
