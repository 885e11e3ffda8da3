// Why a transaction is rejected (docs/protocol/transactions.md §Checks). Every rejection is one
// of these values and its name crosses into TypeScript unchanged. Three tiers:
//  - stateless (tx_check): the transaction can never be valid on this chain;
//  - admission (tx_verify): it cannot be included now; a block that includes it is invalid;
//  - execution (tx_verify / execute): it may be included, pays its fee and consumes its nonce,
//    but has no other effect; its receipt carries the reason.
#pragma once

#include <cstdint>
#include <string_view>

namespace weft::chain {

enum class TxError : std::uint8_t {
  // --- stateless ---
  TooLarge = 1,    // the encoding is longer than params.max_tx_bytes
  Malformed,       // the bytes are not a canonical transaction encoding
  BadSignature,    // the signature does not verify over sign_digest("tx", chain_id, body)
  ZeroAmount,      // amount is 0: a transaction must move something
  TipAboveMaxFee,  // tip_per_byte > max_fee_per_byte
  FeeBelowMinimum, // max_fee_per_byte < params.min_base_fee_per_byte: can never be included
  AmountOverflow,  // amount + max_fee_per_byte * size does not fit in u64
  // --- admission ---
  NonceTooLow,  // nonce < account nonce: already used (a replay or a double spend)
  NonceTooHigh, // nonce > account nonce: an earlier transaction is missing
  FeeBelowBase, // max_fee_per_byte < the block's base fee
  CannotPayFee, // balance < the fee charged at the block's base fee
  // --- execution ---
  InsufficientBalance,  // balance < amount + fee charged
  NotValidatorOperator, // the validator's bond belongs to another account
  StakeBelowMinimum,    // a new validator's first bond is below one unit of voting power
  ValidatorTableFull,   // a new validator, but the table already holds its maximum
  UnstakeExceedsBond,   // amount > the sender's bond with the validator
  TooManyUnbonding,     // the validator already has the maximum number of unbonding entries
};

enum class TxErrorTier : std::uint8_t { Stateless, Admission, Execution };

constexpr TxErrorTier tier(TxError e) {
  if (e <= TxError::AmountOverflow) return TxErrorTier::Stateless;
  if (e <= TxError::CannotPayFee) return TxErrorTier::Admission;
  return TxErrorTier::Execution;
}

constexpr std::string_view name(TxError e) {
  switch (e) {
  case TxError::TooLarge:
    return "TooLarge";
  case TxError::Malformed:
    return "Malformed";
  case TxError::BadSignature:
    return "BadSignature";
  case TxError::ZeroAmount:
    return "ZeroAmount";
  case TxError::TipAboveMaxFee:
    return "TipAboveMaxFee";
  case TxError::FeeBelowMinimum:
    return "FeeBelowMinimum";
  case TxError::AmountOverflow:
    return "AmountOverflow";
  case TxError::NonceTooLow:
    return "NonceTooLow";
  case TxError::NonceTooHigh:
    return "NonceTooHigh";
  case TxError::FeeBelowBase:
    return "FeeBelowBase";
  case TxError::CannotPayFee:
    return "CannotPayFee";
  case TxError::InsufficientBalance:
    return "InsufficientBalance";
  case TxError::NotValidatorOperator:
    return "NotValidatorOperator";
  case TxError::StakeBelowMinimum:
    return "StakeBelowMinimum";
  case TxError::ValidatorTableFull:
    return "ValidatorTableFull";
  case TxError::UnstakeExceedsBond:
    return "UnstakeExceedsBond";
  case TxError::TooManyUnbonding:
    return "TooManyUnbonding";
  }
  return "Unknown";
}

} // namespace weft::chain
