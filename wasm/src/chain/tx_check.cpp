// Context-free transaction checks (docs/protocol/transactions.md §Stateless checks).
#include "chain/tx_check.hpp"

#include "chain/amount.hpp"
#include "crypto/ed25519/verify.hpp"

namespace weft::chain {

Result<CheckedTx, TxError> check_tx_fields(std::span<const std::uint8_t> encoding,
                                           std::string_view chain_id, const Params& params) {
  // Size first: the cap bounds the work every later check does.
  if (encoding.size() > params.max_tx_bytes) return err(TxError::TooLarge);
  auto decoded = decode_transaction(encoding);
  if (!decoded) return err(TxError::Malformed);
  CheckedTx c{std::move(decoded).value(), encoding.size(), tx_id(encoding), {}};
  const Transaction& tx = c.tx;
  if (tx.amount == 0) return err(TxError::ZeroAmount);
  if (tx.tip_per_byte > tx.max_fee_per_byte) return err(TxError::TipAboveMaxFee);
  if (tx.max_fee_per_byte < params.min_base_fee_per_byte) return err(TxError::FeeBelowMinimum);
  // The most the sender can ever be charged must be representable, so that every later
  // balance comparison is exact.
  const auto max_fee = checked_mul(tx.max_fee_per_byte, c.size);
  if (!max_fee || !checked_add(*max_fee, tx.amount)) return err(TxError::AmountOverflow);
  c.digest = tx_sign_digest(chain_id, tx);
  return c;
}

bool verify_tx_signature(const CheckedTx& c) {
  return crypto::ed25519::verify(c.tx.sender, c.digest, c.tx.signature);
}

Result<CheckedTx, TxError> check_tx(std::span<const std::uint8_t> encoding,
                                    std::string_view chain_id, const Params& params) {
  auto c = check_tx_fields(encoding, chain_id, params);
  if (c && !verify_tx_signature(c.value())) return err(TxError::BadSignature);
  return c;
}

Result<CheckedTx, TxError> check_tx(std::span<const std::uint8_t> encoding,
                                    std::string_view chain_id, const Params& params,
                                    VerifiedSignatures* verified) {
  auto c = check_tx_fields(encoding, chain_id, params);
  if (!c) return c;
  if (verified != nullptr && verified->contains(chain_id, c.value().id)) return c;
  if (!verify_tx_signature(c.value())) return err(TxError::BadSignature);
  if (verified != nullptr) verified->insert(chain_id, c.value().id);
  return c;
}

} // namespace weft::chain
