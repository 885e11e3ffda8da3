// Benchmarks of the consensus core that run unchanged as a native executable and as a WASI
// command module, so `npm run bench` can print each WASM figure beside native code measured in
// the same run. Prints one JSON object per line: {"name", "unit", "value"}.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

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

// A 10 000-key tree, then 200 blocks of 50 writes each (the state writes of a block of
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

} // namespace

int main() {
  bench_state();
  return 0;
}
