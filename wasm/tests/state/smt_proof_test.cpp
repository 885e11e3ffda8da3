// Proofs (docs/protocol/state.md §6–§7): every key of random trees proves its value, absent keys
// prove absence both at empty subtrees and at other keys' leaves, any change to a proof or to the
// claim is rejected, and the decoder accepts exactly the canonical encodings.
#include <doctest/doctest.h>

#include "../hex.hpp"
#include "smt_fixture.hpp"
#include "smt_reference.hpp"
#include "state/node.hpp"
#include "state/smt_proof.hpp"

using namespace weft::state;
using weft::test::from_hex;
using weft::test::to_hex;
using weft::test::smt::Fixture;
using weft::test::smt::Model;
using weft::test::smt::Rng;
using weft::test::smt::writes_of;

namespace {

using Value = std::optional<std::span<const std::uint8_t>>;

Proof prove(Fixture& t, const Key& k) {
  auto p = t.tree.prove(t.root, k);
  REQUIRE(p.ok());
  return std::move(p).value();
}

ProofError verify_error(const Hash& root, const Key& k, Value v, const Proof& p) {
  const auto r = verify_proof(root, k, v, p);
  REQUIRE(!r.ok());
  return r.error();
}

ProofError decode_error(const Bytes& bytes) {
  const auto r = decode_proof(bytes);
  REQUIRE(!r.ok());
  return r.error();
}

Model random_model(Rng& rng, std::size_t n) {
  Model model;
  while (model.size() < n) model[rng.key()] = rng.value();
  return model;
}

} // namespace

TEST_CASE("smt proof: inclusion of every key and non-inclusion of absent ones") {
  Rng rng(11);
  for (std::size_t n : {0u, 1u, 2u, 10u, 500u}) {
    const Model model = random_model(rng, n);
    Fixture t;
    t.apply(writes_of(model));
    for (const auto& [k, v] : model) {
      const Proof p = prove(t, k);
      CHECK(p.kind == ProofKind::Inclusion);
      CHECK(verify_proof(t.root, k, Value(v), p).ok());
      CHECK(verify_proof_hashed(t.root, k, value_hash(v), p).ok());
      // Round trip through bytes.
      const Bytes bytes = encode_proof(p);
      CHECK(bytes.size() == encoded_proof_size(p));
      auto back = decode_proof(bytes);
      REQUIRE(back.ok());
      CHECK(encode_proof(back.value()) == bytes);
      CHECK(verify_proof(t.root, k, Value(v), back.value()).ok());
      // Wrong value, and absence claimed for a present key.
      Bytes wrong = v;
      wrong.push_back(0);
      CHECK(verify_error(t.root, k, Value(wrong), p) == ProofError::RootMismatch);
      CHECK(verify_error(t.root, k, std::nullopt, p) == ProofError::ValueMissing);
    }
    int empty_kind = 0, other_kind = 0;
    for (int i = 0; i < 200; ++i) {
      const Key k = rng.key();
      const Proof p = prove(t, k);
      CHECK(p.kind != ProofKind::Inclusion);
      (p.kind == ProofKind::EmptySubtree ? empty_kind : other_kind)++;
      CHECK(verify_proof(t.root, k, std::nullopt, p).ok());
      const Bytes v = {1};
      CHECK(verify_error(t.root, k, Value(v), p) == ProofError::ValueUnexpected);
    }
    if (n == 0) CHECK(other_kind == 0);
    if (n >= 1) CHECK(other_kind > 0);
    if (n >= 10) CHECK(empty_kind > 0);
  }
}

TEST_CASE("smt proof: both kinds of non-inclusion, by construction") {
  Fixture t;
  Key a{}; // 0000…
  Key b{}; // 0100…
  b[0] = 0x40;
  t.apply({{a, Bytes{1}}, {b, Bytes{2}}});
  // 1000…: the root's right child is empty.
  Key c{};
  c[0] = 0x80;
  const Proof empty = prove(t, c);
  CHECK(empty.kind == ProofKind::EmptySubtree);
  CHECK(empty.depth == 1);
  CHECK(verify_proof(t.root, c, std::nullopt, empty).ok());
  // 0001…: its path ends at a's leaf at depth 2.
  Key d{};
  d[0] = 0x10;
  const Proof other = prove(t, d);
  CHECK(other.kind == ProofKind::OtherLeaf);
  CHECK(other.depth == 2);
  CHECK(other.other_key == a);
  CHECK(verify_proof(t.root, d, std::nullopt, other).ok());
  // The same other-leaf proof cannot be replayed for a key off that path (0100… goes to b) …
  Key e{};
  e[0] = 0x50;
  CHECK(verify_error(t.root, e, std::nullopt, other) == ProofError::OtherLeafOffPath);
  // … nor to deny the leaf's own key.
  CHECK(verify_error(t.root, a, std::nullopt, other) == ProofError::OtherLeafIsKey);
  // An empty-subtree proof for a key whose path ends at a leaf fails on the root.
  Proof forged = other;
  forged.kind = ProofKind::EmptySubtree;
  CHECK(verify_error(t.root, d, std::nullopt, forged) == ProofError::RootMismatch);

  // A tree with a single key: depth-0 proofs.
  Fixture single;
  single.apply({{a, Bytes{7}}});
  const Proof at_root = prove(single, c);
  CHECK(at_root.kind == ProofKind::OtherLeaf);
  CHECK(at_root.depth == 0);
  CHECK(verify_proof(single.root, c, std::nullopt, at_root).ok());
  CHECK(encode_proof(at_root).size() == 1 + 64 + 2);
  // The empty tree.
  Fixture none;
  const Proof nothing = prove(none, c);
  CHECK(nothing.kind == ProofKind::EmptySubtree);
  CHECK(encode_proof(nothing) == from_hex("010000"));
  CHECK(verify_proof(kEmptyHash, c, std::nullopt, nothing).ok());
}

