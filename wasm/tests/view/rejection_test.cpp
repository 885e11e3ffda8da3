// Every way a view is refused (docs/protocol/views.md, "Errors"): the view's own reasons for a
// malformed shape — at every depth of every kind — and the canonical decoder's reasons, unchanged,
// for a well-formed view of an object the rules do not allow.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "../hex.hpp"
#include "samples.hpp"
#include "view/json.hpp"
#include "view/object_view.hpp"

using namespace weft::view;
using weft::test::view::sample;
using weft::test::view::Sample;
using weft::test::view::samples;

namespace {

Json view_of(const Sample& s) {
  const auto text = decode_view(s.kind, s.bytes);
  REQUIRE(text.ok());
  auto parsed = parse_json(text.value());
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}

std::string refusal(ViewKind kind, const Json& view) {
  const auto bytes = encode_view(kind, view);
  REQUIRE_FALSE(bytes.ok());
  return std::string(failure_name(bytes.error()));
}

std::string refusal(ViewKind kind, std::string_view text) {
  const auto bytes = encode_view(kind, text);
  REQUIRE_FALSE(bytes.ok());
  return std::string(failure_name(bytes.error()));
}

const Json& at(const Json& object, std::string_view key) {
  const Json* v = object.find(key);
  REQUIRE(v != nullptr);
  return *v;
}

// `object` with `key` set to `value` (added at the end when absent).
Json with(const Json& object, std::string_view key, Json value) {
  Json::Object members = object.members();
  for (auto& m : members) {
    if (m.key == key) {
      m.value = std::move(value);
      return Json::object(std::move(members));
    }
  }
  members.push_back(member(key, std::move(value)));
  return Json::object(std::move(members));
}

Json without(const Json& object, std::string_view key) {
  Json::Object members;
  for (const auto& m : object.members()) {
    if (m.key != key) members.push_back(m);
  }
  return Json::object(std::move(members));
}

// `object` with the array under `key` replaced by `edit` of it.
Json with_items(const Json& object, std::string_view key,
                const std::function<void(Json::Array&)>& edit) {
  Json::Array items = at(object, key).items();
  edit(items);
  return with(object, key, Json::array(std::move(items)));
}

using Edit = std::function<std::vector<Json>(const Json& object)>;

// Every copy of `v` in which one object, at any depth, is replaced by one of edit(object).
std::vector<Json> variants(const Json& v, const Edit& edit) {
  std::vector<Json> out;
  if (v.is(JsonType::Object)) {
    out = edit(v);
    const auto& members = v.members();
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (auto& inner : variants(members[i].value, edit)) {
        Json::Object copy = members;
        copy[i].value = std::move(inner);
        out.push_back(Json::object(std::move(copy)));
      }
    }
  } else if (v.is(JsonType::Array)) {
    const auto& items = v.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      for (auto& inner : variants(items[i], edit)) {
        Json::Array copy = items;
        copy[i] = std::move(inner);
        out.push_back(Json::array(std::move(copy)));
      }
    }
  }
  return out;
}

std::string hex_of(std::uint8_t byte, std::size_t n) {
  return weft::test::to_hex(std::vector<std::uint8_t>(n, byte));
}

Json hex_json(std::uint8_t byte, std::size_t n) {
  return Json::string(hex_of(byte, n));
}

} // namespace

