// Shared helpers for the chain tests: deterministic keys, signed transactions, a genesis, and a
// chain driven block by block over an in-memory node store.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "../crypto/ed25519_signer.hpp"
#include "chain/address.hpp"
#include "chain/execute.hpp"
#include "chain/genesis.hpp"
#include "chain/genesis_state.hpp"
#include "chain/state_view.hpp"
#include "chain/transaction.hpp"
#include "chain/tx_check.hpp"
#include "state/memory_node_store.hpp"
#include "state/smt.hpp"

namespace weft::test::chain {

using namespace weft::chain;

inline const std::string kChainId = "weft-test";
inline constexpr Amount kWeft = kBaseUnitsPerWeft;

struct TestKey {
  weft::test::ed25519::KeyPair pair;
  PublicKey public_key{};
  Address address{};
};

inline TestKey test_key(std::uint8_t n) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(n);
  TestKey k;
  k.pair = weft::test::ed25519::key_from_seed(seed);
  k.public_key = k.pair.public_key;
  k.address = address_of(k.public_key);
  return k;
}

inline Transaction make_transfer(const TestKey& from, const Address& to, Amount amount,
                                 std::uint64_t nonce, std::uint64_t max_fee = 2000,
                                 std::uint64_t tip = 10) {
  Transaction tx;
  tx.kind = TxKind::Transfer;
  tx.sender = from.public_key;
  tx.nonce = nonce;
  tx.max_fee_per_byte = max_fee;
  tx.tip_per_byte = tip;
  tx.to = to;
  tx.amount = amount;
  return tx;
}

inline Transaction make_staking(TxKind kind, const TestKey& from, const PublicKey& validator,
                                Amount amount, std::uint64_t nonce, std::uint64_t max_fee = 2000) {
  Transaction tx;
  tx.kind = kind;
  tx.sender = from.public_key;
  tx.nonce = nonce;
  tx.max_fee_per_byte = max_fee;
  tx.tip_per_byte = 0;
  tx.validator = validator;
  tx.amount = amount;
  return tx;
}

inline Bytes sign_tx(Transaction tx, const TestKey& key, const std::string& chain_id = kChainId) {
  const Hash digest = tx_sign_digest(chain_id, tx);
  tx.signature = weft::test::ed25519::sign(key.pair, digest);
  return encode(tx);
}

inline Genesis test_genesis(const std::vector<TestKey>& accounts,
                            const std::vector<TestKey>& validators, Amount balance = 1000 * kWeft,
                            Amount stake = 100 * kWeft) {
  Genesis g;
  g.chain_id = kChainId;
  g.genesis_time = 1'700'000'000'000;
  g.params.unbonding_blocks = 10;
  g.params.jail_blocks = 5;
  for (const auto& k : accounts) g.accounts.push_back({k.address, balance});
  std::sort(g.accounts.begin(), g.accounts.end(),
            [](const auto& a, const auto& b) { return a.address < b.address; });
  for (const auto& k : validators) g.validators.push_back({k.public_key, stake});
  std::sort(g.validators.begin(), g.validators.end(),
            [](const auto& a, const auto& b) { return a.public_key < b.public_key; });
  return g;
}

// A chain executed block by block without headers: the state-transition half of the rules.
struct ExecChain {
  explicit ExecChain(const Genesis& g) : genesis(g) {
    auto update = genesis_state(smt, g);
    REQUIRE(update.ok());
    store.commit(update.value().nodes);
    root = update.value().root;
    time = g.genesis_time;
  }

  StateView view() { return StateView(smt, root); }

  Params params() { return view().params(); }
  ChainState chain_state() { return view().chain_state(); }
  AccountState account(const Address& a) { return view().account(a); }

  std::vector<CheckedTx> check_all(const std::vector<Bytes>& txs) {
    std::vector<CheckedTx> out;
    const Params p = params();
    for (const auto& bytes : txs) {
      auto c = check_tx(bytes, genesis.chain_id, p);
      REQUIRE(c.ok());
      out.push_back(c.value());
    }
    return out;
  }

  // Executes a block at the next height; on success commits its state.
  Result<ExecutionResult, BlockError> run(const std::vector<Bytes>& txs,
                                          const std::vector<Offence>& offences = {},
                                          BlockDiagnostics* diagnostics = nullptr) {
    const auto checked = check_all(txs);
    StateView v = view();
    BlockInput in;
    in.height = height + 1;
    in.time = time + 1000;
    in.base_fee_per_byte = v.chain_state().next_base_fee_per_byte;
    in.proposer = proposer(in.height);
    in.txs = checked;
    in.offences = offences;
    auto out = execute_block(v, in, diagnostics);
    if (!out) return out;
    auto update = v.apply();
    REQUIRE(update.ok());
    store.commit(update.value().nodes);
    root = update.value().root;
    height = in.height;
    time = in.time;
    return out;
  }

  // The first member of the set for `h`, as the stand-in proposer.
  Address proposer(std::uint64_t h) {
    StateView v = view();
    const auto set = v.validator_set(h, v.params());
    REQUIRE(!set.empty());
    return address_of(set.front().public_key);
  }

  Genesis genesis;
  weft::state::MemoryNodeStore store;
  weft::state::Smt smt{store};
  Hash root{};
  std::uint64_t height = 0;
  std::uint64_t time = 0;
};

} // namespace weft::test::chain
