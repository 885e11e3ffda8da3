// Receipt encoding (docs/protocol/transactions.md §Receipts).
#include "chain/receipt.hpp"

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {

Bytes encode(const Receipt& r) {
  encoding::Writer w;
  w.fixed(r.tx_id);
  w.u8(r.error ? static_cast<std::uint8_t>(*r.error) : 0);
  w.u64(r.fee_burned);
  w.u64(r.tip);
  return std::move(w).take();
}

Result<Receipt, encoding::DecodeError> decode_receipt(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  Receipt out;
  out.tx_id = r.fixed<32>();
  const std::uint8_t result = r.u8();
  if (result != 0) {
    const auto e = static_cast<TxError>(result);
    // Only execution-tier reasons can appear: anything else never reaches a receipt.
    if (result > static_cast<std::uint8_t>(TxError::TooManyUnbonding) ||
        tier(e) != TxErrorTier::Execution)
      r.fail(encoding::DecodeError::UnknownType);
    out.error = e;
  }
  out.fee_burned = r.u64();
  out.tip = r.u64();
  if (!r.finish()) return err(r.error());
  return out;
}

} // namespace weft::chain
