// Account state (docs/protocol.md, "Account state"): balance and next nonce, stored under
// SHA-256("weft/account/v1" || address). An account that was never touched reads as {0, 0}.
#pragma once

#include <cstdint>
#include <span>

#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct AccountState {
  Amount balance = 0;
  std::uint64_t nonce = 0; // the nonce the account's next transaction must carry

  bool operator==(const AccountState&) const = default;
};

Bytes encode(const AccountState& a);
Result<AccountState, encoding::DecodeError> decode_account(std::span<const std::uint8_t> in);

} // namespace weft::chain
