// The memo of verified signatures: it saves work and never changes an answer — a bad signature
// stays bad, another chain's signature stays foreign, and what is remembered is only what the
// core verified itself (chain/verified_signatures.hpp).
#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "chain/block_verify.hpp"
#include "chain/tx_check.hpp"
#include "chain/verified_signatures.hpp"
#include "chain_fixture.hpp"

using namespace weft::test::chain;

namespace {

std::vector<Bytes> transfers(std::size_t n) {
  const auto alice = test_key(1);
  std::vector<Bytes> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(sign_tx(make_transfer(alice, test_key(2).address, 5, i), alice));
  return out;
}

Hash id_of(const Bytes& tx) {
  return check_tx_fields(tx, kChainId, Params{}).value().id;
}

} // namespace

TEST_CASE("verified signatures: a block's checks remember what they verified, answers unchanged") {
  VerifiedSignatures memo(kChainId, 64);
  auto txs = transfers(5);
  REQUIRE(check_block_txs(txs, kChainId, Params{}, nullptr, &memo).ok());
  for (const auto& tx : txs) CHECK(memo.contains(kChainId, id_of(tx)));
  // The same block again, and one with a forged signature among remembered ones.
  CHECK(check_block_txs(txs, kChainId, Params{}, nullptr, &memo).ok());
  txs[3][txs[3].size() - 1] ^= 1; // the signature's last byte: a new id, never verified
  BlockDiagnostics d;
  auto r = check_block_txs(txs, kChainId, Params{}, &d, &memo);
  REQUIRE_FALSE(r.ok());
  CHECK(d.tx_index == 3u);
  CHECK(d.tx_error == TxError::BadSignature);
  CHECK_FALSE(memo.contains(kChainId, id_of(txs[3])));
}

TEST_CASE("verified signatures: bound to one chain id") {
  VerifiedSignatures memo(kChainId, 64);
  const auto tx = transfers(1)[0];
  REQUIRE(check_tx(tx, kChainId, Params{}, &memo).ok());
  CHECK(memo.contains(kChainId, id_of(tx)));
  // The same bytes under another chain: not remembered, and still refused.
  CHECK_FALSE(memo.contains("weft-other", id_of(tx)));
  auto other = check_tx(tx, "weft-other", Params{}, &memo);
  REQUIRE_FALSE(other.ok());
  CHECK(other.error() == TxError::BadSignature);
}

TEST_CASE("verified signatures: a batch of arrivals, the bad ones left out") {
  VerifiedSignatures memo(kChainId, 64);
  auto txs = transfers(6);
  txs[1][120] ^= 1;        // inside the signed body
  txs[4] = Bytes{1, 2, 3}; // does not decode
  const std::array<std::uint8_t, 32> seed{7};
  std::vector<std::uint8_t> results(txs.size());
  verify_signatures(txs, seed, memo, results);
  CHECK(results == std::vector<std::uint8_t>{1, 0, 1, 1, 0, 1});
  CHECK(memo.contains(kChainId, id_of(txs[0])));
  CHECK_FALSE(memo.contains(kChainId, id_of(txs[1])));
  // A later check of the bad one still gives the reason.
  auto bad = check_tx(txs[1], kChainId, Params{}, &memo);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() == TxError::BadSignature);
}

TEST_CASE("verified signatures: holds at least its capacity, forgets the oldest beyond") {
  VerifiedSignatures memo(kChainId, 4);
  const auto txs = transfers(9);
  for (const auto& tx : txs) REQUIRE(check_tx(tx, kChainId, Params{}, &memo).ok());
  for (std::size_t i = 5; i < 9; ++i) CHECK(memo.contains(kChainId, id_of(txs[i])));
  CHECK_FALSE(memo.contains(kChainId, id_of(txs[0])));
}
