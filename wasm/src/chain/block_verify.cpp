// Block validity (docs/protocol/transactions.md §Block validity).
#include "chain/block_verify.hpp"

#include <algorithm>

#include "chain/address.hpp"
#include "chain/tx_check.hpp"
#include "chain/tx_merkle.hpp"
#include "chain/validator_list.hpp"
#include "consensus/validator_set.hpp"
#include "crypto/ed25519/batch.hpp"
#include "crypto/sha256.hpp"

namespace weft::chain {
namespace {

BlockError view_error(const StateView& view) {
  return view.failure() == ViewFailure::Unavailable ? BlockError::StateUnavailable
                                                    : BlockError::StateCorrupt;
}

void note_tx(BlockDiagnostics* d, std::size_t i, TxError e) {
  if (d == nullptr) return;
  d->tx_index = static_cast<std::uint32_t>(i);
  d->tx_error = e;
}

std::optional<consensus::ValidatorSet> to_consensus_set(const ValidatorList& list,
                                                        const Params& params) {
  auto set = consensus::ValidatorSet::create(list, params.max_validators);
  if (!set) return std::nullopt;
  return std::move(set).value();
}

} // namespace

Result<std::vector<CheckedTx>, BlockError>
check_block_txs(std::span<const Bytes> txs, std::string_view chain_id, const Params& params,
                BlockDiagnostics* diagnostics, VerifiedSignatures* verified) {
  std::vector<CheckedTx> checked;
  checked.reserve(txs.size());
  for (std::size_t i = 0; i < txs.size(); ++i) {
    auto c = check_tx_fields(txs[i], chain_id, params);
    if (!c) {
      note_tx(diagnostics, i, c.error());
      return err(BlockError::InvalidTransaction);
    }
    checked.push_back(std::move(c).value());
  }
  if (checked.empty()) return checked;

  // One batch for all signatures not verified before. The coefficients come from the seed and
  // every item in the batch (batch.hpp), so a fixed seed is sound: no item can be chosen after
  // the coefficients.
  std::vector<crypto::ed25519::BatchItem> items;
  std::vector<std::size_t> positions;
  items.reserve(checked.size());
  positions.reserve(checked.size());
  for (std::size_t i = 0; i < checked.size(); ++i) {
    const auto& c = checked[i];
    if (verified != nullptr && verified->contains(chain_id, c.id)) continue;
    items.push_back({c.tx.sender, c.digest, c.tx.signature});
    positions.push_back(i);
  }
  std::vector<std::uint8_t> results(items.size());
  const std::array<std::uint8_t, 32> seed{};
  if (!crypto::ed25519::verify_batch(items, seed, results)) {
    const auto bad = static_cast<std::size_t>(
        std::find(results.begin(), results.end(), std::uint8_t{0}) - results.begin());
    note_tx(diagnostics, positions[bad], TxError::BadSignature);
    return err(BlockError::InvalidTransaction);
  }
  if (verified != nullptr)
    for (const auto i : positions) verified->insert(chain_id, checked[i].id);
  return checked;
}

Result<BlockOutcome, BlockError> validate_block(std::span<const std::uint8_t> bytes,
                                                state::Smt& smt, const Hash& root,
                                                const BlockContext& ctx,
                                                BlockDiagnostics* diagnostics) {
  StateView view(smt, root);
  const Params params = view.params();
  if (!view.ok()) return err(view_error(view));
  if (bytes.size() > params.max_block_bytes) return err(BlockError::TooLarge);
  auto block = decode_block(bytes, params);
  if (!block) return err(BlockError::Malformed);
  return validate_block(block.value(), smt, root, ctx, diagnostics);
}

Result<std::vector<Offence>, BlockError>
evidence_offences(StateView& view, std::span<const consensus::DuplicateVoteEvidence> evidence,
                  std::uint64_t height, std::string_view chain_id, const Params& params,
                  BlockDiagnostics* diagnostics) {
  std::vector<Offence> offences;
  offences.reserve(evidence.size());
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const auto& e = evidence[i];
    const std::uint64_t eh = e.vote_a.height;
    auto invalid = [&] {
      if (diagnostics) diagnostics->evidence_index = static_cast<std::uint32_t>(i);
      return err(BlockError::InvalidEvidence);
    };
    if (eh >= height || height - eh > params.unbonding_blocks) return invalid();
    const auto set = to_consensus_set(view.validator_set(eh, params), params);
    if (!view.ok()) return err(view_error(view));
    if (!set || !consensus::verify_evidence(chain_id, *set, e)) return invalid();
    offences.push_back(Offence{(*set)[e.vote_a.validator_index].public_key, eh, e.vote_a.round,
                               static_cast<std::uint8_t>(e.vote_a.type)});
  }
  return offences;
}

