// Stateful transaction checks (docs/protocol/transactions.md §Stateful checks).
#include "chain/tx_verify.hpp"

#include <algorithm>

#include "chain/address.hpp"
#include "chain/amount.hpp"
#include "chain/power.hpp"

namespace weft::chain {

Result<FeeCharge, TxError> verify_tx_admission(const CheckedTx& c, const AccountState& sender,
                                               const TxContext& ctx) {
  const Transaction& tx = c.tx;
  if (tx.nonce < sender.nonce) return err(TxError::NonceTooLow);
  // The last nonce value is never usable: the account nonce after it would wrap to 0 and
  // reopen every old nonce to replay.
  if (tx.nonce > sender.nonce || tx.nonce == UINT64_MAX) return err(TxError::NonceTooHigh);
  const auto fee = fee_charge(ctx.base_fee_per_byte, tx.max_fee_per_byte, tx.tip_per_byte, c.size);
  if (!fee) return err(TxError::FeeBelowBase);
  if (sender.balance < fee->total()) return err(TxError::CannotPayFee);
  return *fee;
}

namespace {

Status<TxError> verify_stake(const CheckedTx& c, const Address& sender, StateView& view,
                             const Params& params) {
  const auto record = view.validator(c.tx.validator);
  if (record && record->operator_address != sender) return err(TxError::NotValidatorOperator);
  if (record && record->bonded > 0) {
    if (!checked_add(record->bonded, c.tx.amount)) return err(TxError::AmountOverflow);
    return {};
  }
  // A new candidate (or a former one whose bond is all unbonding).
  if (power_of(c.tx.amount) == 0) return err(TxError::StakeBelowMinimum);
  if (view.candidates().size() >= max_candidates(params)) return err(TxError::ValidatorTableFull);
  return {};
}

Status<TxError> verify_unstake(const CheckedTx& c, const Address& sender, StateView& view,
                               const Params& params, const TxContext& ctx) {
  const auto record = view.validator(c.tx.validator);
  if (!record || record->bonded == 0) return err(TxError::UnstakeExceedsBond);
  if (record->operator_address != sender) return err(TxError::NotValidatorOperator);
  if (c.tx.amount > record->bonded) return err(TxError::UnstakeExceedsBond);
  const std::uint64_t release = ctx.height + params.unbonding_blocks;
  const bool merges =
      std::any_of(record->unbonding.begin(), record->unbonding.end(),
                  [&](const UnbondingEntry& e) { return e.release_height == release; });
  if (!merges && record->unbonding.size() >= kMaxUnbondingEntries)
    return err(TxError::TooManyUnbonding);
  return {};
}

} // namespace

Result<FeeCharge, TxError> verify_tx(const CheckedTx& c, StateView& view, const Params& params,
                                     const TxContext& ctx) {
  const Address sender = address_of(c.tx.sender);
  const AccountState account = view.account(sender);
  auto fee = verify_tx_admission(c, account, ctx);
  if (!fee) return fee;
  const Amount fee_total = fee.value().total();

  // Transfers and stakes spend `amount` from the balance; unstakes spend only the fee.
  if (c.tx.kind != TxKind::Unstake) {
    const auto needed = checked_add(c.tx.amount, fee_total);
    if (!needed || account.balance < *needed) return err(TxError::InsufficientBalance);
  }
  Status<TxError> rules;
  switch (c.tx.kind) {
  case TxKind::Transfer:
    if (c.tx.to != sender) {
      const AccountState to = view.account(c.tx.to);
      if (!checked_add(to.balance, c.tx.amount)) return err(TxError::AmountOverflow);
    }
    break;
  case TxKind::Stake:
    rules = verify_stake(c, sender, view, params);
    break;
  case TxKind::Unstake:
    rules = verify_unstake(c, sender, view, params, ctx);
    break;
  }
  if (!rules) return err(rules.error());
  return fee;
}

} // namespace weft::chain
