// The actions frame (abi/action_frame.hpp): each kind of action with its payload, read back by
// an independent reader, and one layout pinned byte for byte.
#include <doctest/doctest.h>

#include <vector>

#include "../consensus/fixtures.hpp"
#include "abi/action_frame.hpp"
#include "consensus/evidence.hpp"
#include "consensus/sign_guard.hpp"
#include "frame_reader.hpp"

namespace {

namespace c = weft::consensus;
using weft::abi::ActionTag;
using weft::abi::encode_actions;
using weft::test::abi::read_actions;
using weft::test::consensus::block_id;
using weft::test::consensus::kChain;
using weft::test::consensus::Network;

TEST_CASE("action frame: no actions is a zero count") {
  CHECK(encode_actions(kChain, {}) == c::Bytes{0});
}

TEST_CASE("action frame: a timeout, byte for byte") {
  const c::Actions actions{c::ScheduleTimeout{c::TimeoutKind::Prevote, 7, 2, 1500}};
  const c::Bytes expected{1, 3, 2, 0, 0, 0, 0, 0, 0, 0,    7,   0,
                          0, 0, 2, 0, 0, 0, 0, 0, 0, 0x05, 0xdc};
  CHECK(encode_actions(kChain, actions) == expected);
}

TEST_CASE("action frame: every kind of action round-trips through the reader") {
  const Network net({10, 10, 10, 10});
  const auto A = block_id(0xa);
  const auto B = block_id(0xb);
  const c::Proposal proposal{3, 1, c::kNoRound, A, {}};
  const c::Vote vote{c::VoteType::Precommit, 3, 1, A, 2, {}};
  const c::LastSigned record{3, 1, c::SignedStep::Precommit, A, c::kNoRound, 1, A, 1, A};
  const auto commit_a = net.commit(3, 1, A, {0, 1, 2});
  const auto commit_b = net.commit(3, 2, B, {1, 2, 3});
  const auto evidence = *c::make_duplicate_vote_evidence(
      net.vote(c::VoteType::Prevote, 3, 1, A, 0), net.vote(c::VoteType::Prevote, 3, 1, B, 0));

  const c::Actions actions{
      c::BroadcastProposal{proposal, record},
      c::BroadcastVote{vote, record},
      c::ScheduleTimeout{c::TimeoutKind::Propose, 3, 1, 3500},
      c::RequestValidity{3, B},
      c::RequestProposalBlock{3, 1},
      c::Decide{3, 1, A, commit_a},
      c::EvidenceFound{evidence},
      c::ConflictingCommits{commit_a, commit_b},
  };
  const auto framed = read_actions(encode_actions(kChain, actions));
  REQUIRE(framed.size() == 8);

  CHECK(framed[0].tag == ActionTag::BroadcastProposal);
  CHECK(framed[0].object == c::encode_proposal(proposal));
  CHECK(framed[0].record == c::encode_last_signed(record));
  CHECK(framed[0].digest == c::proposal_sign_digest(kChain, proposal));

  CHECK(framed[1].tag == ActionTag::BroadcastVote);
  CHECK(framed[1].object == c::encode_vote(vote));
  CHECK(framed[1].record == c::encode_last_signed(record));
  CHECK(framed[1].digest == c::vote_sign_digest(kChain, vote));
  // The digest is the chain's: another chain id signs something else.
  CHECK(framed[1].digest != c::vote_sign_digest("weft-other", vote));

  CHECK(framed[2].tag == ActionTag::ScheduleTimeout);
  CHECK(framed[2].kind == 1);
  CHECK(framed[2].height == 3);
  CHECK(framed[2].round == 1);
  CHECK(framed[2].duration_ms == 3500);

  CHECK(framed[3].tag == ActionTag::RequestValidity);
  CHECK(framed[3].height == 3);
  CHECK(framed[3].block == B);

  CHECK(framed[4].tag == ActionTag::RequestProposalBlock);
  CHECK(framed[4].height == 3);
  CHECK(framed[4].round == 1);

  CHECK(framed[5].tag == ActionTag::Decide);
  CHECK(framed[5].height == 3);
  CHECK(framed[5].round == 1);
  CHECK(framed[5].block == A);
  CHECK(framed[5].object == c::encode_commit(commit_a));

  CHECK(framed[6].tag == ActionTag::EvidenceFound);
  CHECK(framed[6].object == c::encode_evidence(evidence));

  CHECK(framed[7].tag == ActionTag::ConflictingCommits);
  CHECK(framed[7].object == c::encode_commit(commit_a));
  CHECK(framed[7].other == c::encode_commit(commit_b));
}

} // namespace
