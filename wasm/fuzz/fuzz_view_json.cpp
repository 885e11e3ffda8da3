// libFuzzer: arbitrary text as the JSON view of every kind (docs/protocol/views.md). The first
// byte picks the kind. Nothing may crash; whatever encodes must be bytes the decoder accepts,
// whose canonical view encodes to the same bytes and is a fixed point.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "view/json.hpp"
#include "view/object_view.hpp"

using namespace weft::view;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto kind = view_kind(1u + data[0] % kLastViewKind);
  require(kind.has_value());
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  // Any text that parses writes canonically, and the canonical text parses to the same text.
  if (const auto parsed = parse_json(text)) {
    const std::string canonical = write_json(parsed.value());
    const auto again = parse_json(canonical);
    require(again.ok() && write_json(again.value()) == canonical);
  }

  const auto bytes = encode_view(*kind, text);
  if (!bytes) return 0;
  const auto view = decode_view(*kind, bytes.value());
  require(view.ok());
  const auto bytes_again = encode_view(*kind, view.value());
  require(bytes_again.ok() && bytes_again.value() == bytes.value());
  const auto view_again = decode_view(*kind, bytes_again.value());
  require(view_again.ok() && view_again.value() == view.value());
  return 0;
}
