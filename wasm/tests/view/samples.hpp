// Realistic objects of every view kind, made the way the chain makes them: signed transactions,
// blocks built and validated by the block rules with real commits and evidence, a synthetic
// light chain, and proofs from a populated state tree. Each sample is its canonical bytes.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../chain/block_fixture.hpp"
#include "../consensus/fixtures.hpp"
#include "../light/synthetic_chain.hpp"
#include "../state/smt_fixture.hpp"
#include "chain/account.hpp"
#include "chain/receipt.hpp"
#include "consensus/evidence.hpp"
#include "consensus/sign_guard.hpp"
#include "state/smt_proof.hpp"
#include "view/object_view.hpp"

namespace weft::test::view {

using weft::view::ViewKind;

struct Sample {
  std::string name;
  ViewKind kind;
  std::vector<std::uint8_t> bytes;
};

namespace detail {

namespace ch = weft::test::chain;
namespace cs = weft::test::consensus;

inline void add_chain_samples(std::vector<Sample>& out) {
  const auto alice = ch::test_key(1);
  const auto bob = ch::test_key(2);
  const std::vector<ch::TestKey> validators = {ch::test_key(3), ch::test_key(4), ch::test_key(5)};
  const auto genesis = ch::test_genesis({alice, bob}, validators);
  out.push_back({"genesis", ViewKind::Genesis, weft::chain::encode(genesis)});

  const auto transfer = ch::sign_tx(ch::make_transfer(alice, bob.address, 3 * ch::kWeft, 0), alice);
  const auto stake = ch::sign_tx(
      ch::make_staking(weft::chain::TxKind::Stake, bob, validators[0].public_key, ch::kWeft, 0),
      bob);
  const auto unstake = ch::sign_tx(
      ch::make_staking(weft::chain::TxKind::Unstake, bob, validators[0].public_key, 1, 1), bob);
  out.push_back({"transfer", ViewKind::Transaction, transfer});
  out.push_back({"stake", ViewKind::Transaction, stake});
  out.push_back({"unstake", ViewKind::Transaction, unstake});

  ch::BlockChain chain(genesis, validators);
  const auto first = chain.propose({transfer});
  REQUIRE(first.block.txs.size() == 1);
  out.push_back({"block at height 1", ViewKind::Block, weft::chain::encode(first.block)});
  const auto outcome = chain.accept(first.block);
  for (const auto& r : outcome.execution.receipts) {
    out.push_back({"receipt", ViewKind::Receipt, weft::chain::encode(r)});
  }
  chain.step({stake});

  // Height 3 carries a real last commit, a transaction and duplicate-vote evidence.
  const auto members = chain.set(1);
  const auto& culprit = chain.keys.at(members[1].public_key);
  weft::chain::Hash a{};
  a.fill(0xaa);
  const auto va = ch::signed_vote(culprit, weft::consensus::VoteType::Prevote, 1, 0, a, 1);
  const auto vb = ch::signed_vote(culprit, weft::consensus::VoteType::Prevote, 1, 0, {}, 1);
  const auto evidence = weft::consensus::make_duplicate_vote_evidence(va, vb);
  REQUIRE(evidence.has_value());
  const auto again = ch::sign_tx(ch::make_transfer(alice, bob.address, ch::kWeft, 1), alice);
  const auto third = chain.propose({again}, {*evidence});
  REQUIRE(third.block.txs.size() == 1);
  out.push_back({"block at height 3", ViewKind::Block, weft::chain::encode(third.block)});
  out.push_back({"header", ViewKind::Header, weft::chain::encode(third.block.header)});
  out.push_back({"evidence", ViewKind::Evidence, weft::consensus::encode_evidence(*evidence)});

  weft::chain::Receipt failed{{}, weft::chain::TxError::InsufficientBalance, 150'000, 1'500};
  failed.tx_id.fill(0x42);
  out.push_back({"failed receipt", ViewKind::Receipt, weft::chain::encode(failed)});
  out.push_back({"account", ViewKind::Account,
                 weft::chain::encode(weft::chain::AccountState{997 * ch::kWeft, 1})});
  out.push_back({"account at the u64 limits", ViewKind::Account,
                 weft::chain::encode(weft::chain::AccountState{UINT64_MAX, UINT64_MAX})});
}

inline void add_consensus_samples(std::vector<Sample>& out) {
  namespace c = weft::consensus;
  const cs::Network net({30, 20, 10, 10});
  out.push_back({"prevote", ViewKind::Vote,
                 c::encode_vote(net.vote(c::VoteType::Prevote, 9, 2, cs::block_id(7), 1))});
  out.push_back({"nil precommit", ViewKind::Vote,
                 c::encode_vote(net.vote(c::VoteType::Precommit, 9, 0, std::nullopt, 3))});
  out.push_back({"proposal", ViewKind::Proposal,
                 c::encode_proposal(net.proposal(9, 0, c::kNoRound, cs::block_id(7), 0))});
  out.push_back({"proposal with a proof of lock", ViewKind::Proposal,
                 c::encode_proposal(net.proposal(9, 3, 1, cs::block_id(7), 2))});
  out.push_back(
      {"commit", ViewKind::Commit, c::encode_commit(net.commit(9, 1, cs::block_id(7), {0, 1, 3}))});
  out.push_back({"empty commit", ViewKind::Commit, c::encode_commit(c::Commit{})});
  out.push_back({"validator set", ViewKind::ValidatorSet, c::encode_validator_set(net.set)});

  c::LastSigned locked;
  locked.height = 9;
  locked.round = 3;
  locked.step = c::SignedStep::Precommit;
  locked.block = cs::block_id(7);
  locked.locked_round = 2;
  locked.locked_block = cs::block_id(7);
  locked.valid_round = 3;
  locked.valid_block = cs::block_id(8);
  out.push_back({"last signed, locked", ViewKind::LastSigned, c::encode_last_signed(locked)});
  c::LastSigned proposal;
  proposal.height = 1;
  proposal.block = cs::block_id(1);
  out.push_back({"last signed, proposal", ViewKind::LastSigned, c::encode_last_signed(proposal)});
}

inline void add_light_samples(std::vector<Sample>& out) {
  weft::test::light::SyntheticChain chain(weft::test::light::fixed_shape(4));
  out.push_back(
      {"light block", ViewKind::LightBlock, weft::light::encode_light_block(chain.light_block(3))});
}

// Keys 0x00…, 0x01… and 0x40…: 0x80… ends at an empty subtree, 0x50… at the leaf of 0x40….
inline void add_state_samples(std::vector<Sample>& out) {
  weft::test::smt::Fixture tree;
  const auto key = [](std::uint8_t first) { return weft::test::smt::key_with_byte(0, first); };
  tree.set(key(0x00), {1});
  tree.set(key(0x01), {2});
  tree.set(key(0x40), {3});
  const auto proof = [&](std::uint8_t first) {
    auto p = tree.tree.prove(tree.root, key(first));
    REQUIRE(p.ok());
    return weft::state::encode_proof(p.value());
  };
  out.push_back({"inclusion proof", ViewKind::StateProof, proof(0x01)});
  out.push_back({"empty-subtree proof", ViewKind::StateProof, proof(0x80)});
  out.push_back({"other-leaf proof", ViewKind::StateProof, proof(0x50)});
}

} // namespace detail

// Built once per test run: the chain samples sign and execute real blocks.
inline const std::vector<Sample>& samples() {
  static const std::vector<Sample> all = [] {
    std::vector<Sample> out;
    detail::add_chain_samples(out);
    detail::add_consensus_samples(out);
    detail::add_light_samples(out);
    detail::add_state_samples(out);
    return out;
  }();
  return all;
}

inline const Sample& sample(std::string_view name) {
  for (const auto& s : samples()) {
    if (s.name == name) return s;
  }
  FAIL("no sample named " << name);
  return samples().front();
}

} // namespace weft::test::view