namespace {

Result<BlockOutcome, BlockError> run_block(const Block& block, state::Smt& smt, const Hash& root,
                                           const BlockContext& ctx, BlockDiagnostics* diagnostics,
                                           bool sealed) {
  StateView view(smt, root);
  const Params params = view.params();
  const ChainState chain = view.chain_state();
  if (!view.ok()) return err(view_error(view));
  const Header& h = block.header;

  // --- where the block sits ---
  if (encode(block).size() > params.max_block_bytes) return err(BlockError::TooLarge);
  if (h.chain_id != ctx.chain_id) return err(BlockError::WrongChain);
  if (h.height != chain.height + 1) return err(BlockError::WrongHeight);
  if (ctx.previous != nullptr &&
      (ctx.previous->height != chain.height || ctx.previous->state_root != root))
    return err(BlockError::StateMismatch);
  if (h.time <= chain.time) return err(BlockError::TimeNotIncreasing);
  const Hash previous_id = ctx.previous != nullptr ? block_id(*ctx.previous) : Hash{};
  if (h.previous_block != previous_id || (h.height > 1 && ctx.previous == nullptr))
    return err(BlockError::WrongPreviousBlock);

  // --- the commit for the previous block, by the previous height's set ---
  if (h.height == 1) {
    if (h.last_commit_hash != Hash{}) return err(BlockError::WrongLastCommitHash);
    if (block.last_commit != consensus::Commit{}) return err(BlockError::BadLastCommit);
  } else {
    if (h.last_commit_hash != consensus::commit_hash(block.last_commit))
      return err(BlockError::WrongLastCommitHash);
    const auto signers = to_consensus_set(view.validator_set(h.height - 1, params), params);
    if (!view.ok()) return err(view_error(view));
    if (!signers || !consensus::verify_commit(ctx.chain_id, *signers, block.last_commit,
                                              h.height - 1, previous_id))
      return err(BlockError::BadLastCommit);
  }

  // --- validator sets, proposer, base fee ---
  const ValidatorList current = view.validator_set(h.height, params);
  const ValidatorList next = view.validator_set(h.height + 1, params);
  if (!view.ok()) return err(view_error(view));
  if (h.validators_hash != validators_hash(current)) return err(BlockError::WrongValidatorsHash);
  if (h.next_validators_hash != validators_hash(next))
    return err(BlockError::WrongNextValidatorsHash);
  const bool member = std::any_of(current.begin(), current.end(), [&](const ValidatorPower& v) {
    return address_of(v.public_key) == h.proposer;
  });
  if (!member || (ctx.expected_proposer && *ctx.expected_proposer != h.proposer))
    return err(BlockError::WrongProposer);
  if (h.base_fee_per_byte != chain.next_base_fee_per_byte) return err(BlockError::WrongBaseFee);

  // --- evidence: each against the set of its own height, within the unbonding window ---
  if (h.evidence_hash != evidence_hash(block.evidence)) return err(BlockError::WrongEvidenceHash);
  auto offences =
      evidence_offences(view, block.evidence, h.height, ctx.chain_id, params, diagnostics);
  if (!offences) return err(offences.error());

  // --- transactions: root over the bytes, then stateless checks with batched signatures ---
  std::vector<Hash> ids;
  ids.reserve(block.txs.size());
  for (const auto& tx : block.txs) ids.push_back(tx_id(tx));
  if (h.tx_root != tx_root(ids)) return err(BlockError::WrongTxRoot);
  auto checked = check_block_txs(block.txs, ctx.chain_id, params, diagnostics, ctx.verified);
  if (!checked) return err(checked.error());

  // --- execution and the resulting root ---
  BlockInput in;
  in.height = h.height;
  in.time = h.time;
  in.proposer = h.proposer;
  in.base_fee_per_byte = h.base_fee_per_byte;
  in.txs = checked.value();
  in.offences = offences.value();
  auto executed = execute_block(view, in, diagnostics);
  if (!executed) return err(executed.error());
  BlockOutcome out;
  out.block_id = block_id(h);
  out.execution = std::move(executed).value();
  out.writes = view.writes();
  auto update = smt.apply(root, out.writes);
  if (!update) {
    return err(update.error() == state::StateError::MissingNode ? BlockError::StateUnavailable
                                                                : BlockError::StateCorrupt);
  }
  out.update = std::move(update).value();
  if (sealed && out.update.root != h.state_root) return err(BlockError::WrongStateRoot);
  return out;
}

} // namespace

Result<BlockOutcome, BlockError> validate_block(const Block& block, state::Smt& smt,
                                                const Hash& root, const BlockContext& ctx,
                                                BlockDiagnostics* diagnostics) {
  return run_block(block, smt, root, ctx, diagnostics, true);
}

Result<BlockOutcome, BlockError> execute_unsealed_block(const Block& block, state::Smt& smt,
                                                        const Hash& root, const BlockContext& ctx,
                                                        BlockDiagnostics* diagnostics) {
  return run_block(block, smt, root, ctx, diagnostics, false);
}

} // namespace weft::chain
