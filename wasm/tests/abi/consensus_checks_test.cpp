// The stateless consensus calls (abi/consensus_checks.hpp): the sign guard over encoded records,
// signature attachment, and commit checks with their named refusals.
#include <doctest/doctest.h>

#include "../consensus/fixtures.hpp"
#include "abi/consensus_checks.hpp"
#include "abi/error_names.hpp"
#include "consensus/sign_guard.hpp"

namespace {

namespace c = weft::consensus;
using weft::abi::error_name;
using weft::abi::Session;
using weft::test::consensus::block_id;
using weft::test::consensus::kChain;
using weft::test::consensus::Network;

c::Bytes record(std::uint64_t height, std::uint32_t round, c::SignedStep step, c::MaybeBlock b) {
  return c::encode_last_signed(
      c::LastSigned{height, round, step, b, c::kNoRound, c::kNoRound, {}, c::kNoRound, {}});
}

TEST_CASE("consensus checks: the sign guard over encoded records") {
  using weft::abi::sign_guard_approve;
  const auto A = block_id(0xa);
  const auto prevote_a = record(5, 1, c::SignedStep::Prevote, A);
  CHECK(sign_guard_approve({}, prevote_a) == 0);        // nothing signed yet
  CHECK(sign_guard_approve(prevote_a, prevote_a) == 0); // the same message again
  CHECK(sign_guard_approve(prevote_a, record(5, 1, c::SignedStep::Precommit, A)) == 0);
  CHECK(error_name(sign_guard_approve(prevote_a, record(5, 1, c::SignedStep::Prevote, {}))) ==
        "SignGuardError.Conflict");
  CHECK(error_name(sign_guard_approve(prevote_a, record(5, 0, c::SignedStep::Precommit, A))) ==
        "SignGuardError.Regression");
  CHECK(error_name(sign_guard_approve(prevote_a, c::Bytes{})) == "DecodeError.Truncated");
  CHECK(error_name(sign_guard_approve(c::Bytes{2}, prevote_a)) == "DecodeError.UnknownVersion");
}

TEST_CASE("consensus checks: attaching a signature gives the signed encoding") {
  const Network net({10});
  const c::Vote unsigned_vote{c::VoteType::Prevote, 1, 0, block_id(1), 0, {}};
  const auto signed_vote = net.vote(c::VoteType::Prevote, 1, 0, block_id(1), 0);
  Session s;
  REQUIRE(weft::abi::attach_vote_signature(s, c::encode_vote(unsigned_vote),
                                           signed_vote.signature) == 0);
  CHECK(s.out == c::encode_vote(signed_vote));

  const auto signed_proposal = net.proposal(1, 0, c::kNoRound, block_id(1), 0);
  auto unsigned_proposal = signed_proposal;
  unsigned_proposal.signature = {};
  REQUIRE(weft::abi::attach_proposal_signature(s, c::encode_proposal(unsigned_proposal),
                                               signed_proposal.signature) == 0);
  CHECK(s.out == c::encode_proposal(signed_proposal));
  CHECK(error_name(weft::abi::attach_vote_signature(s, c::encode_proposal(unsigned_proposal),
                                                    {})) == "DecodeError.UnknownType");
}

TEST_CASE("consensus checks: commits are checked in the documented order") {
  const Network net({10, 10, 10, 10});
  const auto set = c::encode_validator_set(net.set);
  const auto A = block_id(0xa);
  const auto check = [&](const c::Commit& commit, const c::BlockId& block) {
    return error_name(
        weft::abi::check_commit(kChain, set, c::encode_commit(commit), 1, block, 100));
  };
  CHECK(check(net.commit(1, 0, A, {0, 1, 2}), A) == "");
  CHECK(check(net.commit(1, 0, A, {0, 1, 2}), block_id(0xb)) == "CommitError.WrongBlock");
  CHECK(check(net.commit(1, 0, A, {0, 1}), A) == "CommitError.InsufficientPower");
  auto forged = net.commit(1, 0, A, {0, 1, 2});
  forged.signatures[1].signature[5] ^= 1;
  CHECK(check(forged, A) == "CommitError.BadSignature");
  CHECK(error_name(weft::abi::check_commit("WEFT", set, c::encode_commit(forged), 1, A, 100)) ==
        "ConsensusError.InvalidChainId");
  // The chain's max_validators bounds the decoders.
  CHECK(error_name(weft::abi::check_commit(kChain, set, c::encode_commit(forged), 1, A, 3)) ==
        "DecodeError.LengthTooLarge");
}

} // namespace
