// Block execution (docs/protocol/transactions.md §Execution): the state transition of one block
// whose header and signatures block_verify has already checked. Releases matured unbonding,
// punishes evidence, runs the transactions in order, pays the proposer, updates the base fee and
// derives the validator set for height + 2. All writes stay in the StateView.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "chain/block_error.hpp"
#include "chain/receipt.hpp"
#include "chain/state_view.hpp"
#include "chain/tx_check.hpp"
#include "chain/tx_error.hpp"
#include "chain/tx_verify.hpp"
#include "chain/types.hpp"
#include "util/result.hpp"

namespace weft::chain {

// A punishable offence, from committed duplicate-vote evidence: the validator signed two
// different votes of one type for one (height, round).
struct Offence {
  PublicKey validator{};
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  std::uint8_t vote_type = 0;
};

struct BlockInput {
  std::uint64_t height = 0;
  std::uint64_t time = 0;
  Address proposer{};
  std::uint64_t base_fee_per_byte = 0;
  std::span<const CheckedTx> txs; // stateless checks (signatures included) already passed
  std::span<const Offence> offences;
};

struct ExecutionResult {
  std::vector<Receipt> receipts;
  std::uint64_t tx_bytes = 0; // what the base fee update counts
  Amount fees_burned = 0;
  Amount tips = 0;
  Amount minted = 0;
  Amount slashed = 0;
  std::uint64_t next_base_fee_per_byte = 0;
};

// Where a rejected block went wrong, for reports (the BlockError is the reason).
struct BlockDiagnostics {
  std::optional<std::uint32_t> tx_index;
  std::optional<TxError> tx_error;
  std::optional<std::uint32_t> evidence_index;
};

// Executes one transaction against the block's running state. Stateless- and admission-tier
// failures come back as errors (the block is invalid); execution-tier failures charge the fee,
// consume the nonce and come back as a receipt carrying the reason.
Result<Receipt, TxError> execute_tx(StateView& view, const CheckedTx& tx, const Params& params,
                                    const TxContext& ctx);

Result<ExecutionResult, BlockError> execute_block(StateView& view, const BlockInput& block,
                                                  BlockDiagnostics* diagnostics = nullptr);

// The part of execute_block before the first transaction (unbonding release, then evidence):
// the block builder runs it on its scratch state so selection sees what execution will.
// Returns the amount slashed.
Result<Amount, BlockError> begin_block(StateView& view, std::uint64_t height,
                                       std::span<const Offence> offences, const Params& params,
                                       BlockDiagnostics* diagnostics = nullptr);

// The account that receives the proposer's tips and reward: the operator of the validator whose
// address is `proposer` in the set for `height`, or the proposer address itself if it has none.
Address reward_recipient(StateView& view, const Address& proposer, std::uint64_t height,
                         const Params& params);

} // namespace weft::chain