TEST_CASE("view rejects: a missing key, an unknown key or a wrong type anywhere, in every kind") {
  const Edit missing = [](const Json& object) {
    std::vector<Json> out;
    for (const auto& m : object.members()) out.push_back(without(object, m.key));
    return out;
  };
  const Edit unknown = [](const Json& object) {
    return std::vector<Json>{with(object, "memo", Json::null())};
  };
  // No field of any view is a boolean.
  const Edit mistyped = [](const Json& object) {
    std::vector<Json> out;
    for (const auto& m : object.members()) out.push_back(with(object, m.key, Json::boolean(true)));
    return out;
  };
  for (const auto& s : samples()) {
    CAPTURE(s.name);
    const Json view = view_of(s);
    for (const auto& v : variants(view, missing))
      CHECK(refusal(s.kind, v) == "ViewError.MissingKey");
    for (const auto& v : variants(view, unknown))
      CHECK(refusal(s.kind, v) == "ViewError.UnknownKey");
    for (const auto& v : variants(view, mistyped))
      CHECK(refusal(s.kind, v) == "ViewError.WrongType");
    CHECK(refusal(s.kind, Json::array({view})) == "ViewError.WrongType");
    CHECK(refusal(s.kind, "null") == "ViewError.WrongType");
  }
}

TEST_CASE("view rejects: JSON text that does not parse, with the parser's reason") {
  CHECK(refusal(ViewKind::Account, R"({"balance":1,"nonce":1)") == "ViewError.UnexpectedEnd");
  CHECK(refusal(ViewKind::Account, R"({"balance":1,"nonce":-1})") == "ViewError.NegativeNumber");
  CHECK(refusal(ViewKind::Account, R"({"balance":1,"nonce":1.0})") == "ViewError.NotAnInteger");
  CHECK(refusal(ViewKind::Account, R"({"balance":1,"balance":1})") == "ViewError.DuplicateKey");
  CHECK(refusal(ViewKind::Account, R"({"balance":18446744073709551616,"nonce":0})") ==
        "ViewError.NumberTooLarge");
}

TEST_CASE("view rejects: integers too large for their field") {
  const Json vote = view_of(sample("prevote"));
  CHECK(refusal(ViewKind::Vote, with(vote, "round", Json::number(UINT32_MAX + 1ull))) ==
        "ViewError.OutOfRange");
  CHECK(refusal(ViewKind::Vote, with(vote, "validatorIndex", Json::number(UINT32_MAX + 1ull))) ==
        "ViewError.OutOfRange");
  // The largest u32 is a u32: the decoder, not the view, refuses it as a round.
  CHECK(refusal(ViewKind::Vote, with(vote, "round", Json::number(UINT32_MAX))) ==
        "DecodeError.ValueOutOfRange");

  const Json genesis = view_of(sample("genesis"));
  const Json& params = at(genesis, "params");
  CHECK(refusal(ViewKind::Genesis,
                with(genesis, "params", with(params, "maxValidators", Json::number(65536)))) ==
        "ViewError.OutOfRange");
  CHECK(refusal(ViewKind::Genesis, with(genesis, "params",
                                        with(params, "timeoutCommitMs",
                                             Json::number(1ull << 32)))) == "ViewError.OutOfRange");

  // A round that may be unset is null when unset; 0xFFFFFFFF would be a second spelling of it.
  const Json proposal = view_of(sample("proposal with a proof of lock"));
  CHECK(refusal(ViewKind::Proposal, with(proposal, "polRound", Json::number(UINT32_MAX))) ==
        "ViewError.OutOfRange");
  const Json record = view_of(sample("last signed, locked"));
  CHECK(refusal(ViewKind::LastSigned, with(record, "lockedRound", Json::number(UINT32_MAX))) ==
        "ViewError.OutOfRange");

  const Json proof = view_of(sample("inclusion proof"));
  CHECK(refusal(ViewKind::StateProof, with(proof, "depth", Json::number(65536))) ==
        "ViewError.OutOfRange");
}

