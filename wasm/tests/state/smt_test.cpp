// The state tree against its definition (docs/protocol/state.md §4): roots equal the naive
// reference and the Python vectors, the shape is canonical whatever the order and batching of
// writes, deletes restore earlier roots exactly, every new node reaches the host, and store
// failures surface as named errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "../hex.hpp"
#include "smt_fixture.hpp"
#include "smt_reference.hpp"
#include "state/node.hpp"

using namespace weft::state;
using weft::test::bytes_of;
using weft::test::to_hex;
using weft::test::smt::Fixture;
using weft::test::smt::key_with_byte;
using weft::test::smt::Model;
using weft::test::smt::reference_root;
using weft::test::smt::Rng;
using weft::test::smt::writes_of;

namespace {

Bytes text(const char* s) {
  const auto b = bytes_of(s);
  return Bytes(b.begin(), b.end());
}

Model random_model(Rng& rng, std::size_t n) {
  Model model;
  while (model.size() < n) model[rng.key()] = rng.value();
  return model;
}

// Keys crowded into a few long shared prefixes, so paths run deep and split near the bottom.
Model crowded_model(Rng& rng, std::size_t n) {
  Model model;
  while (model.size() < n) {
    Key k{};
    k[0] = static_cast<std::uint8_t>(rng.below(2) * 0x80);
    const std::size_t bit = 8 + rng.below(248);
    k[bit / 8] = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    if (rng.below(3) == 0) k[31] ^= static_cast<std::uint8_t>(rng.below(4));
    model[k] = rng.value(8);
  }
  return model;
}

} // namespace

TEST_CASE("smt: the empty tree") {
  Fixture t;
  CHECK(is_empty(t.root));
  CHECK(!t.get(Key{}).has_value());
  auto update = t.tree.apply(t.root, {});
  REQUIRE(update.ok());
  CHECK(is_empty(update.value().root));
  CHECK(update.value().nodes.empty());
  // Deleting from an empty tree leaves it empty and creates nothing.
  auto del = t.apply({{Key{}, std::nullopt}});
  CHECK(is_empty(del.root));
  CHECK(del.nodes.empty());
}

TEST_CASE("smt: roots match the Python vectors of state.md") {
  const Key a{};
  Key b{};
  b[31] = 1;
  Key c{};
  c[0] = 0x80;
  Fixture t;
  t.set(a, text("A"));
  CHECK(to_hex(t.root) == "b1026016623fe986c2078bdd9b5f4d69503a172b7073c45a4e99b4a8ec431580");
  t.set(b, text("B"));
  CHECK(to_hex(t.root) == "a5757bebf42ed6370d4aa240b5feb9708f597f6595b9368dcc575a0d517b9743");
  t.set(c, text("C"));
  CHECK(to_hex(t.root) == "713d2acd20f10725263ecec35f19a5062928251e3cea23a46ea18bb683951e9c");

  Fixture hundred;
  std::vector<Write> writes;
  for (int i = 0; i < 100; ++i) {
    const std::string k = "key" + std::to_string(i);
    writes.push_back(
        {weft::crypto::sha256(bytes_of(k)), text(("value" + std::to_string(i)).c_str())});
  }
  hundred.apply(writes);
  CHECK(to_hex(hundred.root) == "95b3c8362b2ebeba9fb147b7c70c7cf0db4553a4a7375aa2b337375704d76563");
}

