// Views of state proofs (view/state_views.hpp). Key order here is the canonical order.
#include "view/state_views.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace weft::view {
namespace {

using state::ProofKind;

constexpr std::array<Name<ProofKind>, 3> kProofKinds{{
    {"inclusion", ProofKind::Inclusion},
    {"emptySubtree", ProofKind::EmptySubtree},
    {"otherLeaf", ProofKind::OtherLeaf},
}};

// The bitmap bytes the encoding carries for `depth` (state.md §6).
std::size_t bitmap_bytes(std::uint16_t depth) {
  return (std::min<std::size_t>(depth, state::kKeyBits) + 7) / 8;
}

} // namespace

Json to_json(const state::Proof& p) {
  Json::Array siblings;
  siblings.reserve(p.siblings.size());
  for (const auto& s : p.siblings) siblings.push_back(hex(s));
  const bool other = p.kind == ProofKind::OtherLeaf;
  return object(member("kind", name_of(p.kind, kProofKinds)),
                member("depth", Json::number(p.depth)),
                member("bitmap", hex(std::span(p.bitmap).first(bitmap_bytes(p.depth)))),
                member("siblings", Json::array(std::move(siblings))),
                member("otherKey", other ? hex(p.other_key) : Json::null()),
                member("otherValueHash", other ? hex(p.other_value_hash) : Json::null()));
}

state::Proof proof_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  state::Proof p;
  p.kind = f.name("kind", kProofKinds);
  p.depth = f.u16("depth");
  read_hex_into(f.at("bitmap"), std::span(p.bitmap).first(bitmap_bytes(p.depth)), status);
  for (const Json& s : f.array("siblings")) p.siblings.push_back(read_fixed<32>(s, status));
  if (p.kind == ProofKind::OtherLeaf) {
    p.other_key = f.fixed<32>("otherKey");
    p.other_value_hash = f.fixed<32>("otherValueHash");
  } else {
    f.null("otherKey");
    f.null("otherValueHash");
  }
  f.finish();
  return p;
}

} // namespace weft::view
