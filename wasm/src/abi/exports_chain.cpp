// Chain objects across the boundary (docs/protocol.md, "Transaction"): TypeScript builds and
// reads transactions through the core, which owns the only encoder and decoder.
//
// Transaction fields cross as one fixed layout, integers big-endian (wasm/ts/src/chain.ts):
//   kind u8 | sender [32] | nonce u64 | max_fee_per_byte u64 | tip_per_byte u64 | to [20] |
//   validator [32] | amount u64 | signature [64]           (181 bytes)
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "abi/abi.hpp"
#include "abi/session.hpp"
#include "chain/address.hpp"
#include "chain/params.hpp"
#include "chain/transaction.hpp"
#include "chain/tx_check.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

using weft::abi::error_status;
using weft::abi::ErrorDomain;
using weft::abi::Session;
namespace ch = weft::chain;

namespace {

constexpr std::uint32_t kFieldsSize = 1 + 32 + 8 + 8 + 8 + 20 + 32 + 8 + 64;

void write_fields(weft::encoding::Writer& w, const ch::Transaction& tx) {
  w.u8(static_cast<std::uint8_t>(tx.kind));
  w.fixed(tx.sender);
  w.u64(tx.nonce);
  w.u64(tx.max_fee_per_byte);
  w.u64(tx.tip_per_byte);
  w.fixed(tx.to);
  w.fixed(tx.validator);
  w.u64(tx.amount);
  w.fixed(tx.signature);
}

// The fields as a Transaction, or UnknownType for a kind that names no transaction.
weft::Result<ch::Transaction, weft::encoding::DecodeError> read_fields(const std::uint8_t* p) {
  weft::encoding::Reader r({p, kFieldsSize});
  ch::Transaction tx;
  const std::uint8_t kind = r.u8();
  if (kind < static_cast<std::uint8_t>(ch::TxKind::Transfer) ||
      kind > static_cast<std::uint8_t>(ch::TxKind::Unstake)) {
    return weft::err(weft::encoding::DecodeError::UnknownType);
  }
  tx.kind = static_cast<ch::TxKind>(kind);
  tx.sender = r.fixed<32>();
  tx.nonce = r.u64();
  tx.max_fee_per_byte = r.u64();
  tx.tip_per_byte = r.u64();
  tx.to = r.fixed<20>();
  tx.validator = r.fixed<32>();
  tx.amount = r.u64();
  tx.signature = r.fixed<64>();
  if (!r.finish()) return weft::err(r.error());
  return tx;
}

} // namespace

WEFT_EXPORT(weft_tx_fields_size) std::uint32_t weft_tx_fields_size() {
  return kFieldsSize;
}

// Output: the transaction's fields followed by its id [32].
WEFT_EXPORT(weft_tx_decode)
std::int32_t weft_tx_decode(Session* s, const std::uint8_t* bytes, std::uint32_t len) {
  const std::span<const std::uint8_t> encoding(bytes, len);
  const auto tx = ch::decode_transaction(encoding);
  if (!tx) return error_status(ErrorDomain::Decode, tx.error());
  weft::encoding::Writer w;
  write_fields(w, tx.value());
  w.fixed(ch::tx_id(encoding));
  s->out = std::move(w).take();
  return 0;
}

// Output: the canonical encoding of the transaction the fields describe.
WEFT_EXPORT(weft_tx_encode) std::int32_t weft_tx_encode(Session* s, const std::uint8_t* fields) {
  const auto tx = read_fields(fields);
  if (!tx) return error_status(ErrorDomain::Decode, tx.error());
  s->out = ch::encode(tx.value());
  return 0;
}

// Output: the 32-byte digest the sender signs, sign_digest("tx", chain_id, body).
WEFT_EXPORT(weft_tx_sign_digest)
std::int32_t weft_tx_sign_digest(Session* s, const std::uint8_t* chain_id, std::uint32_t chain_len,
                                 const std::uint8_t* fields) {
  const auto tx = read_fields(fields);
  if (!tx) return error_status(ErrorDomain::Decode, tx.error());
  const auto digest = ch::tx_sign_digest(
      std::string_view(reinterpret_cast<const char*>(chain_id), chain_len), tx.value());
  s->out.assign(digest.begin(), digest.end());
  return 0;
}

// Every stateless check (size, encoding, signature, fee fields) under the default parameters.
// Output on success: the transaction's id [32]; otherwise a negative TxError status.
WEFT_EXPORT(weft_tx_check)
std::int32_t weft_tx_check(Session* s, const std::uint8_t* bytes, std::uint32_t len,
                           const std::uint8_t* chain_id, std::uint32_t chain_len) {
  const auto checked = ch::check_tx(
      {bytes, len}, std::string_view(reinterpret_cast<const char*>(chain_id), chain_len),
      ch::Params{});
  if (!checked) return error_status(ErrorDomain::Tx, checked.error());
  s->out.assign(checked.value().id.begin(), checked.value().id.end());
  return 0;
}

// The 20-byte account address of an Ed25519 public key [32] (docs/protocol.md, "Identities").
WEFT_EXPORT(weft_address_of)
void weft_address_of(const std::uint8_t* public_key, std::uint8_t* out) {
  ch::PublicKey key;
  std::copy_n(public_key, key.size(), key.begin());
  const auto address = ch::address_of(key);
  std::copy(address.begin(), address.end(), out);
}
