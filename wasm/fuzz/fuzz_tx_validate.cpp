// libFuzzer: stateless and stateful transaction checks and single-transaction execution against a
// small genesis state. Mode 0 feeds raw bytes; mode 1 builds a transaction from the input and
// signs it, so the stateful rules see valid signatures. Execution must never mint or destroy
// anything beyond the fee it reports.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "../tests/crypto/ed25519_signer.hpp"
#include "chain/address.hpp"
#include "chain/execute.hpp"
#include "chain/genesis_state.hpp"
#include "chain/tx_check.hpp"
#include "chain/tx_verify.hpp"
#include "encoding/reader.hpp"
#include "state/memory_node_store.hpp"

using namespace weft::chain;
namespace ed = weft::test::ed25519;

namespace {

constexpr char kChain[] = "weft-fuzz";

struct World {
  World() {
    for (std::uint8_t i = 0; i < 4; ++i) {
      std::array<std::uint8_t, 32> seed{};
      seed.fill(static_cast<std::uint8_t>(i + 1));
      keys[i] = ed::key_from_seed(seed);
    }
    Genesis g;
    g.chain_id = kChain;
    g.params.unbonding_blocks = 5;
    for (std::uint8_t i = 0; i < 3; ++i)
      g.accounts.push_back({address_of(keys[i].public_key), (i + 1) * 1'000'000'000'000ull});
    std::sort(g.accounts.begin(), g.accounts.end(),
              [](const auto& a, const auto& b) { return a.address < b.address; });
    g.validators.push_back({keys[3].public_key, 100 * kBaseUnitsPerWeft});
    auto update = genesis_state(smt, g);
    if (!update) std::abort();
    store.commit(update.value().nodes);
    root = update.value().root;
  }
  std::array<ed::KeyPair, 4> keys;
  weft::state::MemoryNodeStore store;
  weft::state::Smt smt{store};
  Hash root{};
};

World& world() {
  static World w; // fuzz harness setup, built once; the core itself keeps no globals
  return w;
}

Amount total(StateView& v, std::span<const ed::KeyPair> keys) {
  Amount sum = 0;
  for (const auto& k : keys) {
    sum += v.account(address_of(k.public_key)).balance;
    if (auto r = v.validator(k.public_key)) {
      sum += r->bonded;
      for (const auto& e : r->unbonding) sum += e.amount;
    }
  }
  return sum;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  World& w = world();
  StateView view(w.smt, w.root);
  const Params params = view.params();
  Bytes bytes(data + 1, data + size);
  if (data[0] & 1) {
    weft::encoding::Reader r(std::span<const std::uint8_t>(data + 1, size - 1));
    Transaction tx;
    tx.kind = static_cast<TxKind>(1 + r.u8() % 3);
    const auto& key = w.keys[r.u8() % 4];
    tx.sender = key.public_key;
    tx.nonce = r.u8() % 3;
    tx.max_fee_per_byte = r.u64();
    tx.tip_per_byte = r.u64();
    tx.to = address_of(w.keys[r.u8() % 4].public_key);
    tx.validator = w.keys[r.u8() % 4].public_key;
    if (tx.kind == TxKind::Transfer)
      tx.validator = {};
    else
      tx.to = {};
    tx.amount = r.u64();
    tx.signature = ed::sign(key, tx_sign_digest(kChain, tx));
    bytes = encode(tx);
  }
  auto checked = check_tx(bytes, kChain, params);
  if (!checked) return 0;
  const Amount before = total(view, w.keys);
  const TxContext ctx{1, view.chain_state().next_base_fee_per_byte};
  const auto verdict = verify_tx(checked.value(), view, params, ctx);
  auto receipt = execute_tx(view, checked.value(), params, ctx);
  if (verdict.ok() != (receipt.ok() && !receipt.value().error.has_value())) std::abort();
  if (!receipt) return 0;
  const Amount after = total(view, w.keys);
  if (before - after != receipt.value().fee_burned + receipt.value().tip) std::abort();
  if (!view.ok()) std::abort();
  return 0;
}
