// Commit, vote, proposal and evidence verification (docs/protocol/consensus.md §Commit
// validity): each failure has its named reason.
#include <doctest/doctest.h>

#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/vote.hpp"
#include "fixtures.hpp"

namespace c = weft::consensus;
using weft::test::consensus::block_id;
using weft::test::consensus::kChain;
using weft::test::consensus::Network;
using E = c::CommitError;

TEST_CASE("verify_commit: valid, and each failure named") {
  const Network net({10, 10, 10, 10}); // quorum: more than 26.67, i.e. 3 of 4
  const auto b = block_id(7);
  const auto good = net.commit(4, 1, b, {0, 1, 2});
  CHECK(c::verify_commit(kChain, net.set, good, 4, b).ok());
  CHECK(c::verify_commit(kChain, net.set, net.commit(4, 1, b, {0, 1, 2, 3}), 4, b).ok());

  CHECK(c::verify_commit(kChain, net.set, good, 5, b).error() == E::WrongHeight);
  CHECK(c::verify_commit(kChain, net.set, good, 4, block_id(8)).error() == E::WrongBlock);
  CHECK(c::verify_commit(kChain, net.set, net.commit(4, 1, b, {0, 1}), 4, b).error() ==
        E::InsufficientPower);
  auto unknown = good;
  unknown.signatures.push_back({4, {}});
  CHECK(c::verify_commit(kChain, net.set, unknown, 4, b).error() == E::UnknownValidator);
  auto dup = net.commit(4, 1, b, {0, 1, 1});
  CHECK(c::verify_commit(kChain, net.set, dup, 4, b).error() == E::DuplicateSignature);
  auto bad = good;
  bad.signatures[1].signature[5] ^= 1;
  CHECK(c::verify_commit(kChain, net.set, bad, 4, b).error() == E::BadSignature);
  // A signature for another round is not a signature for this one.
  auto other_round = good;
  other_round.signatures[2].signature = net.commit(4, 2, b, {2}).signatures[0].signature;
  CHECK(c::verify_commit(kChain, net.set, other_round, 4, b).error() == E::BadSignature);
  // Nor for another chain.
  CHECK(c::verify_commit("other-chain", net.set, good, 4, b).error() == E::BadSignature);
}

TEST_CASE("verify_commit: power, not head count") {
  const Network net({60, 20, 10, 10}); // set order: 60, 20, 10, 10
  const auto b = block_id(1);
  // 60 of 100 is not more than 2/3; three of four validators (40) are not either; 60 + 10 is.
  CHECK(c::verify_commit(kChain, net.set, net.commit(2, 0, b, {0}), 2, b).error() ==
        E::InsufficientPower);
  CHECK(c::verify_commit(kChain, net.set, net.commit(2, 0, b, {1, 2, 3}), 2, b).error() ==
        E::InsufficientPower);
  CHECK(c::verify_commit(kChain, net.set, net.commit(2, 0, b, {0, 2}), 2, b).ok());
}

TEST_CASE("verify_commit_trusting: at least the trust level of the trusted set") {
  // Trusted set: validators 1..4; the new set drops 1 and 2 and adds 5, 6.
  const Network old_net({10, 10, 10, 10});
  std::vector<c::ValidatorPower> members;
  std::vector<weft::test::ed25519::KeyPair> keys;
  for (const std::uint8_t i :
       {std::uint8_t{3}, std::uint8_t{4}, std::uint8_t{5}, std::uint8_t{6}}) {
    keys.push_back(weft::test::consensus::key(i));
    members.push_back({keys.back().public_key, 10});
  }
  Network new_net({1});
  new_net.keys = keys;
  new_net.set = c::ValidatorSet::create(members).value();
  const auto b = block_id(9);
  const auto idx = [&](std::uint8_t key_no) {
    return new_net.set.index_of(weft::test::consensus::key(key_no).public_key).value();
  };
  // Keys 3 and 4 are half the trusted power: enough for 1/3, not for 2/3.
  auto commit = new_net.commit(10, 0, b, {});
  for (auto k : {std::uint8_t{3}, std::uint8_t{4}, std::uint8_t{5}}) {
    commit.signatures.push_back(new_net.commit(10, 0, b, {idx(k)}).signatures[0]);
  }
  std::sort(commit.signatures.begin(), commit.signatures.end(),
            [](const auto& x, const auto& y) { return x.validator_index < y.validator_index; });
  CHECK(c::verify_commit(kChain, new_net.set, commit, 10, b).ok());
  CHECK(c::verify_commit_trusting(kChain, old_net.set, new_net.set, commit).ok());
  CHECK(c::verify_commit_trusting(kChain, old_net.set, new_net.set, commit, {2, 3}).error() ==
        E::NotEnoughTrust);
  CHECK(c::verify_commit_trusting(kChain, old_net.set, new_net.set, commit, {1, 2}).ok());
  // Exactly 1/3 is "at least 1/3": 10 of 30.
  const Network three({10, 10, 10});
  const auto c1 = three.commit(3, 0, b, {0});
  CHECK(c::verify_commit_trusting(kChain, three.set, three.set, c1).ok());
  CHECK(c::verify_commit_trusting(kChain, three.set, three.set, c1, {0, 3}).error() ==
        E::InvalidTrustLevel);
  CHECK(c::verify_commit_trusting(kChain, three.set, three.set, c1, {4, 3}).error() ==
        E::InvalidTrustLevel);
  // Only the counted signatures must verify, and they must.
  auto bad = commit;
  for (auto& s : bad.signatures) {
    if (s.validator_index == idx(3)) s.signature[0] ^= 1;
  }
  CHECK(c::verify_commit_trusting(kChain, old_net.set, new_net.set, bad).error() ==
        E::BadSignature);
}

TEST_CASE("verify_vote, verify_proposal, verify_evidence") {
  const Network net({10, 10, 10, 10});
  const auto v = net.vote(c::VoteType::Prevote, 3, 0, block_id(1), 2);
  CHECK(c::verify_vote(kChain, net.set, v).ok());
  auto wrong_index = v;
  wrong_index.validator_index = 1;
  CHECK(c::verify_vote(kChain, net.set, wrong_index).error() == c::VoteError::BadSignature);
  wrong_index.validator_index = 9;
  CHECK(c::verify_vote(kChain, net.set, wrong_index).error() == c::VoteError::UnknownValidator);
  // A prevote signature is not a precommit signature.
  auto as_precommit = v;
  as_precommit.type = c::VoteType::Precommit;
  CHECK(c::verify_vote(kChain, net.set, as_precommit).error() == c::VoteError::BadSignature);

  const auto p = net.proposal(3, 1, 0, block_id(2), 0);
  CHECK(c::verify_proposal(kChain, net.set[0].public_key, p));
  CHECK_FALSE(c::verify_proposal(kChain, net.set[1].public_key, p));

  const auto other = net.vote(c::VoteType::Prevote, 3, 0, std::nullopt, 2);
  const auto ev = c::make_duplicate_vote_evidence(v, other).value();
  CHECK(c::verify_evidence(kChain, net.set, ev).ok());
  auto forged = ev;
  forged.vote_b.signature[9] ^= 1;
  CHECK(c::verify_evidence(kChain, net.set, forged).error() == c::EvidenceError::BadSignature);
  auto same = ev;
  same.vote_b = same.vote_a;
  CHECK(c::verify_evidence(kChain, net.set, same).error() == c::EvidenceError::NotConflicting);
}
