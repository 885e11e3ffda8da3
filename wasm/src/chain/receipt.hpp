// Per-transaction results of executing a block (docs/protocol/transactions.md §Receipts). Not
// committed in the header: a node reports them, and a light client re-derives them if it must.
#pragma once

#include <optional>
#include <span>

#include "chain/tx_error.hpp"
#include "chain/types.hpp"
#include "encoding/decode_error.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct Receipt {
  Hash tx_id{};
  std::optional<TxError> error; // nullopt: applied; otherwise an execution-tier reason
  Amount fee_burned = 0;
  Amount tip = 0;
  bool operator==(const Receipt&) const = default;
};

// tx_id Hash, result u8 (0 = ok, else the TxError value), fee_burned u64, tip u64.
Bytes encode(const Receipt& r);
Result<Receipt, encoding::DecodeError> decode_receipt(std::span<const std::uint8_t> in);

} // namespace weft::chain
