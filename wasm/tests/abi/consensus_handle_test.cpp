// The consensus handle (abi/consensus_handle.hpp) driven as a host drives it: bytes in, framed
// actions out, every message signed through the sign digest the frame carries, and every
// message the machine reads verified first.
#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "../consensus/fixtures.hpp"
#include "abi/abi.hpp"
#include "abi/consensus_checks.hpp"
#include "abi/consensus_handle.hpp"
#include "abi/error_names.hpp"
#include "abi/priority_record.hpp"
#include "consensus/evidence.hpp"
#include "encoding/reader.hpp"
#include "frame_reader.hpp"

namespace {

namespace c = weft::consensus;
using weft::abi::ActionTag;
using weft::abi::ConsensusHandle;
using weft::abi::error_name;
using weft::abi::Session;
using weft::test::abi::FramedAction;
using weft::test::abi::only;
using weft::test::abi::read_actions;
using weft::test::consensus::block_id;
using weft::test::consensus::kChain;
using weft::test::consensus::Network;

const c::TimeoutParams kT{300, 100, 150, 50, 170, 60};
constexpr std::size_t kMaxValidators = 100;

// One node: a handle and the host glue around it, as member `me` of `net`'s set.
struct Host {
  const Network& net;
  std::optional<std::uint32_t> me;
  ConsensusHandle handle{kT, kMaxValidators};
  Session session;
  c::Bytes set = c::encode_validator_set(net.set);

  Host(const Network& n, std::optional<std::uint32_t> index) : net(n), me(index) {}

