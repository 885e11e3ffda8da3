// Block validity and execution through the full rules: every BlockError reason, evidence from
// conflicting votes to slashing, and a 100-block chain that replays to the same state root
// (docs/protocol/transactions.md §Block validity).
#include <doctest/doctest.h>

#include "block_fixture.hpp"
#include "chain/tx_merkle.hpp"
#include "consensus/evidence.hpp"
#include "consensus/validator_set.hpp"

using namespace weft::test::chain;

namespace {

std::vector<TestKey> validators() {
  return {test_key(3), test_key(4), test_key(5), test_key(6)};
}

Genesis genesis() {
  return test_genesis({test_key(1), test_key(2)}, validators());
}

BlockError reject(BlockChain& chain, const Block& b, BlockDiagnostics* d = nullptr) {
  auto r = chain.validate(b, d);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

} // namespace

TEST_CASE("block: built blocks validate, and the validators hash matches consensus'") {
  BlockChain chain(genesis(), validators());
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const auto out = chain.step({sign_tx(make_transfer(alice, bob.address, kWeft, 0), alice)});
  CHECK(out.execution.receipts.size() == 1);
  CHECK(chain.last->height == 1);
  CHECK(chain.last->previous_block == Hash{});
  CHECK(chain.exec.account(bob.address).balance == 1001 * kWeft);
  chain.step();
  CHECK(chain.last->height == 2);

  std::vector<weft::consensus::ValidatorPower> members;
  for (const auto& v : chain.set(2)) members.push_back({v.public_key, v.power});
  auto cset = weft::consensus::ValidatorSet::create(members);
  REQUIRE(cset.ok());
  CHECK(cset.value().hash() == chain.last->validators_hash);
}

TEST_CASE("block: the builder skips what would fail and keeps to the size cap") {
  BlockChain chain(genesis(), validators());
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const std::vector<Bytes> pool = {
      sign_tx(make_transfer(alice, bob.address, kWeft, 0), alice),
      sign_tx(make_transfer(alice, bob.address, kWeft, 0), alice), // same nonce again
      sign_tx(make_transfer(alice, bob.address, kWeft, 2), alice), // gap
      Bytes{1, 2, 3},
      sign_tx(make_transfer(alice, bob.address, kWeft, 1), alice),
      sign_tx(make_staking(TxKind::Unstake, bob, alice.public_key, 1, 0), bob),
  };
  const auto built = chain.propose(pool);
  CHECK(built.block.txs == std::vector<Bytes>{pool[0], pool[4]});
  REQUIRE(built.skipped.size() == 4);
  CHECK(built.skipped[0] == std::pair<std::size_t, TxError>{1, TxError::NonceTooLow});
  CHECK(built.skipped[1] == std::pair<std::size_t, TxError>{2, TxError::NonceTooHigh});
  CHECK(built.skipped[2] == std::pair<std::size_t, TxError>{3, TxError::Malformed});
  CHECK(built.skipped[3] == std::pair<std::size_t, TxError>{5, TxError::UnstakeExceedsBond});
  chain.accept(built.block);
}

TEST_CASE("block: every header rule has its reason") {
  BlockChain chain(genesis(), validators());
  chain.step();
  const auto alice = test_key(1);
  const auto built =
      chain.propose({sign_tx(make_transfer(alice, test_key(2).address, 1, 0), alice)});
  const Block good = built.block;
  REQUIRE(chain.validate(good).ok());

  auto mutated = [&](auto f) {
    Block b = good;
    f(b);
    return reject(chain, b);
  };
  CHECK(mutated([](Block& b) { b.header.chain_id = "weft-other"; }) == BlockError::WrongChain);
  CHECK(mutated([](Block& b) { b.header.height = 3; }) == BlockError::WrongHeight);
  CHECK(mutated([&](Block& b) { b.header.time = chain.exec.time; }) ==
        BlockError::TimeNotIncreasing);
  CHECK(mutated([](Block& b) { b.header.previous_block[0] ^= 1; }) ==
        BlockError::WrongPreviousBlock);
  CHECK(mutated([](Block& b) { b.header.last_commit_hash[0] ^= 1; }) ==
        BlockError::WrongLastCommitHash);
  CHECK(mutated([&](Block& b) {
          // Two of four equal-power signers are not more than 2/3.
          b.last_commit = chain.commit_for(*chain.last, 2);
          b.header.last_commit_hash = weft::consensus::commit_hash(b.last_commit);
        }) == BlockError::BadLastCommit);
  CHECK(mutated([&](Block& b) {
          b.last_commit.signatures[0].signature[5] ^= 1;
          b.header.last_commit_hash = weft::consensus::commit_hash(b.last_commit);
        }) == BlockError::BadLastCommit);
  CHECK(mutated([](Block& b) { b.header.tx_root[0] ^= 1; }) == BlockError::WrongTxRoot);
  CHECK(mutated([](Block& b) { b.header.validators_hash[0] ^= 1; }) ==
        BlockError::WrongValidatorsHash);
  CHECK(mutated([](Block& b) { b.header.next_validators_hash[0] ^= 1; }) ==
        BlockError::WrongNextValidatorsHash);
  CHECK(mutated([](Block& b) { b.header.proposer = test_key(1).address; }) ==
        BlockError::WrongProposer);
  CHECK(mutated([](Block& b) { b.header.base_fee_per_byte += 1; }) == BlockError::WrongBaseFee);
  CHECK(mutated([](Block& b) { b.header.evidence_hash[0] ^= 1; }) == BlockError::WrongEvidenceHash);
  CHECK(mutated([](Block& b) { b.header.state_root[0] ^= 1; }) == BlockError::WrongStateRoot);

  // The expected proposer from consensus' selection, when the caller has it.
  {
    BlockContext ctx{kChainId, &*chain.last, test_key(6).address};
    const Address real = good.header.proposer;
    REQUIRE(real != test_key(6).address);
    auto r = validate_block(encode(good), chain.exec.smt, chain.exec.root, ctx);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == BlockError::WrongProposer);
  }
  // The previous header must be the one the state belongs to.
  {
    Header other = *chain.last;
    other.state_root[0] ^= 1;
    auto r = validate_block(encode(good), chain.exec.smt, chain.exec.root,
                            BlockContext{kChainId, &other, std::nullopt});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == BlockError::StateMismatch);
  }
  // A root the store does not hold.
  {
    Hash unknown{};
    unknown.fill(0x42);
    auto r = validate_block(encode(good), chain.exec.smt, unknown,
                            BlockContext{kChainId, &*chain.last, std::nullopt});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == BlockError::StateUnavailable);
  }
  // Bytes: garbage, and more than max_block_bytes.
  {
    auto r = validate_block(Bytes{1, 2, 3}, chain.exec.smt, chain.exec.root,
                            BlockContext{kChainId, &*chain.last, std::nullopt});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == BlockError::Malformed);
    Bytes huge(chain.exec.params().max_block_bytes + 1, 0);
    auto r2 = validate_block(huge, chain.exec.smt, chain.exec.root,
                             BlockContext{kChainId, &*chain.last, std::nullopt});
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error() == BlockError::TooLarge);
  }
}

