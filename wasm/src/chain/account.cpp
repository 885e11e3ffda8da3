// Account state encoding (docs/protocol.md, "Account state").
#include "chain/account.hpp"

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {

Bytes encode(const AccountState& a) {
  encoding::Writer w;
  w.u64(a.balance);
  w.u64(a.nonce);
  return std::move(w).take();
}

Result<AccountState, encoding::DecodeError> decode_account(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  AccountState a;
  a.balance = r.u64();
  a.nonce = r.u64();
  if (!r.finish()) return err(r.error());
  return a;
}

} // namespace weft::chain
