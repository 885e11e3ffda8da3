// Views of light blocks (docs/protocol/views.md; docs/protocol.md "Light block"): a header, the
// commit for it and the validator set that signed it, each in its own view.
#pragma once

#include "light/light_block.hpp"
#include "view/fields.hpp"
#include "view/json.hpp"

namespace weft::view {

Json to_json(const light::LightBlock& block);
light::LightBlock light_block_from_json(const Json& json, ReadStatus& status);

} // namespace weft::view
