// State tree keys (docs/protocol/transactions.md §State layout).
#include "chain/state_keys.hpp"

#include <string_view>

#include "crypto/sha256.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {
namespace {

StateKey key(std::string_view tag, std::span<const std::uint8_t> suffix) {
  crypto::Sha256 h;
  h.update({reinterpret_cast<const std::uint8_t*>(tag.data()), tag.size()});
  h.update(suffix);
  return h.finish();
}

StateKey height_key(std::string_view tag, std::uint64_t height) {
  encoding::Writer w;
  w.u64(height);
  return key(tag, w.data());
}

} // namespace

StateKey account_key(const Address& a) {
  return key("weft/account/v1", a);
}
StateKey validator_key(const PublicKey& pk) {
  return key("weft/validator/v1", pk);
}
StateKey candidates_key() {
  return key("weft/candidates/v1", {});
}
StateKey unbonding_queue_key(std::uint64_t h) {
  return height_key("weft/unbonding/v1", h);
}
StateKey validator_set_key(std::uint64_t h) {
  return height_key("weft/valset/v1", h);
}
StateKey params_key() {
  return key("weft/params/v1", {});
}
StateKey chain_state_key() {
  return key("weft/chain/v1", {});
}

StateKey offence_key(const PublicKey& validator, std::uint64_t height, std::uint32_t round,
                     std::uint8_t vote_type) {
  encoding::Writer w;
  w.fixed(validator);
  w.u64(height);
  w.u32(round);
  w.u8(vote_type);
  return key("weft/offence/v1", w.data());
}

} // namespace weft::chain
