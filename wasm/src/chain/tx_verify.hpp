// Stateful transaction checks (docs/protocol/transactions.md §Stateful checks): nonce, fee
// against the block's base fee, balance, staking rules. Read-only: the mempool, the block builder
// and block execution all ask the same question here. Bitcoin Core's consensus/tx_verify.
#pragma once

#include <cstdint>

#include "chain/fees.hpp"
#include "chain/params.hpp"
#include "chain/state_view.hpp"
#include "chain/tx_check.hpp"
#include "chain/tx_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

// The block the transaction would be executed in.
struct TxContext {
  std::uint64_t height = 0;            // the block's height
  std::uint64_t base_fee_per_byte = 0; // the block's base fee
};

// Candidates (validators with a bond) the table holds at most: enough for every set slot to have
// spare contenders, small enough that deriving a set reads a bounded number of records.
constexpr std::size_t max_candidates(const Params& p) {
  return std::size_t{4} * p.max_validators;
}

// Admission and execution rules, in that order; returns the fee the transaction would pay.
// A stateless-tier error can only come back as AmountOverflow from a state no honest history
// produces (the supply invariant keeps every sum in range).
Result<FeeCharge, TxError> verify_tx(const CheckedTx& tx, StateView& view, const Params& params,
                                     const TxContext& ctx);

// Admission rules only (nonce, base fee, fee payable); returns the fee charge.
Result<FeeCharge, TxError> verify_tx_admission(const CheckedTx& tx, const AccountState& sender,
                                               const TxContext& ctx);

} // namespace weft::chain
