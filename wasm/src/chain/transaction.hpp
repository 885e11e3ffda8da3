// Transactions (docs/protocol.md, "Transaction"): transfer, stake, unstake. One struct for all
// three kinds; a field the kind does not use stays zero so equal transactions compare equal.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

enum class TxKind : std::uint8_t {
  Transfer = 1, // move `amount` from the sender's account to `to`
  Stake = 2,    // move `amount` from the sender's balance into `validator`'s bond
  Unstake = 3,  // move `amount` of `validator`'s bond into the unbonding queue
};

struct Transaction {
  TxKind kind = TxKind::Transfer;
  PublicKey sender{};
  std::uint64_t nonce = 0;
  std::uint64_t max_fee_per_byte = 0;
  std::uint64_t tip_per_byte = 0;
  Address to{};          // transfer only
  PublicKey validator{}; // stake and unstake only
  Amount amount = 0;
  Signature signature{};

  bool operator==(const Transaction&) const = default;
};

inline constexpr std::uint8_t kTxVersion = 1;
// Encoded sizes are fixed per kind: 58 bytes of common fields, the body, a 64-byte signature.
inline constexpr std::size_t kTransferEncodedSize = 150;
inline constexpr std::size_t kStakeEncodedSize = 162;
inline constexpr std::size_t kMinTxEncodedSize = kTransferEncodedSize;
inline constexpr std::size_t kMaxTxEncodedSize = kStakeEncodedSize;

Bytes encode(const Transaction& tx);
// The encoding without the signature: what sign_digest("tx", chain_id, ...) covers.
Bytes signing_body(const Transaction& tx);
Hash tx_sign_digest(std::string_view chain_id, const Transaction& tx);
Result<Transaction, encoding::DecodeError> decode_transaction(std::span<const std::uint8_t> in);
// SHA-256 of the transaction's full encoding (signature included).
Hash tx_id(std::span<const std::uint8_t> encoding);

} // namespace weft::chain