TEST_CASE("view rejects: byte fields that are not lowercase hex of the right length") {
  const Json tx = view_of(sample("transfer"));
  const std::string sender = at(tx, "sender").as_string();
  std::string upper = sender;
  upper[0] = 'A';
  upper[1] = 'B';
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", Json::string(upper))) ==
        "ViewError.BadHex");
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", Json::string(sender + "0"))) ==
        "ViewError.BadHex");
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", Json::string("0x" + sender))) ==
        "ViewError.BadHex");
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", Json::string("zz" + sender))) ==
        "ViewError.BadHex");
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", Json::number(1))) ==
        "ViewError.WrongType");
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", hex_json(1, 31))) ==
        "ViewError.WrongLength");
  CHECK(refusal(ViewKind::Transaction, with(tx, "sender", hex_json(1, 33))) ==
        "ViewError.WrongLength");
  CHECK(refusal(ViewKind::Transaction, with(tx, "to", hex_json(1, 32))) == "ViewError.WrongLength");
  CHECK(refusal(ViewKind::Transaction, with(tx, "signature", Json::string(""))) ==
        "ViewError.WrongLength");

  const Json block = view_of(sample("block at height 3"));
  CHECK(refusal(ViewKind::Block, with_items(block, "txs", [](Json::Array& txs) {
                  txs[0] = Json::string("0");
                })) == "ViewError.BadHex");
  CHECK(refusal(ViewKind::Block, with_items(block, "txs", [](Json::Array& txs) {
                  txs[0] = Json::number(0);
                })) == "ViewError.WrongType");

  // A proof's bitmap is exactly as long as its depth makes it.
  const Json proof = view_of(sample("other-leaf proof"));
  CHECK(refusal(ViewKind::StateProof, with(proof, "bitmap", hex_json(0x40, 2))) ==
        "ViewError.WrongLength");
  CHECK(refusal(ViewKind::StateProof, with(proof, "bitmap", Json::string(""))) ==
        "ViewError.WrongLength");
}

TEST_CASE("view rejects: names that name no variant, and bodies the variant does not use") {
  const Json tx = view_of(sample("transfer"));
  CHECK(refusal(ViewKind::Transaction, with(tx, "kind", Json::string("mint"))) ==
        "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::Transaction, with(tx, "kind", Json::string("Transfer"))) ==
        "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::Transaction, with(tx, "validator", hex_json(1, 32))) ==
        "ViewError.WrongType");
  CHECK(refusal(ViewKind::Transaction, with(tx, "kind", Json::string("stake"))) ==
        "ViewError.WrongType");
  const Json stake = view_of(sample("stake"));
  CHECK(refusal(ViewKind::Transaction, with(stake, "to", hex_json(1, 20))) ==
        "ViewError.WrongType");

  CHECK(refusal(ViewKind::Vote, with(view_of(sample("prevote")), "type", Json::string("vote"))) ==
        "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::LastSigned, with(view_of(sample("last signed, locked")), "step",
                                           Json::string("commit"))) == "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::Evidence,
                with(view_of(sample("evidence")), "kind", Json::string("lightClientAttack"))) ==
        "ViewError.UnknownVariant");

  const Json proof = view_of(sample("inclusion proof"));
  CHECK(refusal(ViewKind::StateProof, with(proof, "kind", Json::string("leaf"))) ==
        "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::StateProof, with(proof, "otherKey", hex_json(1, 32))) ==
        "ViewError.WrongType");
  CHECK(refusal(ViewKind::StateProof, with(proof, "kind", Json::string("otherLeaf"))) ==
        "ViewError.WrongType");

  const Json receipt = view_of(sample("failed receipt"));
  CHECK(refusal(ViewKind::Receipt, with(receipt, "error", Json::string("InsufficientBalance"))) ==
        "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::Receipt, with(receipt, "error", Json::string("TxError.Nope"))) ==
        "ViewError.UnknownVariant");
  CHECK(refusal(ViewKind::Receipt, with(receipt, "error", Json::string("TxError."))) ==
        "ViewError.UnknownVariant");
}

