// Chain id validation and encoding (docs/protocol.md, "Identities and signing").
#include "chain/chain_id.hpp"

#include "encoding/sign_digest.hpp"

namespace weft::chain {

bool valid_chain_id(std::string_view id) {
  return encoding::is_valid_chain_id(id);
}

void write_chain_id(encoding::Writer& w, std::string_view id) {
  w.bytes({reinterpret_cast<const std::uint8_t*>(id.data()), id.size()});
}

std::string read_chain_id(encoding::Reader& r) {
  const auto raw = r.bytes(kMaxChainIdLength);
  std::string id(raw.begin(), raw.end());
  if (r.ok() && !valid_chain_id(id)) r.fail(encoding::DecodeError::ValueOutOfRange);
  return id;
}

} // namespace weft::chain
