// Staking state transitions (docs/protocol/transactions.md §Staking, §Slashing).
#include "chain/staking.hpp"

#include <algorithm>

#include "chain/amount.hpp"
#include "chain/power.hpp"

namespace weft::chain {
namespace {

void add_candidate(StateView& view, const PublicKey& key) {
  auto keys = view.candidates();
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it != keys.end() && *it == key) return;
  keys.insert(it, key);
  view.set_candidates(keys);
}

void remove_candidate(StateView& view, const PublicKey& key) {
  auto keys = view.candidates();
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key) return;
  keys.erase(it);
  view.set_candidates(keys);
}

} // namespace

void apply_stake(StateView& view, const Address& sender, const Transaction& tx) {
  ValidatorRecord record = view.validator(tx.validator).value_or(ValidatorRecord{});
  const bool was_candidate = record.bonded > 0;
  record.operator_address = sender;
  // verify_tx checked the sum fits.
  record.bonded = checked_add(record.bonded, tx.amount).value_or(record.bonded);
  view.set_validator(tx.validator, record);
  if (!was_candidate) add_candidate(view, tx.validator);
}

void apply_unstake(StateView& view, const Address& sender, const Transaction& tx,
                   std::uint64_t height, const Params& params) {
  (void)sender; // verify_tx checked it is the operator
  ValidatorRecord record = view.validator(tx.validator).value_or(ValidatorRecord{});
  record.bonded -= tx.amount; // verify_tx checked amount <= bonded
  const std::uint64_t release = height + params.unbonding_blocks;
  auto it = std::find_if(record.unbonding.begin(), record.unbonding.end(),
                         [&](const UnbondingEntry& e) { return e.release_height >= release; });
  if (it != record.unbonding.end() && it->release_height == release) {
    it->amount += tx.amount; // both are parts of one bond, so the sum fits
  } else {
    record.unbonding.insert(it, UnbondingEntry{release, tx.amount});
    auto queue = view.unbonding_queue(release);
    const auto q = std::lower_bound(queue.begin(), queue.end(), tx.validator);
    if (q == queue.end() || *q != tx.validator) queue.insert(q, tx.validator);
    view.set_unbonding_queue(release, queue);
  }
  view.set_validator(tx.validator, record);
  if (record.bonded == 0) remove_candidate(view, tx.validator);
}

void release_unbonding(StateView& view, std::uint64_t height) {
  const auto queue = view.unbonding_queue(height);
  for (const PublicKey& key : queue) {
    auto record = view.validator(key);
    if (!record) continue; // slashing consumed every entry and the record went with them
    Amount released = 0;
    auto& entries = record->unbonding;
    while (!entries.empty() && entries.front().release_height <= height) {
      released += entries.front().amount; // parts of one supply: no overflow
      entries.erase(entries.begin());
    }
    if (released == 0) continue;
    AccountState account = view.account(record->operator_address);
    account.balance = checked_add(account.balance, released).value_or(account.balance);
    view.set_account(record->operator_address, account);
    view.set_validator(key, *record);
  }
  if (!queue.empty()) view.set_unbonding_queue(height, {});
}

Amount slash_and_jail(StateView& view, const PublicKey& validator, std::uint64_t height,
                      const Params& params) {
  auto record = view.validator(validator);
  if (!record) return 0; // fully withdrawn: nothing left to slash
  auto cut = [&](Amount a) { return mul_div_floor(a, params.slash_fraction_bps, kBasisPoints); };
  Amount burned = cut(record->bonded);
  record->bonded -= burned;
  for (auto& e : record->unbonding) {
    const Amount c = cut(e.amount);
    e.amount -= c;
    burned += c;
  }
  // An entry slashed to nothing disappears; its queue bucket then finds nothing to release.
  std::erase_if(record->unbonding, [](const UnbondingEntry& e) { return e.amount == 0; });
  record->jailed_until = std::max(record->jailed_until, height + params.jail_blocks);
  const bool candidate = record->bonded > 0;
  view.set_validator(validator, *record);
  if (!candidate) remove_candidate(view, validator);
  return burned;
}

ValidatorList derive_validator_set(StateView& view, std::uint64_t height, const Params& params) {
  ValidatorList set;
  for (const PublicKey& key : view.candidates()) {
    const auto record = view.validator(key);
    if (!record || record->jailed_until > height) continue;
    const std::uint64_t power = power_of(record->bonded);
    if (power > 0) set.push_back(ValidatorPower{key, power});
  }
  std::sort(set.begin(), set.end(), set_order);
  if (set.size() > params.max_validators) set.resize(params.max_validators);
  return set;
}

} // namespace weft::chain
