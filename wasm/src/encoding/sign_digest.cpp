// sign_digest (docs/protocol.md, "Identities and signing").
#include "encoding/sign_digest.hpp"

#include <cassert>

#include "crypto/sha256.hpp"

namespace weft::encoding {
namespace {
std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
} // namespace

bool is_valid_chain_id(std::string_view chain_id) {
  if (chain_id.empty() || chain_id.size() > kMaxChainIdLength) return false;
  for (const char c : chain_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::array<std::uint8_t, 32> sign_digest(std::string_view kind, std::string_view chain_id,
                                         std::span<const std::uint8_t> body) {
  assert(is_valid_chain_id(chain_id));
  crypto::Sha256 h;
  h.update(as_bytes("weft/v1/"));
  h.update(as_bytes(kind));
  // The 0x00 ends the kind (kinds never contain it) and the length byte ends the chain id, so
  // no (kind, chain id, body) triple can be re-split into another.
  const std::uint8_t separator[2] = {0x00, static_cast<std::uint8_t>(chain_id.size())};
  h.update(separator);
  h.update(as_bytes(chain_id));
  h.update(body);
  return h.finish();
}

} // namespace weft::encoding
