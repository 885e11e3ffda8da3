// Block execution's window on the state tree (docs/protocol/transactions.md §State layout):
// reads go through an overlay of pending writes to the SMT at a fixed root; writes stay in the
// overlay until the block is done, then leave as one batch that produces the new root.
//
// A failed read (a node the host lost, a record that does not decode) is sticky, like
// encoding::Reader: later reads return defaults, and the executor checks ok() once per block and
// rejects the whole block, so a half-read state never becomes a state root.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "chain/account.hpp"
#include "chain/params.hpp"
#include "chain/staking_records.hpp"
#include "chain/state_keys.hpp"
#include "chain/types.hpp"
#include "chain/validator_list.hpp"
#include "state/smt.hpp"

namespace weft::chain {

enum class ViewFailure : std::uint8_t {
  None = 0,
  Unavailable, // the SMT could not read a node (state::StateError)
  Corrupt,     // a record in state is not a canonical encoding of its kind
};

class StateView {
public:
  StateView(state::Smt& smt, const Hash& root) : smt_(smt), root_(root) {}

  bool ok() const { return failure_ == ViewFailure::None; }
  ViewFailure failure() const { return failure_; }
  const Hash& base_root() const { return root_; }

  std::optional<Bytes> get(const StateKey& key);
  void put(const StateKey& key, Bytes value) { overlay_[key] = std::move(value); }
  void erase(const StateKey& key) { overlay_[key] = std::nullopt; }

  // Typed records. Absent records read as their empty value.
  AccountState account(const Address& address);
  void set_account(const Address& address, const AccountState& account);
  std::optional<ValidatorRecord> validator(const PublicKey& public_key);
  void set_validator(const PublicKey& public_key, const ValidatorRecord& record); // empty = erase
  std::vector<PublicKey> candidates();
  void set_candidates(const std::vector<PublicKey>& keys);
  std::vector<PublicKey> unbonding_queue(std::uint64_t height);
  void set_unbonding_queue(std::uint64_t height, const std::vector<PublicKey>& keys);
  ValidatorList validator_set(std::uint64_t height, const Params& params);
  void set_validator_set(std::uint64_t height, const ValidatorList& set);
  ChainState chain_state();
  void set_chain_state(const ChainState& c) { put(chain_state_key(), encode(c)); }
  Params params();

  // The pending writes, sorted by key, and the root they produce.
  std::vector<state::Write> writes() const;
  Result<state::Update, state::StateError> apply();

private:
  void fail(ViewFailure f) {
    if (failure_ == ViewFailure::None) failure_ = f;
  }
  template <typename T, typename Decode> std::optional<T> read(const StateKey& key, Decode decode);

  state::Smt& smt_;
  Hash root_;
  std::map<StateKey, std::optional<Bytes>> overlay_;
  ViewFailure failure_ = ViewFailure::None;
};

} // namespace weft::chain
