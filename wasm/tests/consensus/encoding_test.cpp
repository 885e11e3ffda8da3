// Canonical encodings of the consensus objects (docs/protocol.md, "Objects"): exact layouts,
// round trips, and every hand-made malformation rejected with its named reason.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "../hex.hpp"
#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "crypto/sha256.hpp"
#include "encoding/sign_digest.hpp"
#include "fixtures.hpp"

using weft::encoding::DecodeError;
namespace c = weft::consensus;
using weft::test::from_hex;
using weft::test::to_hex;
using weft::test::consensus::block_id;

namespace {

c::Vote sample_vote() {
  c::Vote v{c::VoteType::Precommit, 7, 2, block_id(0xab), 3, {}};
  v.signature.fill(0x5a);
  return v;
}

template <typename Decode> DecodeError error_of(Decode decode, const std::vector<std::uint8_t>& b) {
  const auto r = decode(b);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

auto vote_decoder = [](const std::vector<std::uint8_t>& b) { return c::decode_vote(b); };
auto proposal_decoder = [](const std::vector<std::uint8_t>& b) { return c::decode_proposal(b); };
auto commit_decoder = [](const std::vector<std::uint8_t>& b) { return c::decode_commit(b); };
auto evidence_decoder = [](const std::vector<std::uint8_t>& b) { return c::decode_evidence(b); };
auto set_decoder = [](const std::vector<std::uint8_t>& b) { return c::decode_validator_set(b); };

} // namespace

TEST_CASE("sign_digest: domain, kind and chain id are all inside the hash") {
  const std::vector<std::uint8_t> body{1, 2, 3};
  // SHA-256("weft/v1/" || "prevote" || 0x00 || 9 || "weft-test" || 01 02 03), from Python.
  CHECK(to_hex(weft::encoding::sign_digest("prevote", "weft-test", body)) ==
        "ebf7179ae477f5d465bb6b5ca88b164c012d89c5f341d19e38cadafa93e08104");
  CHECK(weft::encoding::sign_digest("prevote", "weft-test", body) !=
        weft::encoding::sign_digest("precommit", "weft-test", body));
  CHECK(weft::encoding::sign_digest("prevote", "weft-test", body) !=
        weft::encoding::sign_digest("prevote", "weft-tes", body));
  CHECK(weft::encoding::is_valid_chain_id("weft-devnet-1"));
  CHECK_FALSE(weft::encoding::is_valid_chain_id(""));
  CHECK_FALSE(weft::encoding::is_valid_chain_id("Weft"));
  CHECK_FALSE(weft::encoding::is_valid_chain_id(std::string(33, 'a')));
}

TEST_CASE("vote: exact layout and round trip") {
  const auto v = sample_vote();
  const auto bytes = c::encode_vote(v);
  const std::string expected = "01"               // version
                               "02"               // precommit
                               "0000000000000007" // height
                               "00000002"         // round
                               "01" +
                               to_hex(block_id(0xab)) + "00000003" + to_hex(v.signature);
  CHECK(to_hex(bytes) == expected);
  CHECK(bytes.size() == 1 + 1 + 8 + 4 + 1 + 32 + 4 + 64);
  const auto back = c::decode_vote(bytes);
  REQUIRE(back.ok());
  CHECK(back.value() == v);

  c::Vote nil = v;
  nil.block.reset();
  const auto nil_bytes = c::encode_vote(nil);
  CHECK(nil_bytes.size() == bytes.size() - 32);
  CHECK(c::decode_vote(nil_bytes).value() == nil);
  // The signature covers everything but itself.
  CHECK(c::vote_sign_bytes(v) == std::vector<std::uint8_t>(bytes.begin(), bytes.end() - 64));
}

TEST_CASE("vote: malformed bytes are rejected with their reason") {
  const auto good = c::encode_vote(sample_vote());
  auto b = good;
  b.pop_back();
  CHECK(error_of(vote_decoder, b) == DecodeError::Truncated);
  b = good;
  b.push_back(0);
  CHECK(error_of(vote_decoder, b) == DecodeError::TrailingBytes);
  b = good;
  b[0] = 2;
  CHECK(error_of(vote_decoder, b) == DecodeError::UnknownVersion);
  for (const std::uint8_t t : {std::uint8_t{0}, std::uint8_t{3}, std::uint8_t{0xff}}) {
    b = good;
    b[1] = t;
    CHECK(error_of(vote_decoder, b) == DecodeError::UnknownType);
  }
  b = good;
  b[14] = 2; // nil flag 2
  CHECK(error_of(vote_decoder, b) == DecodeError::ValueOutOfRange);
  b = good;
  std::fill(b.begin() + 2, b.begin() + 10, 0); // height 0
  CHECK(error_of(vote_decoder, b) == DecodeError::ValueOutOfRange);
  b = good;
  std::fill(b.begin() + 10, b.begin() + 14, 0xff); // round 0xFFFFFFFF
  CHECK(error_of(vote_decoder, b) == DecodeError::ValueOutOfRange);
  CHECK(error_of(vote_decoder, {}) == DecodeError::Truncated);
}

TEST_CASE("proposal: layout, round trip, pol_round range") {
  c::Proposal p{9, 3, 1, block_id(0x11), {}};
  p.signature.fill(0x22);
  const auto bytes = c::encode_proposal(p);
  CHECK(to_hex(bytes) == "01"
                         "0000000000000009"
                         "00000003"
                         "00000001" +
                             to_hex(p.block) + to_hex(p.signature));
  CHECK(c::decode_proposal(bytes).value() == p);
  c::Proposal none = p;
  none.pol_round = c::kNoRound;
  CHECK(c::decode_proposal(c::encode_proposal(none)).value() == none);

  auto b = bytes;
  b[16] = 3; // pol_round == round
  CHECK(error_of(proposal_decoder, b) == DecodeError::ValueOutOfRange);
  b = bytes;
  b[16] = 4; // pol_round > round
  CHECK(error_of(proposal_decoder, b) == DecodeError::ValueOutOfRange);
  b = bytes;
  b[0] = 0;
  CHECK(error_of(proposal_decoder, b) == DecodeError::UnknownVersion);
  b = bytes;
  b.push_back(1);
  CHECK(error_of(proposal_decoder, b) == DecodeError::TrailingBytes);
  b = bytes;
  b.resize(50);
  CHECK(error_of(proposal_decoder, b) == DecodeError::Truncated);
}

TEST_CASE("commit: layout, round trip, sorted signatures, the empty commit") {
  c::Commit commit{5, 1, block_id(0x33), {{0, {}}, {2, {}}, {7, {}}}};
  for (auto& s : commit.signatures) s.signature.fill(static_cast<std::uint8_t>(s.validator_index));
  const auto bytes = c::encode_commit(commit);
  CHECK(bytes.size() == 8 + 4 + 32 + 1 + 3 * (4 + 64));
  CHECK(c::decode_commit(bytes).value() == commit);

  auto unsorted = commit;
  std::swap(unsorted.signatures[1], unsorted.signatures[2]);
  CHECK(error_of(commit_decoder, c::encode_commit(unsorted)) == DecodeError::NotSorted);
  auto duplicate = commit;
  duplicate.signatures[1].validator_index = 0;
  CHECK(error_of(commit_decoder, c::encode_commit(duplicate)) == DecodeError::NotSorted);

  auto b = bytes;
  b[44] = 0x83; // count varint 0x83 0x?? — non-minimal / wrong continuation
  CHECK_FALSE(c::decode_commit(b).ok());
  b = bytes;
  b[44] = 101; // more signatures than max_validators (100)
  CHECK(error_of(commit_decoder, b) == DecodeError::LengthTooLarge);
  CHECK(c::decode_commit(bytes, 2).error() == DecodeError::LengthTooLarge);

  const c::Commit empty{};
  const auto empty_bytes = c::encode_commit(empty);
  CHECK(to_hex(empty_bytes) == std::string(2 * (8 + 4 + 32), '0') + "00");
  CHECK(c::decode_commit(empty_bytes).value() == empty);
  auto not_empty = empty;
  not_empty.round = 1;
  CHECK(error_of(commit_decoder, c::encode_commit(not_empty)) == DecodeError::ValueOutOfRange);
  not_empty = empty;
  not_empty.signatures.push_back({0, {}});
  CHECK(error_of(commit_decoder, c::encode_commit(not_empty)) == DecodeError::ValueOutOfRange);
}

TEST_CASE("evidence: canonical order, conflict required") {
  auto a = sample_vote();
  auto b = a;
  b.block = block_id(0xcd);
  const auto ev = c::make_duplicate_vote_evidence(b, a); // given out of order
  REQUIRE(ev.has_value());
  CHECK(ev->vote_a == a); // 0xab... sorts before 0xcd...
  const auto bytes = c::encode_evidence(*ev);
  CHECK(bytes[0] == 1);
  CHECK(bytes[1] == 1);
  CHECK(c::decode_evidence(bytes).value() == *ev);

  // Swapped order: NotSorted.
  weft::encoding::Writer w;
  w.u8(1);
  w.u8(1);
  c::write_vote(w, b);
  c::write_vote(w, a);
  CHECK(error_of(evidence_decoder, w.data()) == DecodeError::NotSorted);
  // Not a conflict: same block (ValueOutOfRange), or other validator/round/type.
  for (int which = 0; which < 4; ++which) {
    auto x = a;
    auto y = b;
    if (which == 0) y.block = x.block;
    if (which == 1) y.validator_index = 4;
    if (which == 2) y.round = 3;
    if (which == 3) y.type = c::VoteType::Prevote;
    CHECK_FALSE(c::make_duplicate_vote_evidence(x, y).has_value());
    weft::encoding::Writer w2;
    w2.u8(1);
    w2.u8(1);
    const bool x_first = c::encode_vote(x) < c::encode_vote(y);
    c::write_vote(w2, x_first ? x : y);
    c::write_vote(w2, x_first ? y : x);
    const auto e = error_of(evidence_decoder, w2.data());
    CHECK((e == DecodeError::ValueOutOfRange || e == DecodeError::NotSorted));
  }
  auto bad = bytes;
  bad[1] = 2;
  CHECK(error_of(evidence_decoder, bad) == DecodeError::UnknownType);
  bad = bytes;
  bad[0] = 9;
  CHECK(error_of(evidence_decoder, bad) == DecodeError::UnknownVersion);
  bad = bytes;
  bad.pop_back();
  CHECK(error_of(evidence_decoder, bad) == DecodeError::Truncated);
}

TEST_CASE("validator set: order, encoding, hash, malformed") {
  weft::test::consensus::Network net({5, 9, 5});
  const auto& set = net.set;
  CHECK(set.total_power() == 19);
  CHECK(set[0].power == 9); // power descending
  CHECK(set[1].public_key < set[2].public_key);
  const auto bytes = c::encode_validator_set(set);
  CHECK(bytes.size() == 1 + 3 * 40);
  CHECK(set.hash() == weft::crypto::sha256(bytes));
  const auto back = c::decode_validator_set(bytes);
  REQUIRE(back.ok());
  CHECK(back.value().members() == set.members());
  for (std::uint32_t i = 0; i < set.size(); ++i) CHECK(set.index_of(set[i].public_key) == i);
  CHECK_FALSE(set.index_of(c::PublicKey{}).has_value());

  auto b = bytes;
  std::swap_ranges(b.begin() + 1, b.begin() + 41, b.begin() + 41); // unsorted
  CHECK(error_of(set_decoder, b) == DecodeError::NotSorted);
  b = bytes;
  std::copy(b.begin() + 41, b.begin() + 81, b.begin() + 81); // duplicate entry
  CHECK(error_of(set_decoder, b) == DecodeError::NotSorted);
  b = bytes;
  std::fill(b.begin() + 33, b.begin() + 41, 0); // zero power
  CHECK(error_of(set_decoder, b) == DecodeError::ValueOutOfRange);
  CHECK(error_of(set_decoder, {0}) == DecodeError::ValueOutOfRange); // empty set
  {
    // One key twice, with different powers: sorted, but not a set.
    weft::encoding::Writer w;
    w.varint(2);
    w.fixed(c::PublicKey{7});
    w.u64(9);
    w.fixed(c::PublicKey{7});
    w.u64(3);
    CHECK(error_of(set_decoder, w.data()) == DecodeError::NotSorted);
  }
  CHECK(error_of(set_decoder, {101}) == DecodeError::LengthTooLarge);
  b = bytes;
  b.push_back(0);
  CHECK(error_of(set_decoder, b) == DecodeError::TrailingBytes);
  // Total power above kMaxTotalPower.
  weft::encoding::Writer w;
  w.varint(2);
  w.fixed(c::PublicKey{1});
  w.u64(c::kMaxTotalPower);
  w.fixed(c::PublicKey{2});
  w.u64(c::kMaxTotalPower);
  CHECK(error_of(set_decoder, w.data()) == DecodeError::ValueOutOfRange);
}
