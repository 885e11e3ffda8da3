// Every chain object by kind (docs/protocol/views.md): its canonical bytes as the canonical JSON
// view and back, and for the kinds that have them its signing digest and its id. This is what
// weft_view_* export to TypeScript.
//
// Encoding a view never yields bytes the canonical decoder would refuse: the view is read into
// the object, the object is encoded, and the decoder judges the bytes; its reason (DecodeError,
// ProofError for state proofs) is the failure. Blocks, commits, validator sets and light blocks
// are judged under the default bounds (chain::Params{}, consensus::kDefaultMaxValidators).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "view/json.hpp"
#include "view/view_result.hpp"

namespace weft::view {

// The numbers cross the boundary (wasm/ts/src/views.ts); never renumber one.
enum class ViewKind : std::uint32_t {
  Transaction = 1,
  Header = 2,
  Block = 3,
  Receipt = 4,
  Genesis = 5,
  Account = 6,
  Vote = 7,
  Proposal = 8,
  Commit = 9,
  Evidence = 10, // duplicate-vote evidence
  ValidatorSet = 11,
  LastSigned = 12,
  LightBlock = 13,
  StateProof = 14,
};
inline constexpr std::uint32_t kLastViewKind = 14;

// The kind a number names, or nullopt (UnknownKind).
std::optional<ViewKind> view_kind(std::uint32_t number);

using Bytes = std::vector<std::uint8_t>;
using Digest = std::array<std::uint8_t, 32>;

// The canonical JSON text of `bytes`, or the decoder's reason for refusing them.
ViewResult<std::string> decode_view(ViewKind kind, std::span<const std::uint8_t> bytes);

// The canonical bytes a view describes.
ViewResult<Bytes> encode_view(ViewKind kind, const Json& view);
ViewResult<Bytes> encode_view(ViewKind kind, std::string_view json);

// What the signer signs: sign_digest over the object's encoding without its signature. Only
// transactions, votes and proposals carry a signature (NotSigned); `chain_id` must be valid
// (BadChainId).
ViewResult<Digest> view_sign_digest(ViewKind kind, std::span<const std::uint8_t> bytes,
                                    std::string_view chain_id);

// A transaction's id (SHA-256 of its encoding) or a header's or block's block id (SHA-256 of the
// header's encoding). Other kinds have none (NoId).
ViewResult<Digest> view_id(ViewKind kind, std::span<const std::uint8_t> bytes);

} // namespace weft::view
