// Object views across the boundary (docs/protocol/views.md): TypeScript builds and reads every
// chain object as canonical JSON through the core, which owns the only encoders and decoders.
// `kind` is a view::ViewKind number. Answers go to the session's output buffer; a failure is a
// negative status whose domain is View for the view's own reasons, Decode or Proof for the
// canonical decoder's.
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

#include "abi/abi.hpp"
#include "abi/session.hpp"
#include "chain/params.hpp"
#include "view/chain_views.hpp"
#include "view/json.hpp"
#include "view/object_view.hpp"

using weft::abi::error_status;
using weft::abi::ErrorDomain;
using weft::abi::Session;
namespace view = weft::view;

namespace {

std::int32_t status_of(const view::ViewFailure& failure) {
  if (const auto* e = std::get_if<view::ViewError>(&failure))
    return error_status(ErrorDomain::View, *e);
  if (const auto* e = std::get_if<weft::encoding::DecodeError>(&failure))
    return error_status(ErrorDomain::Decode, *e);
  return error_status(ErrorDomain::Proof, *std::get_if<weft::state::ProofError>(&failure));
}

constexpr std::int32_t kUnknownKind = error_status(ErrorDomain::View, view::ViewError::UnknownKind);

template <typename Answer> std::int32_t answer(Session* s, const view::ViewResult<Answer>& result) {
  if (!result) return status_of(result.error());
  s->out.assign(result.value().begin(), result.value().end());
  return 0;
}

} // namespace

// Output: the canonical JSON text (ASCII) of the object `bytes` encode.
WEFT_EXPORT(weft_view_decode)
std::int32_t weft_view_decode(Session* s, std::uint32_t kind, const std::uint8_t* bytes,
                              std::uint32_t len) {
  const auto k = view::view_kind(kind);
  if (!k) return kUnknownKind;
  return answer(s, view::decode_view(*k, {bytes, len}));
}

// Output: the canonical bytes of the object the JSON text describes.
WEFT_EXPORT(weft_view_encode)
std::int32_t weft_view_encode(Session* s, std::uint32_t kind, const std::uint8_t* json,
                              std::uint32_t len) {
  const auto k = view::view_kind(kind);
  if (!k) return kUnknownKind;
  const std::string_view text(reinterpret_cast<const char*>(json), len);
  return answer(s, view::encode_view(*k, text));
}

// Output: the 32-byte digest the signer signs (transactions, votes, proposals).
WEFT_EXPORT(weft_view_sign_digest)
std::int32_t weft_view_sign_digest(Session* s, std::uint32_t kind, const std::uint8_t* bytes,
                                   std::uint32_t len, const std::uint8_t* chain_id,
                                   std::uint32_t chain_len) {
  const auto k = view::view_kind(kind);
  if (!k) return kUnknownKind;
  const std::string_view chain(reinterpret_cast<const char*>(chain_id), chain_len);
  return answer(s, view::view_sign_digest(*k, {bytes, len}, chain));
}

// Output: the 32-byte id (transaction id; block id for headers and blocks).
WEFT_EXPORT(weft_view_id)
std::int32_t weft_view_id(Session* s, std::uint32_t kind, const std::uint8_t* bytes,
                          std::uint32_t len) {
  const auto k = view::view_kind(kind);
  if (!k) return kUnknownKind;
  return answer(s, view::view_id(*k, {bytes, len}));
}

// Output: the JSON view of the default chain parameters (chain::Params{}), the starting point of
// a new genesis; each value is documented in docs/protocol/transactions.md §Params.
WEFT_EXPORT(weft_view_default_params) void weft_view_default_params(Session* s) {
  const auto text = view::write_json(view::to_json(weft::chain::Params{}));
  s->out.assign(text.begin(), text.end());
}
