// Views of every kind (docs/protocol/views.md): canonical bytes → JSON → bytes is the identity
// for realistic objects, the JSON is canonical (a fixed point, fixed key order, no whitespace)
// whatever order and spacing the input used, and signing digests and ids match the core's own.
#include <doctest/doctest.h>

#include <set>

#include "../hex.hpp"
#include "samples.hpp"
#include "view/json.hpp"
#include "view/object_view.hpp"

using namespace weft::view;
using weft::test::view::sample;
using weft::test::view::samples;

namespace {

std::string text_of(const weft::test::view::Sample& s) {
  const auto text = decode_view(s.kind, s.bytes);
  REQUIRE(text.ok());
  return text.value();
}

// The same members, last first, with whitespace everywhere JSON allows it.
std::string reordered(const Json& v) {
  switch (v.type()) {
  case JsonType::Array: {
    std::string out = "[ ";
    for (std::size_t i = 0; i < v.items().size(); ++i) {
      out += (i == 0 ? "" : " ,\n ") + reordered(v.items()[i]);
    }
    return out + " ]";
  }
  case JsonType::Object: {
    std::string out = "{\t";
    const auto& members = v.members();
    for (std::size_t i = members.size(); i-- > 0;) {
      out += "\"" + members[i].key + "\" : " + reordered(members[i].value);
      if (i != 0) out += " , ";
    }
    return out + "\r\n}";
  }
  default:
    return write_json(v);
  }
}

std::string filled(std::uint8_t byte, std::size_t n) {
  return weft::test::to_hex(std::vector<std::uint8_t>(n, byte));
}

} // namespace

TEST_CASE("view: every kind has a realistic sample") {
  std::set<std::uint32_t> kinds;
  for (const auto& s : samples()) kinds.insert(static_cast<std::uint32_t>(s.kind));
  CHECK(kinds.size() == kLastViewKind);
  CHECK(!view_kind(0).has_value());
  CHECK(view_kind(1) == ViewKind::Transaction);
  CHECK(view_kind(kLastViewKind) == ViewKind::StateProof);
  CHECK(!view_kind(kLastViewKind + 1).has_value());
}

TEST_CASE("view: decode, view, encode gives back the same bytes for every kind") {
  for (const auto& s : samples()) {
    CAPTURE(s.name);
    const std::string text = text_of(s);
    const auto bytes = encode_view(s.kind, text);
    REQUIRE(bytes.ok());
    CHECK(bytes.value() == s.bytes);
    // The text is canonical: the bytes it encodes view as exactly the same text.
    const auto again = decode_view(s.kind, bytes.value());
    REQUIRE(again.ok());
    CHECK(again.value() == text);
  }
}

TEST_CASE("view: member order and whitespace do not matter, the output is canonical") {
  for (const auto& s : samples()) {
    CAPTURE(s.name);
    const std::string text = text_of(s);
    const auto parsed = parse_json(text);
    REQUIRE(parsed.ok());
    CHECK(write_json(parsed.value()) == text);
    const std::string loose = reordered(parsed.value());
    const auto bytes = encode_view(s.kind, loose);
    REQUIRE(bytes.ok());
    CHECK(bytes.value() == s.bytes);
  }
}

