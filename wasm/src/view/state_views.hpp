// Views of state proofs (docs/protocol/views.md; docs/protocol/state.md §6): the proof's kind,
// depth, sibling bitmap and siblings, and for an other-leaf proof the leaf it ends at.
#pragma once

#include "state/smt_proof.hpp"
#include "view/fields.hpp"
#include "view/json.hpp"

namespace weft::view {

Json to_json(const state::Proof& proof);
// The bitmap is as long as the encoding makes it, ceil(min(depth, 256) / 8) bytes (WrongLength
// otherwise), so no bit can hide beyond what the bytes carry.
state::Proof proof_from_json(const Json& json, ReadStatus& status);

} // namespace weft::view