TEST_CASE("smt proof: a proof with any bit flipped is rejected") {
  Rng rng(12);
  const Model model = random_model(rng, 64);
  Fixture t;
  t.apply(writes_of(model));
  const auto& [k, v] = *std::next(model.begin(), 5);
  std::vector<std::pair<Key, std::optional<Bytes>>> claims = {{k, v}};
  for (int i = 0; i < 40; ++i) claims.push_back({rng.key(), std::nullopt});
  for (const auto& [key, value] : claims) {
    const Proof p = prove(t, key);
    const Bytes bytes = encode_proof(p);
    const Value claimed = value ? Value(*value) : std::nullopt;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        Bytes flipped = bytes;
        flipped[i] ^= static_cast<std::uint8_t>(1u << bit);
        const auto decoded = decode_proof(flipped);
        if (!decoded.ok()) continue;
        CHECK(!verify_proof(t.root, key, claimed, decoded.value()).ok());
      }
    }
  }
}

TEST_CASE("smt proof: the decoder names each malformation") {
  // depth 9, bitmap 1000_0000 1000_0000: siblings at depths 0 and 8, deepest present.
  Hash s1{}, s2{};
  s1[0] = 1;
  s2[0] = 2;
  Bytes good = {0x00, 0x00, 0x09, 0x80, 0x80};
  good.insert(good.end(), s1.begin(), s1.end());
  good.insert(good.end(), s2.begin(), s2.end());
  REQUIRE(decode_proof(good).ok());
  CHECK(decode_proof(good).value().siblings.size() == 2);

  CHECK(decode_error({}) == ProofError::Truncated);
  CHECK(decode_error({0x03, 0x00, 0x00}) == ProofError::UnknownKind);
  CHECK(decode_error({0x00, 0x00}) == ProofError::Truncated);
  CHECK(decode_error({0x02, 0x00, 0x00}) == ProofError::Truncated); // other leaf missing
  CHECK(decode_error({0x00, 0x01, 0x01}) == ProofError::DepthTooLarge);
  CHECK(decode_error(Bytes(good.begin(), good.end() - 1)) == ProofError::Truncated);
  Bytes trailing = good;
  trailing.push_back(0);
  CHECK(decode_error(trailing) == ProofError::TrailingBytes);
  Bytes padding = good;
  padding[4] = 0x81; // bit 15 set at depth 9; also one sibling short
  CHECK(decode_error(padding) == ProofError::Truncated);
  padding.insert(padding.end(), s2.begin(), s2.end());
  CHECK(decode_error(padding) == ProofError::PaddingBitsSet);
  Bytes listed_empty = good;
  std::fill(listed_empty.end() - 32, listed_empty.end(), 0);
  CHECK(decode_error(listed_empty) == ProofError::EmptySiblingListed);
  // Depth 10 with the same bitmap: the deepest sibling (depth 9) is absent.
  Bytes shallow_last = good;
  shallow_last[2] = 10;
  CHECK(decode_error(shallow_last) == ProofError::DeepestSiblingEmpty);
  // Depth 256 with no siblings at all.
  Bytes full = {0x01, 0x01, 0x00};
  full.resize(full.size() + 32, 0);
  CHECK(decode_error(full) == ProofError::DeepestSiblingEmpty);
  // Depth 256 with only the deepest sibling.
  full.back() = 0x01;
  full.insert(full.end(), s1.begin(), s1.end());
  CHECK(decode_proof(full).ok());
  // Sibling count beyond the input is caught before any allocation grows with it.
  Bytes many = {0x01, 0x01, 0x00};
  many.resize(many.size() + 32, 0xff);
  CHECK(decode_error(many) == ProofError::Truncated);
}

TEST_CASE("smt proof: hand-built Proof objects are shape-checked by the verifier") {
  Proof p;
  p.kind = ProofKind::EmptySubtree;
  p.depth = 300;
  CHECK(verify_error(kEmptyHash, Key{}, std::nullopt, p) == ProofError::DepthTooLarge);
  p.depth = 1;
  CHECK(verify_error(kEmptyHash, Key{}, std::nullopt, p) == ProofError::DeepestSiblingEmpty);
  p.bitmap[0] = 0x80;
  CHECK(verify_error(kEmptyHash, Key{}, std::nullopt, p) == ProofError::SiblingCountMismatch);
  p.siblings.push_back(Hash{});
  CHECK(verify_error(kEmptyHash, Key{}, std::nullopt, p) == ProofError::EmptySiblingListed);
  p.kind = static_cast<ProofKind>(7);
  p.siblings[0][0] = 1;
  CHECK(verify_error(kEmptyHash, Key{}, std::nullopt, p) == ProofError::UnknownKind);
}

TEST_CASE("smt proof: sizes grow with log n") {
  Rng rng(13);
  const Model model = random_model(rng, 10000);
  Fixture t;
  t.apply(writes_of(model));
  std::size_t total = 0, worst = 0, count = 0;
  for (auto it = model.begin(); it != model.end(); std::advance(it, 97), ++count) {
    const std::size_t size = encode_proof(prove(t, it->first)).size();
    total += size;
    worst = std::max(worst, size);
    if (std::distance(it, model.end()) <= 97) break;
  }
  // log2(10 000) ≈ 13.3 siblings of 32 bytes on average, a few more at worst.
  MESSAGE("10k keys: mean proof " << total / count << " B, max " << worst << " B");
  CHECK(total / count < 32 * 17);
  CHECK(worst < 32 * 30);
}
