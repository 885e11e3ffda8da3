// Genesis to state (docs/protocol/transactions.md §Genesis state).
#include "chain/genesis_state.hpp"

#include <algorithm>

#include "chain/address.hpp"
#include "chain/power.hpp"
#include "chain/state_view.hpp"

namespace weft::chain {

ValidatorList genesis_validator_set(const Genesis& g) {
  ValidatorList set;
  for (const auto& v : g.validators) set.push_back(ValidatorPower{v.public_key, power_of(v.stake)});
  std::sort(set.begin(), set.end(), set_order);
  if (set.size() > g.params.max_validators) set.resize(g.params.max_validators);
  return set;
}

Result<state::Update, state::StateError> genesis_state(state::Smt& smt, const Genesis& g) {
  StateView view(smt, state::kEmptyHash);
  Amount supply = 0; // decode_genesis checked the total fits; encoders of valid genesis too
  view.put(params_key(), encode(g.params));
  for (const auto& a : g.accounts) {
    view.set_account(a.address, AccountState{a.balance, 0});
    supply += a.balance;
  }
  std::vector<PublicKey> candidates;
  for (const auto& v : g.validators) {
    view.set_validator(v.public_key, ValidatorRecord{address_of(v.public_key), v.stake, 0, {}});
    candidates.push_back(v.public_key);
    supply += v.stake;
  }
  view.set_candidates(candidates);
  const ValidatorList set = genesis_validator_set(g);
  view.set_validator_set(1, set);
  view.set_validator_set(2, set);
  view.set_chain_state(ChainState{0, g.genesis_time, g.params.initial_base_fee_per_byte, supply});
  return view.apply();
}

} // namespace weft::chain
