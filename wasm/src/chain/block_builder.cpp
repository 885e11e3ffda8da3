// Block building (docs/protocol/transactions.md §Block building).
#include "chain/block_builder.hpp"

#include "chain/address.hpp"
#include "chain/tx_check.hpp"
#include "chain/tx_merkle.hpp"
#include "chain/tx_verify.hpp"
#include "chain/validator_list.hpp"

namespace weft::chain {
namespace {

std::size_t varint_size(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

} // namespace

Result<BuiltBlock, BlockError> build_block(state::Smt& smt, const Hash& root,
                                           const BlockProposal& p) {
  StateView view(smt, root);
  const Params params = view.params();
  const ChainState chain = view.chain_state();
  if (!view.ok()) return err(BlockError::StateUnavailable);

  BuiltBlock out;
  Header& h = out.block.header;
  h.chain_id = std::string(p.chain_id);
  h.height = chain.height + 1;
  h.time = p.time;
  h.previous_block = p.previous != nullptr ? block_id(*p.previous) : Hash{};
  h.last_commit_hash = h.height == 1 ? Hash{} : consensus::commit_hash(p.last_commit);
  h.validators_hash = validators_hash(view.validator_set(h.height, params));
  h.next_validators_hash = validators_hash(view.validator_set(h.height + 1, params));
  h.proposer = p.proposer;
  h.base_fee_per_byte = chain.next_base_fee_per_byte;
  h.evidence_hash = evidence_hash(p.evidence);
  out.block.evidence = p.evidence;
  out.block.last_commit = p.last_commit;

  // Selection runs the real execution rules on a scratch view, one transaction at a time,
  // after the same unbonding release and slashing execution begins with; a transaction that
  // would fail any rule is skipped, so the block never carries a failed receipt of its own
  // making. The size budget leaves room for the count varint to grow.
  std::size_t size = encode(out.block).size() + 8;
  StateView scratch(smt, root);
  auto offences = evidence_offences(scratch, p.evidence, h.height, p.chain_id, params);
  if (!offences) return err(offences.error());
  if (auto begun = begin_block(scratch, h.height, offences.value(), params); !begun)
    return err(begun.error());
  const TxContext ctx{h.height, h.base_fee_per_byte};
  for (std::size_t i = 0; i < p.candidates.size(); ++i) {
    const Bytes& bytes = p.candidates[i];
    const std::size_t cost = varint_size(bytes.size()) + bytes.size();
    if (size + cost > params.max_block_bytes) continue;
    auto checked = check_tx(bytes, p.chain_id, params, p.verified);
    if (!checked) {
      out.skipped.emplace_back(i, checked.error());
      continue;
    }
    if (auto verdict = verify_tx(checked.value(), scratch, params, ctx); !verdict) {
      out.skipped.emplace_back(i, verdict.error());
      continue;
    }
    if (!execute_tx(scratch, checked.value(), params, ctx)) continue; // verified just above
    size += cost;
    out.block.txs.push_back(bytes);
  }
  if (!scratch.ok()) return err(BlockError::StateUnavailable);

  std::vector<Hash> ids;
  ids.reserve(out.block.txs.size());
  for (const auto& tx : out.block.txs) ids.push_back(tx_id(tx));
  h.tx_root = tx_root(ids);
  auto executed = execute_unsealed_block(out.block, smt, root,
                                         BlockContext{p.chain_id, p.previous, {}, p.verified});
  if (!executed) return err(executed.error());
  out.outcome = std::move(executed).value();
  h.state_root = out.outcome.update.root;
  out.outcome.block_id = block_id(h);
  return out;
}

} // namespace weft::chain
