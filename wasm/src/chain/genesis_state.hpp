// Genesis to state (docs/protocol/transactions.md §Genesis state): the writes of height 0 and
// the root they produce. Validator sets for heights 1 and 2 are both the genesis set.
#pragma once

#include <vector>

#include "chain/genesis.hpp"
#include "chain/validator_list.hpp"
#include "state/smt.hpp"
#include "util/result.hpp"

namespace weft::chain {

// The genesis writes applied to the empty tree.
Result<state::Update, state::StateError> genesis_state(state::Smt& smt, const Genesis& genesis);

// The genesis validator set: top max_validators of the genesis validators by power.
ValidatorList genesis_validator_set(const Genesis& genesis);

} // namespace weft::chain
