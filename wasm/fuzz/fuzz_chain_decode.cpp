// libFuzzer: every chain decoder (docs/protocol.md "Objects"). The first byte picks the decoder;
// whatever a decoder accepts must re-encode to exactly the input (one encoding per object).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "chain/account.hpp"
#include "chain/block.hpp"
#include "chain/genesis.hpp"
#include "chain/header.hpp"
#include "chain/params.hpp"
#include "chain/receipt.hpp"
#include "chain/staking_records.hpp"
#include "chain/transaction.hpp"
#include "chain/validator_list.hpp"

using namespace weft::chain;

namespace {

template <typename R, typename Encode>
void round_trip(std::span<const std::uint8_t> in, const R& decoded, Encode encode_fn) {
  if (!decoded.ok()) return;
  const Bytes again = encode_fn(decoded.value());
  if (again.size() != in.size() || !std::equal(again.begin(), again.end(), in.begin()))
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> in(data + 1, size - 1);
  const auto same = [](const auto& v) { return encode(v); };
  Params small;
  small.max_block_bytes = 1 << 16;
  switch (data[0] % 11) {
  case 0:
    round_trip(in, decode_transaction(in), same);
    break;
  case 1:
    round_trip(in, decode_header(in), same);
    break;
  case 2:
    round_trip(in, decode_params(in), same);
    break;
  case 3:
    round_trip(in, decode_genesis(in), same);
    break;
  case 4:
    round_trip(in, decode_account(in), same);
    break;
  case 5:
    round_trip(in, decode_validator_record(in), same);
    break;
  case 6:
    round_trip(in, decode_key_list(in), [](const auto& v) { return encode_key_list(v); });
    break;
  case 7:
    round_trip(in, decode_chain_state(in), same);
    break;
  case 8:
    round_trip(in, decode_validator_list(in, 100),
               [](const auto& v) { return encode_validator_list(v); });
    break;
  case 9:
    round_trip(in, decode_receipt(in), same);
    break;
  case 10:
    round_trip(in, decode_block(in, small), same);
    break;
  }
  return 0;
}