TEST_CASE("block: height 1 carries the empty commit and zero hashes") {
  BlockChain chain(genesis(), validators());
  const Block good = chain.propose({}).block;
  CHECK(good.header.last_commit_hash == Hash{});
  Block b = good;
  b.header.last_commit_hash[0] = 1;
  CHECK(reject(chain, b) == BlockError::WrongLastCommitHash);
  b = good;
  b.last_commit.round = 1;
  // A height-0 commit with round 1 does not even decode.
  CHECK(reject(chain, b) == BlockError::Malformed);
}

TEST_CASE("block: a bad transaction names its index and reason") {
  BlockChain chain(genesis(), validators());
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const Bytes ok0 = sign_tx(make_transfer(alice, bob.address, 1, 0), alice);
  const Bytes ok1 = sign_tx(make_transfer(alice, bob.address, 1, 1), alice);
  Block b = chain.propose({ok0, ok1}).block;
  REQUIRE(b.txs.size() == 2);

  auto with_txs = [&](std::vector<Bytes> txs) {
    Block m = b;
    m.txs = std::move(txs);
    std::vector<Hash> ids;
    for (const auto& t : m.txs) ids.push_back(tx_id(t));
    m.header.tx_root = tx_root(ids);
    return m;
  };
  BlockDiagnostics d;
  Bytes forged = ok1;
  forged[forged.size() - 1] ^= 1; // the signature's last byte
  CHECK(reject(chain, with_txs({ok0, forged}), &d) == BlockError::InvalidTransaction);
  CHECK(d.tx_index == 1u);
  CHECK(d.tx_error == TxError::BadSignature);
  d = {};
  CHECK(reject(chain, with_txs({ok1, ok0}), &d) == BlockError::InvalidTransaction);
  CHECK(d.tx_index == 0u);
  CHECK(d.tx_error == TxError::NonceTooHigh);
  d = {};
  CHECK(reject(chain, with_txs({ok0, Bytes{1}}), &d) == BlockError::InvalidTransaction);
  CHECK(d.tx_error == TxError::Malformed);
}

