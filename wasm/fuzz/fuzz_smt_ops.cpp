// libFuzzer: random sequences of batched writes and deletes against a std::map model
// (docs/protocol/state.md §4–§7). After every batch the root equals a rebuild from scratch, every
// key reads back its model value, and every key's proof verifies its value or its absence. At the
// end a cold handle reads the whole tree from what the host was given.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "crypto/sha256.hpp"
#include "state/memory_node_store.hpp"
#include "state/smt.hpp"
#include "state/smt_proof.hpp"

using namespace weft::state;

namespace {

constexpr std::size_t kKeys = 48;

void require(bool ok) {
  if (!ok) std::abort();
}

// Half the key space is hashed (a bushy tree), half crafted with long shared prefixes (paths that
// run deep and split late, down to the last bit).
std::vector<Key> make_keys() {
  std::vector<Key> keys;
  for (std::size_t i = 0; i < kKeys / 2; ++i) {
    const std::uint8_t seed[1] = {static_cast<std::uint8_t>(i)};
    keys.push_back(weft::crypto::sha256(seed));
  }
  for (std::size_t i = 0; i < kKeys / 2; ++i) {
    Key k{};
    k[0] = 0x5a;
    k[(i * 5) % 32] ^= static_cast<std::uint8_t>(1u << (i % 8));
    if (i % 3 == 0) k[31] ^= static_cast<std::uint8_t>(i);
    keys.push_back(k);
  }
  return keys;
}

Hash rebuild(const std::map<Key, Bytes>& model) {
  MemoryNodeStore store;
  Smt fresh(store);
  std::vector<Write> writes;
  for (const auto& [k, v] : model) writes.push_back({k, v});
  auto update = fresh.apply(Hash{}, writes);
  require(update.ok());
  return update.value().root;
}

void check(Smt& tree, const Hash& root, const std::vector<Key>& keys,
           const std::map<Key, Bytes>& model) {
  require(root == rebuild(model));
  for (const Key& k : keys) {
    auto got = tree.get(root, k);
    require(got.ok());
    const auto it = model.find(k);
    const bool present = it != model.end();
    require(got.value().has_value() == present);
    if (present) require(*got.value() == it->second);

    auto proof = tree.prove(root, k);
    require(proof.ok());
    const Bytes bytes = encode_proof(proof.value());
    auto decoded = decode_proof(bytes);
    require(decoded.ok());
    std::optional<std::span<const std::uint8_t>> claim;
    if (present) claim = std::span<const std::uint8_t>(it->second);
    require(verify_proof(root, k, claim, decoded.value()).ok());
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<Key> keys = make_keys();
  if (size == 0) return 0;
  // The first byte picks the cache budget: none, tiny, or ample.
  const std::size_t budgets[] = {0, 2048, std::size_t{1} << 20};
  MemoryNodeStore store;
  Smt tree(store, budgets[data[0] % 3]);
  std::map<Key, Bytes> model;
  Hash root{};
  std::vector<Write> batch;

  auto flush = [&] {
    auto update = tree.apply(root, batch);
    require(update.ok());
    store.commit(update.value().nodes);
    root = update.value().root;
    for (const Write& w : batch) {
      if (w.value)
        model[w.key] = *w.value;
      else
        model.erase(w.key);
    }
    batch.clear();
    check(tree, root, keys, model);
  };

  std::size_t at = 1;
  while (at < size) {
    const std::uint8_t op = data[at++];
    if (op & 0x80) {
      flush();
      continue;
    }
    const Key& key = keys[op % kKeys];
    if (op & 0x40) {
      batch.push_back({key, std::nullopt});
      continue;
    }
    const std::size_t len = at < size ? data[at++] % 6 : 0;
    const std::size_t take = std::min(len, size - at);
    batch.push_back({key, Bytes(data + at, data + at + take)});
    at += take;
  }
  flush();

  Smt cold(store, 0);
  for (const auto& [k, v] : model) {
    auto got = cold.get(root, k);
    require(got.ok() && got.value().has_value() && *got.value() == v);
  }
  return 0;
}
