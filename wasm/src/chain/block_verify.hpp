// Block validity (docs/protocol/transactions.md §Block validity): a block is valid against the
// previous header and the state it committed to when every header field is the one the rules
// fix, the last commit carries > 2/3 of the previous set, the evidence is valid, every
// transaction passes its stateless and admission checks, and executing it yields the header's
// state root. The outcome carries the receipts and the write batch for the host to commit.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "chain/block.hpp"
#include "chain/block_error.hpp"
#include "chain/execute.hpp"
#include "chain/header.hpp"
#include "chain/types.hpp"
#include "chain/verified_signatures.hpp"
#include "state/smt.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct BlockContext {
  std::string_view chain_id;
  // The previous block's header; nullptr only at height 1. Its state_root must be the root the
  // block is validated against.
  const Header* previous = nullptr;
  // The proposer that consensus' proposer selection (ValidatorSet::for_round) expects for the
  // round the block was proposed in. Without it (a block synced with its commit, where the
  // round's priorities are not at hand) the proposer need only be a member of the height's set.
  std::optional<Address> expected_proposer;
  // Signatures this core verified before (the node's pool admitted their transactions) are not
  // verified again, and those verified here are remembered. May be null.
  VerifiedSignatures* verified = nullptr;
};

struct BlockOutcome {
  Hash block_id{};
  ExecutionResult execution;
  std::vector<state::Write> writes; // the block's state writes, sorted by key
  state::Update update;             // the new root (== header.state_root) and its new nodes
};

// Validates and executes `bytes` on the state at `root`. Nothing is written to the store: the
// host persists outcome.update.nodes atomically with the block.
Result<BlockOutcome, BlockError> validate_block(std::span<const std::uint8_t> bytes,
                                                state::Smt& smt, const Hash& root,
                                                const BlockContext& ctx,
                                                BlockDiagnostics* diagnostics = nullptr);

Result<BlockOutcome, BlockError> validate_block(const Block& block, state::Smt& smt,
                                                const Hash& root, const BlockContext& ctx,
                                                BlockDiagnostics* diagnostics = nullptr);

// Every rule of validate_block except the final state-root comparison; the outcome's
// update.root is the root the header must carry. For the block builder, which learns the root
// only by executing.
Result<BlockOutcome, BlockError> execute_unsealed_block(const Block& block, state::Smt& smt,
                                                        const Hash& root, const BlockContext& ctx,
                                                        BlockDiagnostics* diagnostics = nullptr);

// The offences a block's evidence proves: each piece is checked against the validator set of its
// own height, which must be below `height` and within the unbonding window of it.
Result<std::vector<Offence>, BlockError>
evidence_offences(StateView& view, std::span<const consensus::DuplicateVoteEvidence> evidence,
                  std::uint64_t height, std::string_view chain_id, const Params& params,
                  BlockDiagnostics* diagnostics = nullptr);

// The stateless checks of every transaction of a block, signatures verified as one batch (but
// for those `verified` remembers; it may be null). Fails with the index of the first failing
// transaction.
Result<std::vector<CheckedTx>, BlockError>
check_block_txs(std::span<const Bytes> txs, std::string_view chain_id, const Params& params,
                BlockDiagnostics* diagnostics, VerifiedSignatures* verified = nullptr);

} // namespace weft::chain