TEST_CASE("smt: a single key is a shortcut leaf at the root; two keys differing in the last bit") {
  Fixture t;
  const Key a{};
  t.set(a, text("x"));
  CHECK(t.root == leaf_hash(a, value_hash(text("x"))));

  // Keys equal but for bit 255: 255 internal nodes with one empty child, then the split.
  Key b{};
  b[31] = 1;
  const auto update = t.apply({{b, text("y")}});
  CHECK(update.nodes.size() == 1 + 256); // b's leaf and the internal nodes at depths 0..255
  Hash expect =
      internal_hash(leaf_hash(a, value_hash(text("x"))), leaf_hash(b, value_hash(text("y"))));
  for (int depth = 254; depth >= 0; --depth) expect = internal_hash(expect, kEmptyHash);
  CHECK(t.root == expect);
  CHECK(t.get(a) == text("x"));
  CHECK(t.get(b) == text("y"));
  // Deleting b collapses the whole chain back into a's leaf at the root.
  const auto del = t.apply({{b, std::nullopt}});
  CHECK(t.root == leaf_hash(a, value_hash(text("x"))));
  CHECK(del.nodes.empty());
}

TEST_CASE("smt: roots equal the reference for random and crowded key sets") {
  Rng rng(1);
  for (std::size_t n : {1u, 2u, 3u, 5u, 17u, 100u, 1000u}) {
    for (int crowded = 0; crowded < 2; ++crowded) {
      const Model model = crowded ? crowded_model(rng, n) : random_model(rng, n);
      Fixture t;
      t.apply(writes_of(model));
      CHECK(t.root == reference_root(model));
      for (const auto& [k, v] : model) CHECK(t.get(k) == v);
      CHECK(!t.get(rng.key()).has_value());
    }
  }
}

TEST_CASE("smt: the root depends only on the final key/value set") {
  Rng rng(2);
  for (int round = 0; round < 20; ++round) {
    const Model model =
        round % 2 ? crowded_model(rng, 1 + rng.below(200)) : random_model(rng, 1 + rng.below(300));
    const Hash expected = reference_root(model);
    std::vector<Write> writes = writes_of(model);
    for (int order = 0; order < 4; ++order) {
      // Shuffle, then split into random batches; sprinkle overwrites and deletes of keys that end
      // up with their final value anyway.
      for (std::size_t i = writes.size(); i > 1; --i)
        std::swap(writes[i - 1], writes[rng.below(i)]);
      Fixture t(order % 2 ? 4096 : Smt::kDefaultCacheBytes);
      std::size_t at = 0;
      while (at < writes.size()) {
        const std::size_t n = 1 + rng.below(std::min<std::size_t>(writes.size() - at, 64));
        std::vector<Write> batch(writes.begin() + static_cast<std::ptrdiff_t>(at),
                                 writes.begin() + static_cast<std::ptrdiff_t>(at + n));
        if (rng.below(2) == 0) {
          // A transient key inserted and deleted inside later batches.
          const Key transient = rng.key();
          t.apply({{transient, rng.value()}});
          batch.push_back({transient, std::nullopt});
        }
        t.apply(batch);
        at += n;
      }
      CHECK(t.root == expected);
    }
  }
}

TEST_CASE("smt: deletes restore exactly the root without the key") {
  Rng rng(3);
  for (int round = 0; round < 10; ++round) {
    Model model = round % 2 ? crowded_model(rng, 50) : random_model(rng, 200);
    Fixture t;
    t.apply(writes_of(model));
    const Hash before = t.root;
    // Insert then delete a fresh key, alone and in batches.
    const Key extra = rng.key();
    t.set(extra, text("transient"));
    CHECK(t.root != before);
    t.erase(extra);
    CHECK(t.root == before);
    // Delete each existing key in turn and compare with the reference of the smaller set.
    std::vector<Key> keys;
    for (const auto& kv : model) keys.push_back(kv.first);
    for (std::size_t i = 0; i < keys.size(); i += 1 + rng.below(7)) {
      t.erase(keys[i]);
      model.erase(keys[i]);
      REQUIRE(t.root == reference_root(model));
    }
    // Delete everything left in one batch.
    std::vector<Write> all;
    for (const auto& kv : model) all.push_back({kv.first, std::nullopt});
    t.apply(all);
    CHECK(is_empty(t.root));
  }
}

