// Transaction encoding and identity (docs/protocol.md, "Transaction").
#include "chain/transaction.hpp"

#include "crypto/sha256.hpp"
#include "encoding/reader.hpp"
#include "encoding/sign_digest.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {
namespace {

void write_unsigned(encoding::Writer& w, const Transaction& tx) {
  w.u8(kTxVersion);
  w.u8(static_cast<std::uint8_t>(tx.kind));
  w.fixed(tx.sender);
  w.u64(tx.nonce);
  w.u64(tx.max_fee_per_byte);
  w.u64(tx.tip_per_byte);
  if (tx.kind == TxKind::Transfer) {
    w.fixed(tx.to);
  } else {
    w.fixed(tx.validator);
  }
  w.u64(tx.amount);
}

} // namespace

Bytes encode(const Transaction& tx) {
  encoding::Writer w;
  write_unsigned(w, tx);
  w.fixed(tx.signature);
  return std::move(w).take();
}

Bytes signing_body(const Transaction& tx) {
  encoding::Writer w;
  write_unsigned(w, tx);
  return std::move(w).take();
}

Hash tx_sign_digest(std::string_view chain_id, const Transaction& tx) {
  return encoding::sign_digest(encoding::kSignKindTx, chain_id, signing_body(tx));
}

Result<Transaction, encoding::DecodeError> decode_transaction(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  Transaction tx;
  if (r.u8() != kTxVersion && r.ok()) r.fail(encoding::DecodeError::UnknownVersion);
  const std::uint8_t kind = r.u8();
  if (r.ok() && (kind < 1 || kind > 3)) r.fail(encoding::DecodeError::UnknownType);
  tx.kind = static_cast<TxKind>(kind);
  tx.sender = r.fixed<32>();
  tx.nonce = r.u64();
  tx.max_fee_per_byte = r.u64();
  tx.tip_per_byte = r.u64();
  if (tx.kind == TxKind::Transfer) {
    tx.to = r.fixed<20>();
  } else {
    tx.validator = r.fixed<32>();
  }
  tx.amount = r.u64();
  tx.signature = r.fixed<64>();
  if (!r.finish()) return err(r.error());
  return tx;
}

Hash tx_id(std::span<const std::uint8_t> encoding) {
  return crypto::sha256(encoding);
}

} // namespace weft::chain
