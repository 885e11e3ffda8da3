// Encodings of the staking and chain records (docs/protocol/transactions.md §State layout).
#include "chain/staking_records.hpp"

#include "encoding/reader.hpp"
#include "encoding/writer.hpp"

namespace weft::chain {

using encoding::DecodeError;

Bytes encode(const ValidatorRecord& v) {
  encoding::Writer w;
  w.fixed(v.operator_address);
  w.u64(v.bonded);
  w.u64(v.jailed_until);
  w.varint(v.unbonding.size());
  for (const auto& e : v.unbonding) {
    w.u64(e.release_height);
    w.u64(e.amount);
  }
  return std::move(w).take();
}

Result<ValidatorRecord, DecodeError> decode_validator_record(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  ValidatorRecord v;
  v.operator_address = r.fixed<20>();
  v.bonded = r.u64();
  v.jailed_until = r.u64();
  const auto n = r.varint(kMaxUnbondingEntries);
  for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
    UnbondingEntry e{r.u64(), r.u64()};
    if (r.ok() && e.amount == 0) r.fail(DecodeError::ValueOutOfRange);
    if (r.ok() && !v.unbonding.empty() && v.unbonding.back().release_height >= e.release_height)
      r.fail(DecodeError::NotSorted);
    v.unbonding.push_back(e);
  }
  if (!r.finish()) return err(r.error());
  return v;
}

Bytes encode_key_list(std::span<const PublicKey> keys) {
  encoding::Writer w;
  w.varint(keys.size());
  for (const auto& k : keys) w.fixed(k);
  return std::move(w).take();
}

Result<std::vector<PublicKey>, DecodeError> decode_key_list(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  std::vector<PublicKey> keys;
  const auto n = r.varint(r.remaining() / 32);
  keys.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
    const auto k = r.fixed<32>();
    if (r.ok() && !keys.empty() && !(keys.back() < k)) r.fail(DecodeError::NotSorted);
    keys.push_back(k);
  }
  if (!r.finish()) return err(r.error());
  return keys;
}

Bytes encode(const ChainState& c) {
  encoding::Writer w;
  w.u64(c.height);
  w.u64(c.time);
  w.u64(c.next_base_fee_per_byte);
  w.u64(c.supply);
  return std::move(w).take();
}

Result<ChainState, DecodeError> decode_chain_state(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  ChainState c;
  c.height = r.u64();
  c.time = r.u64();
  c.next_base_fee_per_byte = r.u64();
  c.supply = r.u64();
  if (!r.finish()) return err(r.error());
  return c;
}

} // namespace weft::chain
