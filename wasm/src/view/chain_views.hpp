// Views of the chain objects (docs/protocol/views.md; docs/protocol.md "Objects"): transactions,
// headers, blocks, receipts, genesis with its parameters, and account state. to_json writes a
// decoded object; *_from_json reads one back, failing `status` on a malformed view. Neither
// judges the object's rules: the canonical decoder does that on the encoded bytes.
#pragma once

#include "chain/account.hpp"
#include "chain/block.hpp"
#include "chain/genesis.hpp"
#include "chain/header.hpp"
#include "chain/params.hpp"
#include "chain/receipt.hpp"
#include "chain/transaction.hpp"
#include "view/fields.hpp"
#include "view/json.hpp"

namespace weft::view {

Json to_json(const chain::Transaction& tx);
Json to_json(const chain::Header& header);
Json to_json(const chain::Block& block);
Json to_json(const chain::Receipt& receipt);
Json to_json(const chain::Params& params);
Json to_json(const chain::Genesis& genesis);
Json to_json(const chain::AccountState& account);

chain::Transaction transaction_from_json(const Json& json, ReadStatus& status);
chain::Header header_from_json(const Json& json, ReadStatus& status);
chain::Block block_from_json(const Json& json, ReadStatus& status);
chain::Receipt receipt_from_json(const Json& json, ReadStatus& status);
chain::Params params_from_json(const Json& json, ReadStatus& status);
chain::Genesis genesis_from_json(const Json& json, ReadStatus& status);
chain::AccountState account_from_json(const Json& json, ReadStatus& status);

} // namespace weft::view
