// Staking state transitions (docs/protocol/transactions.md §Staking, §Slashing): bonding,
// unbonding, release of matured unbonding, slashing and jailing, and deriving the validator set
// that takes effect two heights later.
#pragma once

#include <cstdint>

#include "chain/params.hpp"
#include "chain/state_view.hpp"
#include "chain/transaction.hpp"
#include "chain/types.hpp"
#include "chain/validator_list.hpp"

namespace weft::chain {

// Effects of a stake / unstake that verify_tx accepted; the fee is charged elsewhere. Both keep
// the candidate list in step with which records have a non-zero bond.
void apply_stake(StateView& view, const Address& sender, const Transaction& tx);
void apply_unstake(StateView& view, const Address& sender, const Transaction& tx,
                   std::uint64_t height, const Params& params);

// Credits every unbonding entry released at `height` to its validator's operator and drops the
// queue bucket. Called first in every block.
void release_unbonding(StateView& view, std::uint64_t height);

// Burns slash_fraction_bps of the validator's bond and of each pending unbonding entry, and jails
// it until height + jail_blocks. Returns the amount burned.
Amount slash_and_jail(StateView& view, const PublicKey& validator, std::uint64_t height,
                      const Params& params);

// The set derived from the candidates at the end of block `height`, taking effect at
// height + 2: unjailed candidates with power >= 1, top max_validators in set order.
ValidatorList derive_validator_set(StateView& view, std::uint64_t height, const Params& params);

} // namespace weft::chain