TEST_CASE("smt: batches mixing inserts, updates and deletes match the model") {
  Rng rng(4);
  Fixture t(64 * 1024);
  Model model;
  std::vector<Key> pool;
  for (int i = 0; i < 300; ++i) pool.push_back(rng.key());
  for (int batch = 0; batch < 200; ++batch) {
    std::vector<Write> writes;
    const std::size_t n = 1 + rng.below(40);
    for (std::size_t i = 0; i < n; ++i) {
      const Key& k = pool[rng.below(pool.size())];
      if (rng.below(3) == 0) {
        writes.push_back({k, std::nullopt});
      } else {
        writes.push_back({k, rng.value()});
      }
    }
    for (const Write& w : writes) {
      if (w.value)
        model[w.key] = *w.value;
      else
        model.erase(w.key);
    }
    t.apply(writes);
    REQUIRE(t.root == reference_root(model));
  }
  for (const Key& k : pool) {
    const auto it = model.find(k);
    CHECK(t.get(k) == (it == model.end() ? std::nullopt : std::optional<Bytes>(it->second)));
  }
}

TEST_CASE("smt: the last write to a key in a batch wins") {
  Fixture t;
  const Key k = key_with_byte(0, 0x42);
  t.apply({{k, text("first")}, {k, std::nullopt}, {k, text("last")}});
  CHECK(t.get(k) == text("last"));
  t.apply({{k, text("again")}, {k, std::nullopt}});
  CHECK(!t.get(k).has_value());
  CHECK(is_empty(t.root));
}

TEST_CASE("smt: rewriting a value in place, and no-op batches, create nothing") {
  Rng rng(5);
  const Model model = random_model(rng, 100);
  Fixture t;
  t.apply(writes_of(model));
  const Hash root = t.root;
  const auto& [k, v] = *model.begin();
  auto same = t.apply({{k, v}});
  CHECK(t.root == root);
  CHECK(same.nodes.empty());
  auto absent = t.apply({{rng.key(), std::nullopt}, {rng.key(), std::nullopt}});
  CHECK(t.root == root);
  CHECK(absent.nodes.empty());
}

TEST_CASE("smt: every node of a new root reaches the host, and only new nodes are hashed") {
  Rng rng(6);
  Fixture t;
  Model model;
  for (int batch = 0; batch < 30; ++batch) {
    std::vector<Write> writes;
    for (int i = 0; i < 50; ++i) {
      const Key k = rng.key();
      writes.push_back({k, rng.value()});
      model[k] = writes.back().value.value();
    }
    auto update = t.apply(writes);
    // Every node in the batch is a valid encoding under its address.
    for (std::size_t i = 0; i < update.nodes.size(); ++i) {
      REQUIRE(decode_node(update.nodes.hash(i), update.nodes.bytes(i)).ok());
    }
  }
  // A handle with no cache to speak of, over only what the host committed, reads everything.
  Smt cold(t.store, 0);
  for (const auto& [k, v] : model) {
    auto got = cold.get(t.root, k);
    REQUIRE(got.ok());
    CHECK(got.value() == v);
  }
  // Nodes the batches created and that no longer belong to the tree remain (no pruning), but
  // the store holds no more than the nodes ever created.
  CHECK(t.store.size() >= 2 * model.size() - 1);
}

TEST_CASE("smt: an update writes each touched internal node once") {
  Rng rng(7);
  const Model model = random_model(rng, 4096);
  Fixture t;
  const auto first = t.apply(writes_of(model));
  // A tree built from n keys in one batch has exactly n leaves and n - 1 internal nodes, plus
  // one per level where all of a subtree's keys go the same way.
  std::size_t leaves = 0;
  for (std::size_t i = 0; i < first.nodes.size(); ++i) leaves += first.nodes.bytes(i)[0] == 0;
  CHECK(leaves == model.size());
  std::vector<Hash> hashes;
  for (std::size_t i = 0; i < first.nodes.size(); ++i) hashes.push_back(first.nodes.hash(i));
  std::sort(hashes.begin(), hashes.end());
  CHECK(std::adjacent_find(hashes.begin(), hashes.end()) == hashes.end());

  // Updating one existing key rewrites its leaf and the internal nodes above it, no more.
  const Key k = std::next(model.begin(), 1000)->first;
  auto proof = t.tree.prove(t.root, k);
  REQUIRE(proof.ok());
  const auto one = t.apply({{k, text("changed")}});
  CHECK(one.nodes.size() == 1u + proof.value().depth);
}

