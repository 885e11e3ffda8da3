// Transaction inclusion proofs at the boundary (abi/tx_proof.hpp): a proof taken from a built
// block's bytes verifies against its header's tx root, and only there; every refusal is named.
#include <doctest/doctest.h>

#include "../chain/block_fixture.hpp"
#include "abi/error_names.hpp"
#include "abi/tx_proof.hpp"
#include "chain/tx_merkle.hpp"
#include "encoding/reader.hpp"

using namespace weft::test::chain;
using weft::abi::error_name;
using weft::abi::Session;

namespace {

struct Answer {
  Hash root;
  Hash id;
  std::uint64_t count;
  Bytes path;
};

Answer read(const Session& s) {
  weft::encoding::Reader r(s.out);
  Answer a;
  a.root = r.fixed<32>();
  a.id = r.fixed<32>();
  a.count = r.u64();
  a.path.assign(s.out.begin() + 72, s.out.end());
  return a;
}

} // namespace

TEST_CASE("tx proof: every transaction of a block proves against the header's tx root") {
  const std::vector<TestKey> validators = {test_key(3)};
  BlockChain chain(test_genesis({test_key(1), test_key(2)}, validators), validators);
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  std::vector<Bytes> txs;
  for (std::uint64_t nonce = 0; nonce < 5; ++nonce) {
    txs.push_back(sign_tx(make_transfer(alice, bob.address, kWeft, nonce), alice));
  }
  const auto built = chain.propose(txs);
  REQUIRE(built.block.txs.size() == 5);
  const Bytes block = encode(built.block);

  Session s;
  for (std::uint64_t i = 0; i < 5; ++i) {
    REQUIRE(weft::abi::tx_proof(s, block, i) == 0);
    const auto a = read(s);
    CHECK(a.root == built.block.header.tx_root);
    CHECK(a.id == tx_id(txs[i]));
    CHECK(a.count == 5);
    CHECK(a.path.size() % 32 == 0);
    CHECK(weft::abi::tx_proof_verify(a.root, a.id, i, a.count, a.path) == 1);
    CHECK(weft::abi::tx_proof_verify(a.root, a.id, (i + 1) % 5, a.count, a.path) == 0);
    CHECK(weft::abi::tx_proof_verify(a.root, tx_id(txs[(i + 1) % 5]), i, a.count, a.path) == 0);
    Hash other = a.root;
    other[0] ^= 1;
    CHECK(weft::abi::tx_proof_verify(other, a.id, i, a.count, a.path) == 0);
    CHECK(error_name(weft::abi::tx_proof_verify(a.root, a.id, i, a.count,
                                                std::span(a.path).first(a.path.size() - 1))) ==
          "DecodeError.Truncated");
  }
  CHECK(error_name(weft::abi::tx_proof(s, block, 5)) == "DecodeError.ValueOutOfRange");
  CHECK(error_name(weft::abi::tx_proof(s, Bytes{1, 2}, 0)) == "DecodeError.UnknownVersion");
  CHECK(error_name(weft::abi::tx_proof(s, Bytes(block.begin(), block.end() - 1), 0)) ==
        "DecodeError.Truncated");
}

TEST_CASE("tx proof: a block of one transaction has an empty path") {
  const std::vector<TestKey> validators = {test_key(3)};
  BlockChain chain(test_genesis({test_key(1), test_key(2)}, validators), validators);
  const auto alice = test_key(1);
  const Bytes tx = sign_tx(make_transfer(alice, test_key(2).address, kWeft, 0), alice);
  const auto built = chain.propose({tx});
  Session s;
  REQUIRE(weft::abi::tx_proof(s, encode(built.block), 0) == 0);
  const auto a = read(s);
  CHECK(a.path.empty());
  CHECK(a.root == tx_root(std::vector<Hash>{tx_id(tx)}));
  CHECK(weft::abi::tx_proof_verify(a.root, a.id, 0, 1, a.path) == 1);
  CHECK(weft::abi::tx_proof_verify(a.root, a.id, 0, 2, a.path) == 0);
}
