// State sync's node check (abi/node_children.hpp): walking a tree from its root through
// node_children alone reaches every stored node and no other, and a node whose bytes do not
// hash to the address asked for — flipped, swapped, truncated, or empty — is refused by name.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <set>
#include <string>

#include "../state/smt_fixture.hpp"
#include "abi/error_names.hpp"
#include "abi/node_children.hpp"

using weft::abi::error_name;
using weft::abi::node_children;
using weft::abi::Session;
using weft::state::Hash;
using weft::test::smt::Fixture;

namespace {

Hash key_of(std::uint32_t i) {
  Hash k{};
  // Spread keys over the tree: a few bits early, the index late.
  k[0] = static_cast<std::uint8_t>(i * 37);
  k[28] = static_cast<std::uint8_t>(i >> 24);
  k[29] = static_cast<std::uint8_t>(i >> 16);
  k[30] = static_cast<std::uint8_t>(i >> 8);
  k[31] = static_cast<std::uint8_t>(i);
  return k;
}

weft::state::Bytes bytes_of(Fixture& f, const Hash& h) {
  weft::state::Bytes out;
  REQUIRE(f.store.get(h, out));
  return out;
}

} // namespace

TEST_CASE("node_children: a walk from the root reaches exactly the tree's nodes") {
  Fixture f;
  for (std::uint32_t i = 0; i < 200; ++i) {
    f.set(key_of(i), weft::state::Bytes{static_cast<std::uint8_t>(i), 1, 2});
  }
  // A fresh store holding only the final tree: the fixture's keeps every intermediate node too.
  Fixture only;
  std::set<Hash> seen;
  std::deque<Hash> todo{f.root};
  std::size_t leaves = 0;
  Session s;
  while (!todo.empty()) {
    const Hash h = todo.front();
    todo.pop_front();
    REQUIRE(seen.insert(h).second);
    const auto bytes = bytes_of(f, h);
    only.store.put(h, bytes);
    const auto count = node_children(s, h, bytes);
    REQUIRE(count >= 0);
    REQUIRE(s.out.size() == static_cast<std::size_t>(count) * 32);
    if (count == 0) ++leaves;
    for (std::int32_t c = 0; c < count; ++c) {
      Hash child;
      std::copy_n(s.out.begin() + static_cast<std::ptrdiff_t>(c) * 32, 32, child.begin());
      CHECK(!weft::state::is_empty(child));
      todo.push_back(child);
    }
  }
  CHECK(leaves == 200);
  // The copied nodes alone serve every key at the root.
  weft::state::Smt tree(only.store);
  for (std::uint32_t i = 0; i < 200; ++i) {
    const auto got = tree.get(f.root, key_of(i));
    REQUIRE(got.ok());
    CHECK(got.value() == weft::state::Bytes{static_cast<std::uint8_t>(i), 1, 2});
  }
}

TEST_CASE("node_children: a leaf has none; an internal node with one empty side has one") {
  Fixture f;
  f.set(key_of(1), {7});
  Session s;
  CHECK(node_children(s, f.root, bytes_of(f, f.root)) == 0);
  CHECK(s.out.empty());

  // Two keys that agree on bit 0 and differ later: the root has one empty child.
  Fixture g;
  Hash a{};
  Hash b{};
  b[31] = 1;
  g.set(a, {1});
  g.set(b, {2});
  CHECK(node_children(s, g.root, bytes_of(g, g.root)) == 1);
  CHECK(s.out.size() == 32);
}

TEST_CASE("node_children: bytes that are not the node asked for are CorruptNode") {
  Fixture f;
  for (std::uint32_t i = 0; i < 8; ++i) f.set(key_of(i), {static_cast<std::uint8_t>(i)});
  const auto root = bytes_of(f, f.root);
  REQUIRE(root.size() == 65);
  Hash left;
  std::copy_n(root.begin() + 1, 32, left.begin());
  const auto leftBytes = bytes_of(f, left);
  Session s;
  const auto corrupt = [&](const Hash& address, const weft::state::Bytes& bytes) {
    return std::string(error_name(node_children(s, address, bytes)));
  };

  auto flipped = root;
  flipped[40] ^= 1;
  CHECK(corrupt(f.root, flipped) == "StateError.CorruptNode");
  CHECK(corrupt(f.root, leftBytes) == "StateError.CorruptNode"); // another node's bytes
  CHECK(corrupt(f.root, weft::state::Bytes(root.begin(), root.end() - 1)) ==
        "StateError.CorruptNode");
  CHECK(corrupt(f.root, {}) == "StateError.CorruptNode");
  auto kind = root;
  kind[0] = 2;
  CHECK(corrupt(f.root, kind) == "StateError.CorruptNode");
  // Two empty children hash to a fixed value but are never a stored node.
  weft::state::Bytes empty_pair(65, 0);
  empty_pair[0] = 1;
  CHECK(corrupt(weft::state::internal_hash({}, {}), empty_pair) == "StateError.CorruptNode");
  // A refusal leaves no children behind from an earlier answer.
  REQUIRE(node_children(s, f.root, root) == 2);
  CHECK(node_children(s, f.root, flipped) < 0);
  CHECK(s.out.empty());
}