  std::optional<c::PublicKey> own_key() const {
    if (!me) return std::nullopt;
    return net.set[*me].public_key;
  }
  std::vector<FramedAction> applied(std::int32_t status) {
    REQUIRE_MESSAGE(status == ConsensusHandle::kApplied, error_name(status));
    return read_actions(session.out);
  }
  std::vector<FramedAction> start(std::uint64_t height = 1) {
    return applied(handle.start_height(session, kChain, height, set, own_key(), {}, {}));
  }
  // Signs a Broadcast action with our key, as the host would after the sign guard approved it.
  c::Bytes sign(const FramedAction& a) const {
    const auto signature = weft::test::ed25519::sign(net.signer(*me), a.digest);
    Session out;
    const auto status = a.tag == ActionTag::BroadcastVote
                            ? weft::abi::attach_vote_signature(out, a.object, signature)
                            : weft::abi::attach_proposal_signature(out, a.object, signature);
    REQUIRE(status == 0);
    return out.out;
  }
  std::int32_t vote(const c::Vote& v) { return handle.on_vote(session, c::encode_vote(v)); }
};

FramedAction single(const std::vector<FramedAction>& actions, ActionTag tag) {
  const auto found = only(actions, tag);
  REQUIRE(found.size() == 1);
  return found.front();
}

TEST_CASE("consensus handle: a single validator proposes, votes and decides") {
  const Network net({10});
  Host host(net, 0);
  const auto A = block_id(0xa);

  auto actions = host.start();
  CHECK(single(actions, ActionTag::ScheduleTimeout).kind == 1);
  const auto ask = single(actions, ActionTag::RequestProposalBlock);
  CHECK(ask.height == 1);
  CHECK(ask.round == 0);

  actions = host.applied(host.handle.on_proposal_block(host.session, 1, 0, A));
  const auto propose = single(actions, ActionTag::BroadcastProposal);
  const auto proposal = c::decode_proposal(propose.object);
  REQUIRE(proposal.ok());
  CHECK(proposal.value().block == A);
  CHECK(proposal.value().signature == c::Signature{});
  CHECK(propose.digest == c::proposal_sign_digest(kChain, proposal.value()));
  const auto record = c::decode_last_signed(propose.record);
  REQUIRE(record.ok());
  CHECK(record.value().step == c::SignedStep::Proposal);

  // Our own proposal counts only once it comes back signed.
  actions = host.applied(host.handle.on_proposal(host.session, host.sign(propose)));
  CHECK(single(actions, ActionTag::RequestValidity).block == A);
  actions = host.applied(host.handle.on_block_validity(host.session, A, true));
  const auto prevote = single(actions, ActionTag::BroadcastVote);
  CHECK(c::decode_vote(prevote.object).value().type == c::VoteType::Prevote);

  actions = host.applied(host.handle.on_vote(host.session, host.sign(prevote)));
  const auto precommit = single(actions, ActionTag::BroadcastVote);
  CHECK(c::decode_vote(precommit.object).value().type == c::VoteType::Precommit);
  CHECK(host.handle.machine().locked_round() == 0);

  actions = host.applied(host.handle.on_vote(host.session, host.sign(precommit)));
  const auto decide = single(actions, ActionTag::Decide);
  CHECK(decide.height == 1);
  CHECK(decide.block == A);
  CHECK(host.handle.machine().step() == c::Step::Decided);
  CHECK(weft::abi::check_commit(kChain, host.set, decide.object, 1, A, kMaxValidators) == 0);
  CHECK(error_name(weft::abi::check_commit(kChain, host.set, decide.object, 2, A,
                                           kMaxValidators)) == "CommitError.WrongHeight");
}

TEST_CASE("consensus handle: messages are verified before the machine reads them") {
  const Network net({10, 10, 10, 10});
  const std::uint32_t proposer = net.set.proposer_index();
  Host host(net, (proposer + 1) % 4);
  host.start();
  const auto A = block_id(0xa);
  const std::uint32_t other = (proposer + 2) % 4;

  // A vote whose signature does not match: rejected by name, nothing counted.
  auto forged = net.vote(c::VoteType::Prevote, 1, 0, A, other);
  forged.signature[0] ^= 1;
  CHECK(error_name(host.vote(forged)) == "VoteError.BadSignature");
  CHECK(error_name(host.vote(c::Vote{c::VoteType::Prevote, 1, 0, A, 9, {}})) ==
        "VoteError.UnknownValidator");
  CHECK(host.handle.machine().power_seen(0, c::VoteType::Prevote) == 0);
  CHECK(host.applied(host.vote(net.vote(c::VoteType::Prevote, 1, 0, A, other))).empty());
  CHECK(host.handle.machine().power_seen(0, c::VoteType::Prevote) == 10);

  // A vote for the next height: not verified, not read, and its height and round come back.
  CHECK(host.vote(net.vote(c::VoteType::Prevote, 2, 3, A, other)) == ConsensusHandle::kOtherHeight);
  weft::encoding::Reader r(host.session.out);
  CHECK(r.u64() == 2);
  CHECK(r.u32() == 3);
  CHECK(r.finish());

  // A proposal signed by anyone but the round's proposer.
  CHECK(error_name(host.handle.on_proposal(
            host.session, c::encode_proposal(net.proposal(1, 0, c::kNoRound, A, other)))) ==
        "ConsensusError.BadProposalSignature");
  CHECK(host.handle.on_proposal(
            host.session, c::encode_proposal(net.proposal(1, 100, c::kNoRound, A, proposer))) ==
        ConsensusHandle::kOtherHeight);
  const auto actions = host.applied(host.handle.on_proposal(
      host.session, c::encode_proposal(net.proposal(1, 0, c::kNoRound, A, proposer))));
  CHECK(single(actions, ActionTag::RequestValidity).block == A);

  CHECK(error_name(host.handle.on_vote(host.session, c::Bytes{1, 2, 3})) ==
        "DecodeError.Truncated");
  CHECK(error_name(host.handle.on_timeout(host.session, 9, 1, 0)) ==
        "ConsensusError.UnknownTimeoutKind");
  CHECK(error_name(host.handle.votes(host.session, 0, 3)) == "ConsensusError.UnknownVoteType");
}

TEST_CASE("consensus handle: a commit decides only once verified") {
  const Network net({10, 10, 10, 10});
  Host host(net, std::nullopt); // a follower: no key, no broadcasts
  host.start();
  const auto A = block_id(0xa);

  CHECK(error_name(
            host.handle.on_commit(host.session, c::encode_commit(net.commit(1, 0, A, {0, 1})))) ==
        "CommitError.InsufficientPower");
  auto actions = host.applied(
      host.handle.on_commit(host.session, c::encode_commit(net.commit(1, 0, A, {0, 1, 2}))));
  CHECK(single(actions, ActionTag::RequestValidity).block == A);
  CHECK(only(actions, ActionTag::BroadcastVote).empty());
  actions = host.applied(host.handle.on_block_validity(host.session, A, true));
  CHECK(single(actions, ActionTag::Decide).block == A);
}

TEST_CASE("consensus handle: an equivocating validator yields evidence that verifies") {
  const Network net({10, 10, 10, 10});
  Host host(net, 0);
  host.start();
  CHECK(host.applied(host.vote(net.vote(c::VoteType::Prevote, 1, 0, block_id(0xa), 1))).empty());
  const auto actions =
      host.applied(host.vote(net.vote(c::VoteType::Prevote, 1, 0, block_id(0xb), 1)));
  const auto evidence = single(actions, ActionTag::EvidenceFound);
  CHECK(weft::abi::check_evidence(kChain, host.set, evidence.object, kMaxValidators) == 0);
  CHECK(error_name(weft::abi::check_evidence("weft-other", host.set, evidence.object,
                                             kMaxValidators)) == "EvidenceError.BadSignature");

  // The votes gossip would relay: both of validator 1's, ascending by validator.
  REQUIRE(host.handle.votes(host.session, 0, 1) == 0);
  weft::encoding::Reader r(host.session.out);
  CHECK(r.varint(10) == 2);
}

TEST_CASE("consensus handle: refusals before the machine starts a height") {
  const Network net({10, 10, 10});
  Host host(net, 0);
  CHECK(error_name(host.handle.start_next_height(host.session, host.set, std::nullopt, {})) ==
        "AbiError.NotStarted");
  CHECK(error_name(host.handle.priorities(host.session)) == "AbiError.NotStarted");
  CHECK(host.handle.proposer_key(host.session, 0) == 0);
  // Messages before the first height are for another height.
  CHECK(host.vote(net.vote(c::VoteType::Prevote, 1, 0, block_id(1), 0)) ==
        ConsensusHandle::kOtherHeight);

  const auto start = [&](std::string_view chain, std::uint64_t height, const c::Bytes& set,
                         const c::Bytes& last, const c::Bytes& priorities) {
    return error_name(
        host.handle.start_height(host.session, chain, height, set, std::nullopt, last, priorities));
  };
  CHECK(start("Weft", 1, host.set, {}, {}) == "ConsensusError.InvalidChainId");
  CHECK(start(kChain, 0, host.set, {}, {}) == "ConsensusError.HeightOutOfRange");
  CHECK(start(kChain, 1, c::Bytes{0}, {}, {}) == "DecodeError.ValueOutOfRange");
  CHECK(start(kChain, 1, host.set, c::Bytes{9}, {}) == "DecodeError.UnknownVersion");
  const auto four = weft::abi::encode_priority_record(Network({1, 2, 3, 4}).set);
  CHECK(start(kChain, 1, host.set, {}, four) == "ConsensusError.PrioritiesMismatch");
  CHECK(host.handle.machine().step() == c::Step::Idle); // no refusal changed anything
}

// Proposers of rounds 0..5 as the handle answers them.
std::vector<c::PublicKey> proposers(Host& host) {
  std::vector<c::PublicKey> out;
  for (std::uint32_t r = 0; r < 6; ++r) {
    REQUIRE(host.handle.proposer_key(host.session, r) == 1);
    c::PublicKey key;
    std::copy(host.session.out.begin(), host.session.out.end(), key.begin());
    out.push_back(key);
  }
  return out;
}

TEST_CASE("consensus handle: the next height carries proposer priorities; a restart restores "
          "them") {
  const Network net({50, 30, 15, 5});
  Host host(net, 0);
  host.start();

  // Height 2's set as the chain stores it: validator 3 left, a newcomer joined.
  const auto newcomer = weft::test::consensus::key(9).public_key;
  const std::vector<c::ValidatorPower> changes{{net.set[3].public_key, 0}, {newcomer, 20}};
  const auto expected = net.set.next_height(changes).value();
  const auto next_set = c::encode_validator_set(expected);
  host.applied(host.handle.start_next_height(host.session, next_set, host.own_key(), {}));
  CHECK(host.handle.machine().height() == 2);
  const auto seen = proposers(host);
  for (std::uint32_t r = 0; r < 6; ++r) {
    CHECK(seen[r] == expected.for_round(r).proposer().public_key);
  }

  // A restart at height 2 with the persisted record picks the same proposers.
  REQUIRE(host.handle.priorities(host.session) == 0);
  const auto record = host.session.out;
  Host restarted(net, 0);
  restarted.applied(restarted.handle.start_height(restarted.session, kChain, 2, next_set,
                                                  host.own_key(), {}, record));
  CHECK(proposers(restarted) == seen);
}

} // namespace
