// Params encoding and range rules (docs/protocol.md, "Genesis"; transactions.md §Params).
#include "chain/params.hpp"

#include "chain/transaction.hpp"

namespace weft::chain {

bool valid_params(const Params& p) {
  // A block must hold at least one transaction of the largest kind, and a transaction of the
  // largest kind must fit the per-transaction cap, or the chain could never move.
  if (p.max_block_bytes < kMinBlockBytes || p.max_block_bytes > kMaxBlockBytes) return false;
  if (p.max_tx_bytes < kMaxTxEncodedSize || p.max_tx_bytes > p.max_block_bytes / 2) return false;
  if (p.max_validators == 0 || p.max_validators > kMaxValidatorsLimit) return false;
  if (p.unbonding_blocks == 0) return false;
  // A zero base fee could never rise again under the update rule; the floor keeps spam priced.
  if (p.min_base_fee_per_byte == 0) return false;
  if (p.initial_base_fee_per_byte < p.min_base_fee_per_byte) return false;
  if (p.timeout_propose_ms == 0 || p.timeout_prevote_ms == 0 || p.timeout_precommit_ms == 0 ||
      p.timeout_commit_ms == 0)
    return false;
  if (p.trusting_period_ms == 0) return false;
  if (p.slash_fraction_bps > kBasisPoints) return false;
  return true;
}

void write_params(encoding::Writer& w, const Params& p) {
  w.u32(p.max_block_bytes);
  w.u32(p.max_tx_bytes);
  w.u16(p.max_validators);
  w.u64(p.unbonding_blocks);
  w.u64(p.block_reward);
  w.u64(p.initial_base_fee_per_byte);
  w.u64(p.min_base_fee_per_byte);
  w.u32(p.timeout_propose_ms);
  w.u32(p.timeout_propose_delta_ms);
  w.u32(p.timeout_prevote_ms);
  w.u32(p.timeout_prevote_delta_ms);
  w.u32(p.timeout_precommit_ms);
  w.u32(p.timeout_precommit_delta_ms);
  w.u32(p.timeout_commit_ms);
  w.u64(p.trusting_period_ms);
  w.u16(p.slash_fraction_bps);
  w.u64(p.jail_blocks);
}

Params read_params(encoding::Reader& r) {
  Params p;
  p.max_block_bytes = r.u32();
  p.max_tx_bytes = r.u32();
  p.max_validators = r.u16();
  p.unbonding_blocks = r.u64();
  p.block_reward = r.u64();
  p.initial_base_fee_per_byte = r.u64();
  p.min_base_fee_per_byte = r.u64();
  p.timeout_propose_ms = r.u32();
  p.timeout_propose_delta_ms = r.u32();
  p.timeout_prevote_ms = r.u32();
  p.timeout_prevote_delta_ms = r.u32();
  p.timeout_precommit_ms = r.u32();
  p.timeout_precommit_delta_ms = r.u32();
  p.timeout_commit_ms = r.u32();
  p.trusting_period_ms = r.u64();
  p.slash_fraction_bps = r.u16();
  p.jail_blocks = r.u64();
  if (r.ok() && !valid_params(p)) r.fail(encoding::DecodeError::ValueOutOfRange);
  return p;
}

Bytes encode(const Params& p) {
  encoding::Writer w;
  write_params(w, p);
  return std::move(w).take();
}

Result<Params, encoding::DecodeError> decode_params(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  Params p = read_params(r);
  if (!r.finish()) return err(r.error());
  return p;
}

} // namespace weft::chain
