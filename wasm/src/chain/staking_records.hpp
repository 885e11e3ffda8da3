// The staking records kept in state (docs/protocol/transactions.md §State layout, §Staking):
// one record per validator key, the list of candidate keys, and the unbonding queue index.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

// At most this many pending unbonding entries per validator (as Cosmos SDK's MaxEntries): keeps
// records small and slashing one record cheap.
inline constexpr std::size_t kMaxUnbondingEntries = 7;

struct UnbondingEntry {
  std::uint64_t release_height = 0; // credited to the operator at the start of this block
  Amount amount = 0;
  bool operator==(const UnbondingEntry&) const = default;
};

// A validator key's bond. Bonds are not delegated: the first account to stake to a key becomes
// its operator and only it may add to or withdraw from the bond.
struct ValidatorRecord {
  Address operator_address{};
  Amount bonded = 0;
  std::uint64_t jailed_until = 0;        // excluded from sets derived at heights below this
  std::vector<UnbondingEntry> unbonding; // strictly ascending by release height, non-zero amounts

  bool operator==(const ValidatorRecord&) const = default;
  bool empty() const { return bonded == 0 && unbonding.empty(); }
};

Bytes encode(const ValidatorRecord& v);
Result<ValidatorRecord, encoding::DecodeError>
decode_validator_record(std::span<const std::uint8_t> in);

// A strictly ascending list of public keys: the candidates (validators with a non-zero bond) and
// each unbonding queue bucket use it.
Bytes encode_key_list(std::span<const PublicKey> keys);
Result<std::vector<PublicKey>, encoding::DecodeError>
decode_key_list(std::span<const std::uint8_t> in);

// Chain-wide bookkeeping that is not an account: where the chain is and what the next block
// must use.
struct ChainState {
  std::uint64_t height = 0;                 // the last executed block (0 = genesis)
  std::uint64_t time = 0;                   // its time (genesis_time at height 0)
  std::uint64_t next_base_fee_per_byte = 0; // the base fee block height+1 must carry
  Amount supply = 0; // balances + bonds + unbonding; rewards mint, fees and slashes burn
  bool operator==(const ChainState&) const = default;
};

Bytes encode(const ChainState& c);
Result<ChainState, encoding::DecodeError> decode_chain_state(std::span<const std::uint8_t> in);

} // namespace weft::chain