TEST_CASE("block: committed duplicate-vote evidence slashes and jails") {
  BlockChain chain(genesis(), validators());
  chain.step();
  chain.step();
  const auto members = chain.set(1);
  const TestKey& culprit = chain.keys.at(members[1].public_key);
  Hash a{};
  a.fill(0xaa);
  Hash b{};
  b.fill(0xbb);
  const auto va = signed_vote(culprit, weft::consensus::VoteType::Prevote, 1, 0, a, 1);
  const auto vb = signed_vote(culprit, weft::consensus::VoteType::Prevote, 1, 0, b, 1);
  const auto evidence = weft::consensus::make_duplicate_vote_evidence(va, vb);
  REQUIRE(evidence.has_value());

  // Invalid versions first: a forged signature, and evidence from the block's own height.
  {
    auto forged = *evidence;
    forged.vote_b.signature[3] ^= 1;
    Block bad = chain.propose({}).block;
    bad.evidence = {forged};
    bad.header.evidence_hash = evidence_hash(bad.evidence);
    BlockDiagnostics d;
    CHECK(reject(chain, bad, &d) == BlockError::InvalidEvidence);
    CHECK(d.evidence_index == 0u);
    const auto fa = signed_vote(culprit, weft::consensus::VoteType::Prevote, 3, 0, a, 1);
    const auto fb = signed_vote(culprit, weft::consensus::VoteType::Prevote, 3, 0, b, 1);
    bad.evidence = {*weft::consensus::make_duplicate_vote_evidence(fa, fb)};
    bad.header.evidence_hash = evidence_hash(bad.evidence);
    CHECK(reject(chain, bad) == BlockError::InvalidEvidence);
  }

  const auto out = chain.step({}, {*evidence});
  CHECK(out.execution.slashed == 5 * kWeft);
  const auto record = chain.view().validator(culprit.public_key);
  CHECK(record->bonded == 95 * kWeft);
  CHECK(record->jailed_until == 3 + chain.exec.params().jail_blocks);
  const auto later = chain.set(5);
  CHECK(std::none_of(later.begin(), later.end(),
                     [&](const ValidatorPower& v) { return v.public_key == culprit.public_key; }));
  // Proposing the same evidence again: a duplicate.
  BuiltBlock again_built;
  {
    BlockProposal p;
    p.chain_id = kChainId;
    p.previous = &*chain.last;
    p.time = chain.exec.time + 1000;
    p.proposer = address_of(chain.set(chain.exec.height + 1).front().public_key);
    p.last_commit = chain.last_commit;
    p.evidence = {*evidence};
    auto r = build_block(chain.exec.smt, chain.exec.root, p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == BlockError::DuplicateEvidence);
  }
}

namespace {

// A deterministic workload: transfers among ten accounts, with stakes and unstakes mixed in.
Hash run_chain(std::size_t blocks, std::vector<Hash>* ids) {
  std::vector<TestKey> users;
  for (std::uint8_t i = 0; i < 10; ++i)
    users.push_back(test_key(static_cast<std::uint8_t>(20 + i)));
  // Users who stake become validators and sign commits too.
  std::vector<TestKey> signers = validators();
  signers.insert(signers.end(), users.begin(), users.end());
  BlockChain chain(test_genesis(users, validators()), signers);
  std::vector<std::uint64_t> nonces(users.size(), 0);
  std::uint64_t x = 12345;
  auto next = [&] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(x >> 33);
  };
  for (std::size_t h = 1; h <= blocks; ++h) {
    std::vector<Bytes> txs;
    for (int k = 0; k < 8; ++k) {
      const std::size_t from = next() % users.size();
      const std::size_t to = next() % users.size();
      const std::size_t kind = next() % 10;
      Transaction tx;
      if (kind == 0) {
        tx = make_staking(TxKind::Stake, users[from], users[from].public_key, 2 * kWeft,
                          nonces[from]);
      } else if (kind == 1) {
        tx =
            make_staking(TxKind::Unstake, users[from], users[from].public_key, kWeft, nonces[from]);
      } else {
        tx = make_transfer(users[from], users[to].address, (next() % 1000 + 1) * 1000, nonces[from],
                           3000, next() % 20);
      }
      txs.push_back(sign_tx(tx, users[from]));
      ++nonces[from];
    }
    auto built = chain.propose(txs);
    // Skipped transactions leave their nonce unused: reuse it next time.
    for (const auto& [index, reason] : built.skipped) {
      (void)reason;
      const Transaction tx = decode_transaction(txs[index]).value();
      for (std::size_t u = 0; u < users.size(); ++u)
        if (users[u].public_key == tx.sender) nonces[u] = std::min(nonces[u], tx.nonce);
    }
    chain.accept(built.block);
    if (ids) ids->push_back(block_id(*chain.last));
  }
  return chain.exec.root;
}

} // namespace

TEST_CASE("block: a 100-block chain replays to the same state root") {
  std::vector<Hash> first;
  std::vector<Hash> second;
  const Hash a = run_chain(100, &first);
  const Hash b = run_chain(100, &second);
  CHECK(a == b);
  CHECK(first == second);
  CHECK(first.size() == 100);
}
