// Benchmarks of the consensus core that run unchanged as a native executable and as a WASI
// command module, so `npm run bench` can print each WASM figure beside native code measured in
// the same run. Prints one JSON object per line: {"name", "unit", "value"}.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../tests/crypto/ed25519_signer.hpp"
#include "chain/address.hpp"
#include "chain/block.hpp"
#include "chain/block_builder.hpp"
#include "chain/block_verify.hpp"
#include "chain/genesis.hpp"
#include "chain/genesis_state.hpp"
#include "chain/transaction.hpp"
#include "crypto/sha256.hpp"
#include "state/memory_node_store.hpp"
#include "state/smt.hpp"
#include "state/smt_proof.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace st = weft::state;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* name, const char* unit, double value) {
  std::printf("{\"name\":\"%s\",\"unit\":\"%s\",\"value\":%.1f}\n", name, unit, value);
}

st::Key key_for(std::uint64_t i) {
  std::uint8_t seed[8];
  for (int b = 0; b < 8; ++b) seed[b] = static_cast<std::uint8_t>(i >> (8 * b));
  return weft::crypto::sha256(seed);
}

st::Bytes value_for(std::uint64_t i) {
  // An account-sized record: balance and nonce.
  st::Bytes v(16);
  for (std::size_t b = 0; b < v.size(); ++b) v[b] = static_cast<std::uint8_t>(i * 31 + b);
  return v;
}

// State: a 10 000-key tree, then 200 blocks of 50 writes each (the state writes of a block of
// transfers), then proof verification of every key, all through the in-memory store.
void bench_state() {
  constexpr std::uint64_t kKeys = 10'000;
  st::MemoryNodeStore store;
  st::Smt tree(store);
  st::Hash root{};

  std::vector<st::Write> batch;
  for (std::uint64_t i = 0; i < kKeys; ++i) batch.push_back({key_for(i), value_for(i)});
  auto start = Clock::now();
  auto built = tree.apply(root, batch);
  if (!built) return;
  store.commit(built.value().nodes);
  root = built.value().root;
  report("smt_insert", "inserts/s", static_cast<double>(kKeys) / seconds_since(start));

  constexpr std::uint64_t kBlocks = 200, kWritesPerBlock = 50;
  start = Clock::now();
  for (std::uint64_t b = 0; b < kBlocks; ++b) {
    batch.clear();
    for (std::uint64_t w = 0; w < kWritesPerBlock; ++w) {
      const std::uint64_t i = (b * 7919 + w * 104729) % kKeys;
      batch.push_back({key_for(i), value_for(i + b + 1)});
    }
    auto update = tree.apply(root, batch);
    if (!update) return;
    store.commit(update.value().nodes);
    root = update.value().root;
  }
  report("smt_update", "updates/s",
         static_cast<double>(kBlocks * kWritesPerBlock) / seconds_since(start));

  std::vector<st::Bytes> proofs;
  std::vector<st::Bytes> values;
  for (std::uint64_t i = 0; i < kKeys; ++i) {
    auto proof = tree.prove(root, key_for(i));
    auto value = tree.get(root, key_for(i));
    if (!proof || !value || !value.value()) return;
    proofs.push_back(st::encode_proof(proof.value()));
    values.push_back(*value.value());
  }
  start = Clock::now();
  std::uint64_t valid = 0;
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    auto proof = st::decode_proof(proofs[i]);
    if (proof && st::verify_proof(root, key_for(i), std::span<const std::uint8_t>(values[i]),
                                  proof.value())) {
      ++valid;
    }
  }
  const double elapsed = seconds_since(start);
  if (valid != kKeys) std::printf("{\"error\":\"a proof failed to verify\"}\n");
  report("smt_proof_verify", "verifications/s", static_cast<double>(kKeys) / elapsed);
}

// A block of signed transfers from distinct accounts (signed before timing, with the test-only
// signer), validated and executed the way a node accepts a block: decode, stateless checks with
// batch signature verification, execution against the state tree, and the state-root check.
void bench_block() {
  namespace ch = weft::chain;
  constexpr std::size_t kSenders = 2000;
  const std::string chain_id = "weft-bench";

  std::vector<weft::test::ed25519::KeyPair> keys;
  ch::Genesis genesis;
  genesis.chain_id = chain_id;
  genesis.genesis_time = 1'700'000'000'000;
  for (std::size_t i = 0; i < kSenders + 1; ++i) {
    std::array<std::uint8_t, 32> seed{};
    for (int b = 0; b < 8; ++b)
      seed[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(i >> (8 * b));
    seed[31] = 0x5a;
    keys.push_back(weft::test::ed25519::key_from_seed(seed));
    genesis.accounts.push_back(
        {ch::address_of(keys.back().public_key), 1000 * ch::kBaseUnitsPerWeft});
  }
  std::sort(genesis.accounts.begin(), genesis.accounts.end(),
            [](const auto& a, const auto& b) { return a.address < b.address; });
  genesis.validators.push_back({keys[kSenders].public_key, 100 * ch::kBaseUnitsPerWeft});

  st::MemoryNodeStore store;
  st::Smt tree(store);
  auto initial = ch::genesis_state(tree, genesis);
  if (!initial) return;
  store.commit(initial.value().nodes);
  const st::Hash root = initial.value().root;

  std::vector<st::Bytes> txs;
  for (std::size_t i = 0; i < kSenders; ++i) {
    ch::Transaction tx;
    tx.kind = ch::TxKind::Transfer;
    tx.sender = keys[i].public_key;
    tx.nonce = 0;
    tx.max_fee_per_byte = 2000;
    tx.tip_per_byte = 10;
    tx.to = ch::address_of(keys[(i + 1) % kSenders].public_key);
    tx.amount = 1 + i;
    tx.signature = weft::test::ed25519::sign(keys[i], ch::tx_sign_digest(chain_id, tx));
    txs.push_back(ch::encode(tx));
  }
  ch::BlockProposal proposal;
  proposal.chain_id = chain_id;
  proposal.time = genesis.genesis_time + 1000;
  proposal.proposer = ch::address_of(keys[kSenders].public_key);
  proposal.candidates = txs;
  auto built = ch::build_block(tree, root, proposal);
  if (!built || built.value().block.txs.size() != kSenders) {
    std::printf("{\"error\":\"the benchmark block could not be built\"}\n");
    return;
  }
  const st::Bytes bytes = ch::encode(built.value().block);

  // A fresh tree handle each round, so no round benefits from nodes the previous one cached.
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    st::Smt fresh(store);
    const auto start = Clock::now();
    auto outcome = ch::validate_block(bytes, fresh, root, ch::BlockContext{chain_id, nullptr, {}});
    const double elapsed = seconds_since(start);
    if (!outcome) {
      std::printf("{\"error\":\"the benchmark block failed validation\"}\n");
      return;
    }
    best = std::max(best, static_cast<double>(kSenders) / elapsed);
  }
  report("block_transfers", "transfers/s", best);
}

} // namespace

int main() {
  bench_state();
  bench_block();
  return 0;
}
