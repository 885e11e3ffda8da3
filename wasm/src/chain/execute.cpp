// Block execution (docs/protocol/transactions.md §Execution).
#include "chain/execute.hpp"

#include <algorithm>

#include "chain/address.hpp"
#include "chain/amount.hpp"
#include "chain/fees.hpp"
#include "chain/staking.hpp"
#include "chain/state_keys.hpp"

namespace weft::chain {

Result<Receipt, TxError> execute_tx(StateView& view, const CheckedTx& c, const Params& params,
                                    const TxContext& ctx) {
  const Address sender = address_of(c.tx.sender);
  const auto verdict = verify_tx(c, view, params, ctx);
  if (!verdict && tier(verdict.error()) != TxErrorTier::Execution) return err(verdict.error());

  // Whatever happens next, the fee is paid and the nonce is consumed, so the transaction can
  // never be replayed. Admission checked both.
  const auto fee =
      verdict ? verdict.value()
              : fee_charge(ctx.base_fee_per_byte, c.tx.max_fee_per_byte, c.tx.tip_per_byte, c.size)
                    .value_or(FeeCharge{});
  AccountState account = view.account(sender);
  account.balance -= fee.total();
  account.nonce += 1;
  Receipt receipt{c.id, std::nullopt, fee.burned, fee.tip};
  if (!verdict) {
    receipt.error = verdict.error();
    view.set_account(sender, account);
    return receipt;
  }

  switch (c.tx.kind) {
  case TxKind::Transfer: {
    account.balance -= c.tx.amount; // verify_tx: balance >= amount + fee
    view.set_account(sender, account);
    // Read after the write, so a transfer to oneself sees its own debit.
    AccountState to = view.account(c.tx.to);
    to.balance += c.tx.amount; // verify_tx: fits (and supply bounds every balance)
    view.set_account(c.tx.to, to);
    break;
  }
  case TxKind::Stake:
    account.balance -= c.tx.amount;
    view.set_account(sender, account);
    apply_stake(view, sender, c.tx);
    break;
  case TxKind::Unstake:
    view.set_account(sender, account);
    apply_unstake(view, sender, c.tx, ctx.height, params);
    break;
  }
  return receipt;
}

Address reward_recipient(StateView& view, const Address& proposer, std::uint64_t height,
                         const Params& params) {
  for (const auto& v : view.validator_set(height, params)) {
    if (address_of(v.public_key) != proposer) continue;
    if (const auto record = view.validator(v.public_key)) return record->operator_address;
    break;
  }
  return proposer;
}

Result<Amount, BlockError> begin_block(StateView& view, std::uint64_t h,
                                       std::span<const Offence> offences, const Params& params,
                                       BlockDiagnostics* diagnostics) {
  // 1. Unbonding that matures at this height is spendable in this block.
  release_unbonding(view, h);

  // 2. Evidence, before any transaction, so an unstake in this block cannot dodge its slash.
  Amount slashed = 0;
  for (std::size_t i = 0; i < offences.size(); ++i) {
    const Offence& o = offences[i];
    const StateKey key = offence_key(o.validator, o.height, o.round, o.vote_type);
    if (view.get(key)) {
      if (diagnostics) diagnostics->evidence_index = static_cast<std::uint32_t>(i);
      return err(BlockError::DuplicateEvidence);
    }
    encoding::Writer w;
    w.u64(h); // the height that punished it
    view.put(key, std::move(w).take());
    slashed += slash_and_jail(view, o.validator, h, params);
  }
  return slashed;
}

Result<ExecutionResult, BlockError> execute_block(StateView& view, const BlockInput& block,
                                                  BlockDiagnostics* diagnostics) {
  const Params params = view.params();
  ChainState chain = view.chain_state();
  ExecutionResult out;
  const std::uint64_t h = block.height;

  auto slashed = begin_block(view, h, block.offences, params, diagnostics);
  if (!slashed) return err(slashed.error());
  out.slashed = slashed.value();

  // 3. Transactions, in block order.
  const TxContext ctx{h, block.base_fee_per_byte};
  out.receipts.reserve(block.txs.size());
  for (std::size_t i = 0; i < block.txs.size(); ++i) {
    auto receipt = execute_tx(view, block.txs[i], params, ctx);
    if (!receipt) {
      if (diagnostics) {
        diagnostics->tx_index = static_cast<std::uint32_t>(i);
        diagnostics->tx_error = receipt.error();
      }
      return err(BlockError::InvalidTransaction);
    }
    out.tx_bytes += block.txs[i].size;
    out.fees_burned += receipt.value().fee_burned; // all parts of one supply: no overflow
    out.tips += receipt.value().tip;
    out.receipts.push_back(std::move(receipt).value());
  }

  // 4. The proposer's operator receives the tips and the block reward; the reward never takes
  //    the supply past u64, which is what keeps every balance sum in range.
  const auto remaining = checked_sub(chain.supply, out.fees_burned + out.slashed);
  if (!remaining) return err(BlockError::StateCorrupt); // the supply record disagrees with state
  Amount supply = *remaining;
  out.minted = std::min(params.block_reward, UINT64_MAX - supply);
  supply += out.minted;
  const Amount payout = out.tips + out.minted;
  if (payout > 0) {
    const Address recipient = reward_recipient(view, block.proposer, h, params);
    AccountState account = view.account(recipient);
    account.balance += payout;
    view.set_account(recipient, account);
  }

  // 5. The set for h + 2 from the bonds as they stand now; an empty derivation keeps the
  //    previous set rather than halting the chain. Sets older than the evidence window go.
  ValidatorList next = derive_validator_set(view, h, params);
  if (next.empty()) next = view.validator_set(h + 1, params);
  view.set_validator_set(h + 2, next);
  if (h > params.unbonding_blocks) view.erase(validator_set_key(h - params.unbonding_blocks));

  // 6. Where the chain now is, and the base fee the next block must carry.
  out.next_base_fee_per_byte = next_base_fee(params, block.base_fee_per_byte, out.tx_bytes);
  chain.height = h;
  chain.time = block.time;
  chain.next_base_fee_per_byte = out.next_base_fee_per_byte;
  chain.supply = supply;
  view.set_chain_state(chain);

  if (!view.ok()) {
    return err(view.failure() == ViewFailure::Unavailable ? BlockError::StateUnavailable
                                                          : BlockError::StateCorrupt);
  }
  return out;
}

} // namespace weft::chain
