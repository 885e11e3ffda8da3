// Views of light blocks (view/light_views.hpp). Key order here is the canonical order.
#include "view/light_views.hpp"

#include "view/chain_views.hpp"
#include "view/consensus_views.hpp"

namespace weft::view {

Json to_json(const light::LightBlock& b) {
  return object(member("header", to_json(b.header)), member("commit", to_json(b.commit)),
                member("validators", to_json(b.validators)));
}

light::LightBlock light_block_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  light::LightBlock b;
  b.header = header_from_json(f.at("header"), status);
  b.commit = commit_from_json(f.at("commit"), status);
  b.validators = validator_set_from_json(f.at("validators"), status);
  f.finish();
  return b;
}

} // namespace weft::view