TEST_CASE("view rejects: objects the decoder refuses, with the decoder's reason") {
  const Json header = view_of(sample("header"));
  CHECK(refusal(ViewKind::Header, with(header, "height", Json::number(0))) ==
        "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::Header, with(header, "chainId", Json::string("Weft"))) ==
        "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::Header, with(header, "chainId", Json::string(""))) ==
        "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::Header, with(header, "chainId", Json::string(std::string(33, 'a')))) ==
        "DecodeError.LengthTooLarge");

  const Json block = view_of(sample("block at height 3"));
  CHECK(refusal(ViewKind::Block, with_items(block, "txs", [](Json::Array& txs) {
                  txs.push_back(hex_json(1, 4097));
                })) == "DecodeError.LengthTooLarge");
  CHECK(refusal(ViewKind::Block, with(block, "header", with(header, "height", Json::number(0)))) ==
        "DecodeError.ValueOutOfRange");

  const Json genesis = view_of(sample("genesis"));
  CHECK(refusal(ViewKind::Genesis, with_items(genesis, "accounts", [](Json::Array& a) {
                  std::swap(a[0], a[1]);
                })) == "DecodeError.NotSorted");
  CHECK(refusal(ViewKind::Genesis, with_items(genesis, "accounts", [](Json::Array& a) {
                  a[0] = with(a[0], "balance", Json::number(0));
                })) == "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::Genesis, with_items(genesis, "validators", [](Json::Array& v) {
                  v.clear();
                })) == "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::Genesis, with(genesis, "params",
                                        with(at(genesis, "params"), "maxBlockBytes",
                                             Json::number(1)))) == "DecodeError.ValueOutOfRange");

  const Json commit = view_of(sample("commit"));
  CHECK(refusal(ViewKind::Commit, with_items(commit, "signatures", [](Json::Array& s) {
                  std::swap(s[0], s[1]);
                })) == "DecodeError.NotSorted");
  CHECK(refusal(ViewKind::Commit, with(commit, "height", Json::number(0))) ==
        "DecodeError.ValueOutOfRange");

  const Json set = view_of(sample("validator set"));
  CHECK(refusal(ViewKind::ValidatorSet, with_items(set, "members", [](Json::Array& m) {
                  std::swap(m[0], m[1]);
                })) == "DecodeError.NotSorted");
  CHECK(refusal(ViewKind::ValidatorSet, with_items(set, "members", [](Json::Array& m) {
                  m.push_back(m.back());
                })) == "DecodeError.NotSorted");
  CHECK(refusal(ViewKind::ValidatorSet, with_items(set, "members", [](Json::Array& m) {
                  m.back() = with(m.back(), "power", Json::number(0));
                })) == "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::ValidatorSet, with_items(set, "members", [](Json::Array& m) {
                  m.clear();
                })) == "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::ValidatorSet, with_items(set, "members", [](Json::Array& m) {
                  m.front() = with(m.front(), "power", Json::number(1ull << 62));
                })) == "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::ValidatorSet, with_items(set, "members", [](Json::Array& m) {
                  m.clear();
                  for (std::uint8_t i = 0; i <= weft::consensus::kDefaultMaxValidators; ++i) {
                    m.push_back(object(member("publicKey", hex_json(i, 32)),
                                       member("power", Json::number(1))));
                  }
                })) == "DecodeError.LengthTooLarge");
  const Json light = view_of(sample("light block"));
  CHECK(refusal(ViewKind::LightBlock, with(light, "validators",
                                           with_items(at(light, "validators"), "members",
                                                      [](Json::Array& m) { m.clear(); }))) ==
        "DecodeError.ValueOutOfRange");

  const Json evidence = view_of(sample("evidence"));
  CHECK(refusal(ViewKind::Evidence, with(with(evidence, "voteA", at(evidence, "voteB")), "voteB",
                                         at(evidence, "voteA"))) == "DecodeError.NotSorted");
  CHECK(refusal(ViewKind::Evidence, with(evidence, "voteB", at(evidence, "voteA"))) ==
        "DecodeError.ValueOutOfRange");

  CHECK(refusal(ViewKind::Receipt, with(view_of(sample("failed receipt")), "error",
                                        Json::string("TxError.BadSignature"))) ==
        "DecodeError.UnknownType");
  CHECK(refusal(ViewKind::Proposal, with(view_of(sample("proposal with a proof of lock")),
                                         "polRound", Json::number(3))) ==
        "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::Vote, with(view_of(sample("prevote")), "height", Json::number(0))) ==
        "DecodeError.ValueOutOfRange");
  CHECK(refusal(ViewKind::LastSigned, with(view_of(sample("last signed, locked")), "lockedBlock",
                                           Json::null())) == "DecodeError.ValueOutOfRange");

  const Json proof = view_of(sample("other-leaf proof"));
  CHECK(refusal(ViewKind::StateProof, with_items(proof, "siblings", [](Json::Array& s) {
                  s.push_back(s.front());
                })) == "ProofError.SiblingCountMismatch");
  CHECK(refusal(ViewKind::StateProof, with_items(proof, "siblings", [](Json::Array& s) {
                  s.front() = hex_json(0, 32);
                })) == "ProofError.EmptySiblingListed");
  CHECK(refusal(ViewKind::StateProof, with(with(proof, "depth", Json::number(300)), "bitmap",
                                           hex_json(0, 32))) == "ProofError.DepthTooLarge");
  CHECK(refusal(ViewKind::StateProof, with(proof, "bitmap", hex_json(0x80, 1))) ==
        "ProofError.DeepestSiblingEmpty");
}

