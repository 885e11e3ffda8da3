// The transaction root and inclusion proofs (RFC 9162 §2.1; transactions.md §Tx root).
#include <doctest/doctest.h>

#include "../hex.hpp"
#include "chain/tx_merkle.hpp"
#include "crypto/sha256.hpp"

using namespace weft::chain;

namespace {
std::vector<Hash> ids(std::size_t n) {
  std::vector<Hash> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i].fill(static_cast<std::uint8_t>(i + 1));
  return out;
}
Hash h(std::initializer_list<std::span<const std::uint8_t>> parts) {
  weft::crypto::Sha256 s;
  for (auto p : parts) s.update(p);
  return s.finish();
}
const std::uint8_t kLeaf[1] = {0};
const std::uint8_t kNode[1] = {1};
} // namespace

TEST_CASE("tx root: empty, one, and three leaves by the RFC 9162 definition") {
  CHECK(weft::test::to_hex(tx_root({})) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const auto d = ids(3);
  const Hash l0 = h({kLeaf, d[0]});
  const Hash l1 = h({kLeaf, d[1]});
  const Hash l2 = h({kLeaf, d[2]});
  CHECK(tx_root(std::span(d).first(1)) == l0);
  CHECK(tx_root(d) == h({kNode, h({kNode, l0, l1}), l2}));
}

TEST_CASE("tx root: every proof verifies, and only at its own index and root") {
  for (std::size_t n : {1u, 2u, 3u, 5u, 8u, 13u, 64u, 100u}) {
    const auto d = ids(n);
    const Hash root = tx_root(d);
    for (std::size_t i = 0; i < n; ++i) {
      auto p = tx_inclusion_proof(d, i);
      REQUIRE(p.has_value());
      CHECK(verify_tx_inclusion(root, d[i], *p));
      if (n > 1) CHECK_FALSE(verify_tx_inclusion(root, d[(i + 1) % n], *p));
      auto wrong = *p;
      wrong.index = (i + 1) % n;
      if (n > 1) CHECK_FALSE(verify_tx_inclusion(root, d[i], wrong));
      auto longer = *p;
      longer.path.push_back(root);
      CHECK_FALSE(verify_tx_inclusion(root, d[i], longer));
      if (!p->path.empty()) {
        auto shorter = *p;
        shorter.path.pop_back();
        CHECK_FALSE(verify_tx_inclusion(root, d[i], shorter));
      }
    }
    CHECK_FALSE(tx_inclusion_proof(d, n).has_value());
  }
}
