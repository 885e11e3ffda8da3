// Context-free transaction checks (docs/protocol/transactions.md §Stateless checks): everything
// that needs only the bytes, the chain id and the parameters. Bitcoin Core's consensus/tx_check.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "chain/params.hpp"
#include "chain/transaction.hpp"
#include "chain/tx_error.hpp"
#include "chain/verified_signatures.hpp"
#include "util/result.hpp"

namespace weft::chain {

// A transaction that passed the stateless checks, with what later stages need.
struct CheckedTx {
  Transaction tx;
  std::uint64_t size = 0; // encoded length: the fee is charged per byte of it
  Hash id{};
  Hash digest{}; // sign_digest("tx", chain_id, body): what the signature covers
};

// Size, encoding and fee fields, but not the signature: a block verifies its transactions'
// signatures as one batch (verify_tx_signatures in tx_check_batch.hpp).
Result<CheckedTx, TxError> check_tx_fields(std::span<const std::uint8_t> encoding,
                                           std::string_view chain_id, const Params& params);

// All stateless checks, the signature included.
Result<CheckedTx, TxError> check_tx(std::span<const std::uint8_t> encoding,
                                    std::string_view chain_id, const Params& params);

// check_tx, except that a signature `verified` remembers is not verified again, and one verified
// here is remembered. `verified` may be null: then it is check_tx.
Result<CheckedTx, TxError> check_tx(std::span<const std::uint8_t> encoding,
                                    std::string_view chain_id, const Params& params,
                                    VerifiedSignatures* verified);

bool verify_tx_signature(const CheckedTx& checked);

} // namespace weft::chain