TEST_CASE("view rejects: bytes the decoder refuses, and calls the kind does not support") {
  const auto& tx = sample("transfer").bytes;
  const std::vector<std::uint8_t> cut(tx.begin(), tx.end() - 1);
  std::vector<std::uint8_t> longer = tx;
  longer.push_back(0);
  const auto name = [](const auto& result) {
    REQUIRE_FALSE(result.ok());
    return std::string(failure_name(result.error()));
  };
  CHECK(name(decode_view(ViewKind::Transaction, cut)) == "DecodeError.Truncated");
  CHECK(name(decode_view(ViewKind::Transaction, longer)) == "DecodeError.TrailingBytes");
  std::vector<std::uint8_t> vote = sample("prevote").bytes;
  vote[1] = 3;
  CHECK(name(decode_view(ViewKind::Vote, vote)) == "DecodeError.UnknownType");
  CHECK(name(decode_view(ViewKind::StateProof, std::vector<std::uint8_t>{})) ==
        "ProofError.Truncated");
  CHECK(name(decode_view(ViewKind::Block, std::vector<std::uint8_t>{2})) ==
        "DecodeError.UnknownVersion");

  const auto no_kind = static_cast<ViewKind>(kLastViewKind + 1);
  CHECK(name(decode_view(no_kind, tx)) == "ViewError.UnknownKind");
  CHECK(name(encode_view(no_kind, "{}")) == "ViewError.UnknownKind");

  CHECK(name(view_sign_digest(ViewKind::Header, sample("header").bytes, "weft-test")) ==
        "ViewError.NotSigned");
  CHECK(name(view_sign_digest(ViewKind::Transaction, tx, "Weft")) == "ViewError.BadChainId");
  CHECK(name(view_sign_digest(ViewKind::Transaction, tx, "")) == "ViewError.BadChainId");
  CHECK(name(view_sign_digest(ViewKind::Vote, tx, std::string(33, 'a'))) == "ViewError.BadChainId");
  CHECK(name(view_sign_digest(ViewKind::Transaction, cut, "weft-test")) == "DecodeError.Truncated");
  CHECK(name(view_id(ViewKind::Vote, sample("prevote").bytes)) == "ViewError.NoId");
  const auto& header = sample("header").bytes;
  CHECK(name(view_id(ViewKind::Header, std::span(header).first(header.size() - 1))) ==
        "DecodeError.Truncated");
  CHECK(name(view_id(ViewKind::Transaction, cut)) == "DecodeError.Truncated");
}