TEST_CASE("view: the shapes of the objects") {
  CHECK(text_of(sample("account")) == R"({"balance":997000000000,"nonce":1})");
  CHECK(text_of(sample("account at the u64 limits")) ==
        R"({"balance":18446744073709551615,"nonce":18446744073709551615})");
  CHECK(text_of(sample("failed receipt")) ==
        R"({"txId":")" + filled(0x42, 32) +
            R"(","error":"TxError.InsufficientBalance","feeBurned":150000,"tip":1500})");
  CHECK(text_of(sample("empty commit")) ==
        R"({"height":0,"round":0,"block":")" + filled(0, 32) + R"(","signatures":[]})");
  CHECK(text_of(sample("last signed, proposal")) ==
        R"({"height":1,"round":0,"step":"proposal","block":")" + filled(1, 32) +
            R"(","polRound":null,"lockedRound":null,"lockedBlock":null,"validRound":null,)"
            R"("validBlock":null})");
  CHECK(text_of(sample("nil precommit"))
            .starts_with(
                R"({"type":"precommit","height":9,"round":0,"block":null,"validatorIndex":3,)"));
  CHECK(text_of(sample("proposal"))
            .starts_with(R"({"height":9,"round":0,"polRound":null,"block":")" + filled(7, 32)));
  CHECK(text_of(sample("proposal with a proof of lock"))
            .starts_with(R"({"height":9,"round":3,"polRound":1,)"));

  const std::string transfer = text_of(sample("transfer"));
  CHECK(transfer.starts_with(R"({"kind":"transfer","sender":")"));
  CHECK(transfer.find(R"(","validator":null,"amount":3000000000,"signature":")") !=
        std::string::npos);
  CHECK(text_of(sample("stake")).find(R"("to":null,"validator":")") != std::string::npos);
  CHECK(text_of(sample("unstake")).starts_with(R"({"kind":"unstake",)"));

  CHECK(text_of(sample("inclusion proof")).find(R"("otherKey":null,"otherValueHash":null})") !=
        std::string::npos);
  CHECK(text_of(sample("empty-subtree proof"))
            .starts_with(R"({"kind":"emptySubtree","depth":1,"bitmap":"80","siblings":[")"));
  CHECK(text_of(sample("other-leaf proof"))
            .starts_with(R"({"kind":"otherLeaf","depth":2,"bitmap":"40","siblings":[")"));
  CHECK(text_of(sample("other-leaf proof"))
            .find(R"("otherKey":"40)" + filled(0, 31) + R"(","otherValueHash":")") !=
        std::string::npos);

  const std::string block = text_of(sample("block at height 3"));
  CHECK(block.starts_with(R"({"header":{"chainId":"weft-test","height":3,)"));
  CHECK(block.find(R"("evidence":[{"kind":"duplicateVote","voteA":{"type":"prevote",)") !=
        std::string::npos);
  CHECK(block.find(R"("lastCommit":{"height":2,"round":0,"block":")") != std::string::npos);
  CHECK(text_of(sample("light block")).find(R"("validators":{"members":[{"publicKey":")") !=
        std::string::npos);
  CHECK(text_of(sample("genesis"))
            .find(R"("params":{"maxBlockBytes":2097152,"maxTxBytes":4096,"maxValidators":100,)") !=
        std::string::npos);
}

TEST_CASE("view: signing digests and ids are the core's own") {
  namespace c = weft::consensus;
  const auto& transfer = sample("transfer");
  const auto tx = weft::chain::decode_transaction(transfer.bytes);
  REQUIRE(tx.ok());
  const auto tx_digest = view_sign_digest(ViewKind::Transaction, transfer.bytes, "weft-test");
  REQUIRE(tx_digest.ok());
  CHECK(tx_digest.value() == weft::chain::tx_sign_digest("weft-test", tx.value()));
  const auto tx_id = view_id(ViewKind::Transaction, transfer.bytes);
  REQUIRE(tx_id.ok());
  CHECK(tx_id.value() == weft::chain::tx_id(transfer.bytes));

  const auto& vote_bytes = sample("prevote").bytes;
  const auto vote_digest = view_sign_digest(ViewKind::Vote, vote_bytes, "weft-test");
  REQUIRE(vote_digest.ok());
  CHECK(vote_digest.value() ==
        c::vote_sign_digest("weft-test", c::decode_vote(vote_bytes).value()));
  const auto& proposal_bytes = sample("proposal").bytes;
  const auto proposal_digest = view_sign_digest(ViewKind::Proposal, proposal_bytes, "weft-test");
  REQUIRE(proposal_digest.ok());
  CHECK(proposal_digest.value() ==
        c::proposal_sign_digest("weft-test", c::decode_proposal(proposal_bytes).value()));

  const auto& block = sample("block at height 3").bytes;
  const auto& header = sample("header").bytes;
  const auto block_id = view_id(ViewKind::Block, block);
  const auto header_id = view_id(ViewKind::Header, header);
  REQUIRE(block_id.ok());
  REQUIRE(header_id.ok());
  CHECK(block_id.value() == header_id.value());
  CHECK(header_id.value() == weft::chain::block_id(weft::chain::decode_header(header).value()));
}
