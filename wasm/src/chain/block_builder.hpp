// Building a block for the proposer (docs/protocol/transactions.md §Block building): takes
// mempool transactions in the order given, keeps each one that passes every check (stateless,
// admission and execution) against the state so far and fits the size cap, skips the rest, and
// fills in every header field so that the block validates.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "chain/block.hpp"
#include "chain/block_verify.hpp"
#include "chain/tx_error.hpp"
#include "state/smt.hpp"
#include "util/result.hpp"

namespace weft::chain {

struct BlockProposal {
  std::string_view chain_id;
  const Header* previous = nullptr; // nullptr at height 1
  std::uint64_t time = 0;           // must be later than the previous block's
  Address proposer{};
  consensus::Commit last_commit; // the commit for the previous block (empty at height 1)
  std::vector<consensus::DuplicateVoteEvidence> evidence;
  std::span<const Bytes> candidates; // mempool transactions, in the proposer's preferred order
  // Signatures this core already verified (the pool admitted the candidates); may be null.
  VerifiedSignatures* verified = nullptr;
};

struct BuiltBlock {
  Block block;
  BlockOutcome outcome;
  std::vector<std::pair<std::size_t, TxError>> skipped; // candidate index and why
};

Result<BuiltBlock, BlockError> build_block(state::Smt& smt, const Hash& root,
                                           const BlockProposal& proposal);

} // namespace weft::chain