TEST_CASE("smt: a missing node is MissingNode, a damaged one CorruptNode") {
  Rng rng(8);
  const Model model = random_model(rng, 64);
  Fixture t;
  t.apply(writes_of(model));
  const Key k = model.begin()->first;

  // Unknown root.
  Hash unknown{};
  unknown[5] = 1;
  auto missing_root = t.tree.get(unknown, k);
  REQUIRE(!missing_root.ok());
  CHECK(missing_root.error() == StateError::MissingNode);

  // Reads through a cold handle, so the store is consulted.
  auto leaf = t.store.find(leaf_hash(k, value_hash(model.begin()->second)));
  REQUIRE(leaf != nullptr);
  leaf->back() ^= 1;
  Smt cold(t.store, 0);
  auto corrupt = cold.get(t.root, k);
  REQUIRE(!corrupt.ok());
  CHECK(corrupt.error() == StateError::CorruptNode);
  auto corrupt_proof = cold.prove(t.root, k);
  REQUIRE(!corrupt_proof.ok());
  CHECK(corrupt_proof.error() == StateError::CorruptNode);
  auto corrupt_update = cold.apply(t.root, std::vector<Write>{{k, text("v")}});
  REQUIRE(!corrupt_update.ok());
  CHECK(corrupt_update.error() == StateError::CorruptNode);
  leaf->back() ^= 1;

  REQUIRE(t.store.erase(t.root));
  Smt cold2(t.store, 0);
  auto gone = cold2.apply(t.root, std::vector<Write>{{rng.key(), text("v")}});
  REQUIRE(!gone.ok());
  CHECK(gone.error() == StateError::MissingNode);
}

TEST_CASE("smt: a leaf off its key's path is MalformedTree") {
  // A root that is some key's leaf, reached while looking up a key that shares no prefix with it,
  // is fine at depth 0; one level down it cannot be.
  MemoryNodeStore store;
  Key a{};
  a[0] = 0x80; // goes right at depth 0
  const Bytes v = text("v");
  const Hash leaf = leaf_hash(a, value_hash(v));
  Bytes leaf_bytes(kLeafHeaderSize + v.size());
  encode_leaf(leaf_bytes, a, v);
  store.put(leaf, leaf_bytes);
  Hash other{};
  other[0] = 9;
  const Hash root = internal_hash(leaf, other); // a's leaf placed on the left
  Bytes root_bytes(kInternalEncodingSize);
  encode_internal(root_bytes, leaf, other);
  store.put(root, root_bytes);
  Smt tree(store);
  auto proof = tree.prove(root, Key{});
  REQUIRE(!proof.ok());
  CHECK(proof.error() == StateError::MalformedTree);
  auto update = tree.apply(root, std::vector<Write>{{Key{}, v}});
  REQUIRE(!update.ok());
  CHECK(update.error() == StateError::MalformedTree);
}

TEST_CASE("smt: the cache serves repeated reads and stays within its budget") {
  Rng rng(9);
  const Model model = random_model(rng, 2000);
  Fixture t(256 * 1024);
  t.apply(writes_of(model));
  CHECK(t.tree.cache().bytes() <= t.tree.cache().max_bytes());
  const std::size_t reads_before = t.store.reads();
  const Key k = model.begin()->first;
  CHECK(t.get(k) == model.begin()->second);
  const std::size_t after_first = t.store.reads();
  CHECK(t.get(k) == model.begin()->second);
  CHECK(t.store.reads() == after_first); // the second read hit the cache throughout
  CHECK(after_first >= reads_before);
}
