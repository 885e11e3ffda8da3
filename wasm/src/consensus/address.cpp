// Address derivation (docs/protocol.md, "Identities and signing").
#include "consensus/address.hpp"

#include <algorithm>
#include <string_view>

#include "crypto/sha256.hpp"

namespace weft::consensus {

Address address_of(const PublicKey& public_key) {
  static constexpr std::string_view kDomain = "weft/address/v1";
  crypto::Sha256 h;
  h.update({reinterpret_cast<const std::uint8_t*>(kDomain.data()), kDomain.size()});
  h.update(public_key);
  const auto digest = h.finish();
  Address a{};
  std::copy_n(digest.begin(), a.size(), a.begin());
  return a;
}

} // namespace weft::consensus
