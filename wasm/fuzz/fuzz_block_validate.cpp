// libFuzzer: block validation on arbitrary bytes and on mutations of a valid block. Whatever the
// input, validate_block returns a value (never crashes); an accepted block must re-encode to its
// input and its root must be reproducible.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "../tests/crypto/ed25519_signer.hpp"
#include "chain/address.hpp"
#include "chain/block_builder.hpp"
#include "chain/block_verify.hpp"
#include "chain/genesis_state.hpp"
#include "state/memory_node_store.hpp"

using namespace weft::chain;
namespace ed = weft::test::ed25519;

namespace {

constexpr char kChain[] = "weft-fuzz";

struct World {
  World() {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(7);
    key = ed::key_from_seed(seed);
    Genesis g;
    g.chain_id = kChain;
    g.params.max_block_bytes = 1 << 16;
    g.accounts.push_back({address_of(key.public_key), 1'000'000 * kBaseUnitsPerWeft});
    g.validators.push_back({key.public_key, 100 * kBaseUnitsPerWeft});
    auto update = genesis_state(smt, g);
    if (!update) std::abort();
    store.commit(update.value().nodes);
    root = update.value().root;

    Transaction tx;
    tx.sender = key.public_key;
    tx.max_fee_per_byte = 5000;
    tx.tip_per_byte = 1;
    tx.to.fill(9);
    tx.amount = 1000;
    tx.signature = ed::sign(key, tx_sign_digest(kChain, tx));
    const std::vector<Bytes> txs = {encode(tx)};
    BlockProposal p;
    p.chain_id = kChain;
    p.time = g.genesis_time + 1000;
    p.proposer = address_of(key.public_key);
    p.candidates = txs;
    auto built = build_block(smt, root, p);
    if (!built) std::abort();
    valid = encode(built.value().block);
  }
  ed::KeyPair key;
  weft::state::MemoryNodeStore store;
  weft::state::Smt smt{store};
  Hash root{};
  Bytes valid;
};

World& world() {
  static World w; // fuzz harness setup, built once; the core itself keeps no globals
  return w;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  Bytes block(data, data + size);
  if (size >= 3 && data[0] == 0xff) {
    // Mutation mode: XOR bytes of the valid block at input-chosen offsets.
    block = w.valid;
    for (std::size_t i = 1; i + 1 < size; i += 2) block[data[i] * 7u % block.size()] ^= data[i + 1];
  }
  const BlockContext ctx{kChain, nullptr, std::nullopt};
  auto out = validate_block(block, w.smt, w.root, ctx);
  if (out.ok()) {
    auto again = validate_block(block, w.smt, w.root, ctx);
    if (!again.ok() || again.value().update.root != out.value().update.root) std::abort();
  }
  return 0;
}
