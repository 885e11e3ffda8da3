// Canonical encodings of the chain objects (docs/protocol.md "Objects"): every object
// round-trips, and hand-made malformed bytes are rejected with each named DecodeError.
#include <doctest/doctest.h>

#include "../hex.hpp"
#include "chain/account.hpp"
#include "chain/chain_id.hpp"
#include "chain/header.hpp"
#include "chain/receipt.hpp"
#include "chain/staking_records.hpp"
#include "chain/validator_list.hpp"
#include "chain_fixture.hpp"
#include "crypto/sha256.hpp"
#include "encoding/writer.hpp"

using namespace weft::test::chain;
using weft::encoding::DecodeError;

namespace {

template <typename R> DecodeError error_of(const R& r) {
  REQUIRE_FALSE(r.ok());
  return r.error();
}

Header sample_header() {
  Header h;
  h.chain_id = kChainId;
  h.height = 7;
  h.time = 1'700'000'007'000;
  h.previous_block.fill(1);
  h.last_commit_hash.fill(2);
  h.tx_root.fill(3);
  h.state_root.fill(4);
  h.validators_hash.fill(5);
  h.next_validators_hash.fill(6);
  h.proposer.fill(7);
  h.base_fee_per_byte = 1234;
  h.evidence_hash.fill(8);
  return h;
}

Bytes with(Bytes b, std::size_t at, std::uint8_t v) {
  b[at] = v;
  return b;
}

Bytes appended(Bytes b, std::uint8_t v = 0) {
  b.push_back(v);
  return b;
}

Bytes truncated(Bytes b) {
  b.pop_back();
  return b;
}

} // namespace

TEST_CASE("chain: address is the first 20 bytes of SHA-256(tag || key)") {
  PublicKey pk{};
  // SHA-256("weft/address/v1" || 32 zero bytes), first 20 bytes.
  const auto a = address_of(pk);
  weft::crypto::Sha256 h;
  const std::string tag = "weft/address/v1";
  h.update(weft::test::bytes_of(tag));
  h.update(pk);
  const auto d = h.finish();
  CHECK(std::equal(a.begin(), a.end(), d.begin()));
}

TEST_CASE("chain: chain ids are 1-32 characters of [a-z0-9-]") {
  CHECK(valid_chain_id("weft-devnet-1"));
  CHECK(valid_chain_id(std::string(32, 'a')));
  CHECK_FALSE(valid_chain_id(""));
  CHECK_FALSE(valid_chain_id(std::string(33, 'a')));
  CHECK_FALSE(valid_chain_id("Weft"));
  CHECK_FALSE(valid_chain_id("weft_1"));
  CHECK_FALSE(valid_chain_id("weft 1"));
}

TEST_CASE("chain: transactions round-trip and have fixed sizes per kind") {
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const Bytes t = sign_tx(make_transfer(alice, bob.address, 5, 0), alice);
  CHECK(t.size() == kTransferEncodedSize);
  auto d = decode_transaction(t);
  REQUIRE(d.ok());
  CHECK(encode(d.value()) == t);
  CHECK(d.value().amount == 5);
  CHECK(d.value().to == bob.address);

  for (auto kind : {TxKind::Stake, TxKind::Unstake}) {
    const Bytes s = sign_tx(make_staking(kind, alice, bob.public_key, 9, 3), alice);
    CHECK(s.size() == kStakeEncodedSize);
    auto ds = decode_transaction(s);
    REQUIRE(ds.ok());
    CHECK(ds.value().kind == kind);
    CHECK(encode(ds.value()) == s);
  }
  CHECK(tx_id(t) == weft::crypto::sha256(t));
}

TEST_CASE("chain: malformed transactions are rejected with their reason") {
  const auto alice = test_key(1);
  const Bytes t = sign_tx(make_transfer(alice, test_key(2).address, 5, 0), alice);
  CHECK(error_of(decode_transaction({})) == DecodeError::Truncated);
  CHECK(error_of(decode_transaction(truncated(t))) == DecodeError::Truncated);
  CHECK(error_of(decode_transaction(appended(t))) == DecodeError::TrailingBytes);
  CHECK(error_of(decode_transaction(with(t, 0, 2))) == DecodeError::UnknownVersion);
  CHECK(error_of(decode_transaction(with(t, 0, 0))) == DecodeError::UnknownVersion);
  CHECK(error_of(decode_transaction(with(t, 1, 0))) == DecodeError::UnknownType);
  CHECK(error_of(decode_transaction(with(t, 1, 4))) == DecodeError::UnknownType);
  // A transfer relabelled as a stake is 12 bytes short of a stake.
  CHECK(error_of(decode_transaction(with(t, 1, 2))) == DecodeError::Truncated);
}

TEST_CASE("chain: headers round-trip and reject malformed bytes") {
  const Header h = sample_header();
  const Bytes b = encode(h);
  auto d = decode_header(b);
  REQUIRE(d.ok());
  CHECK(d.value() == h);
  CHECK(block_id(h) == weft::crypto::sha256(b));

  CHECK(error_of(decode_header(truncated(b))) == DecodeError::Truncated);
  CHECK(error_of(decode_header(appended(b))) == DecodeError::TrailingBytes);
  CHECK(error_of(decode_header(with(b, 0, 9))) == DecodeError::UnknownVersion);
  // Chain id: byte 1 is its length (9), then the characters.
  CHECK(error_of(decode_header(with(b, 2, 'W'))) == DecodeError::ValueOutOfRange);
  CHECK(error_of(decode_header(with(b, 1, 40))) == DecodeError::LengthTooLarge);
  {
    Header empty_id = h;
    empty_id.chain_id = "";
    CHECK(error_of(decode_header(encode(empty_id))) == DecodeError::ValueOutOfRange);
  }
  {
    // The length 9 written in two bytes (0x89 0x00) is not minimal.
    Bytes nm = b;
    nm[1] = 0x89;
    nm.insert(nm.begin() + 2, 0x00);
    CHECK(error_of(decode_header(nm)) == DecodeError::NonMinimalLength);
  }
  {
    Header zero = h;
    zero.height = 0;
    CHECK(error_of(decode_header(encode(zero))) == DecodeError::ValueOutOfRange);
  }
}

TEST_CASE("chain: params round-trip and enforce their ranges") {
  const Params p;
  auto d = decode_params(encode(p));
  REQUIRE(d.ok());
  CHECK(d.value() == p);
  CHECK(error_of(decode_params(truncated(encode(p)))) == DecodeError::Truncated);
  CHECK(error_of(decode_params(appended(encode(p)))) == DecodeError::TrailingBytes);

  auto out_of_range = [](auto mutate) {
    Params q;
    mutate(q);
    return error_of(decode_params(encode(q))) == DecodeError::ValueOutOfRange;
  };
  CHECK(out_of_range([](Params& q) { q.max_block_bytes = 1000; }));
  CHECK(out_of_range([](Params& q) { q.max_tx_bytes = 100; }));
  CHECK(out_of_range([](Params& q) { q.max_tx_bytes = q.max_block_bytes; }));
  CHECK(out_of_range([](Params& q) { q.max_validators = 0; }));
  CHECK(out_of_range([](Params& q) { q.unbonding_blocks = 0; }));
  CHECK(out_of_range([](Params& q) { q.min_base_fee_per_byte = 0; }));
  CHECK(out_of_range([](Params& q) { q.initial_base_fee_per_byte = q.min_base_fee_per_byte - 1; }));
  CHECK(out_of_range([](Params& q) { q.timeout_commit_ms = 0; }));
  CHECK(out_of_range([](Params& q) { q.trusting_period_ms = 0; }));
  CHECK(out_of_range([](Params& q) { q.slash_fraction_bps = 10001; }));
}

TEST_CASE("chain: genesis round-trips and rejects malformed contents") {
  const Genesis g = test_genesis({test_key(1), test_key(2)}, {test_key(3), test_key(4)});
  const Bytes b = encode(g);
  auto d = decode_genesis(b);
  REQUIRE(d.ok());
  CHECK(d.value() == g);
  CHECK(genesis_hash(g) == weft::crypto::sha256(b));

  CHECK(error_of(decode_genesis(truncated(b))) == DecodeError::Truncated);
  CHECK(error_of(decode_genesis(appended(b))) == DecodeError::TrailingBytes);
  CHECK(error_of(decode_genesis(with(b, 0, 2))) == DecodeError::UnknownVersion);

  auto fails = [](Genesis bad) { return error_of(decode_genesis(encode(bad))); };
  {
    Genesis bad = g;
    std::swap(bad.accounts[0], bad.accounts[1]);
    CHECK(fails(bad) == DecodeError::NotSorted);
    bad.accounts[1] = bad.accounts[0];
    CHECK(fails(bad) == DecodeError::NotSorted);
  }
  {
    Genesis bad = g;
    std::swap(bad.validators[0], bad.validators[1]);
    CHECK(fails(bad) == DecodeError::NotSorted);
  }
  {
    Genesis bad = g;
    bad.accounts[0].balance = 0;
    CHECK(fails(bad) == DecodeError::ValueOutOfRange);
  }
  {
    Genesis bad = g;
    bad.validators[0].stake = kWeft - 1;
    CHECK(fails(bad) == DecodeError::ValueOutOfRange);
  }
  {
    Genesis bad = g;
    bad.validators.clear();
    CHECK(fails(bad) == DecodeError::ValueOutOfRange);
  }
  {
    Genesis bad = g;
    bad.params.max_validators = 1;
    CHECK(fails(bad) == DecodeError::ValueOutOfRange);
  }
  {
    Genesis bad = g;
    bad.accounts[0].balance = UINT64_MAX;
    CHECK(fails(bad) == DecodeError::ValueOutOfRange); // supply beyond u64
  }
  {
    Genesis bad = g;
    bad.chain_id = "Bad";
    CHECK(fails(bad) == DecodeError::ValueOutOfRange);
  }
  {
    // An account count far beyond the bytes that follow.
    weft::encoding::Writer w;
    w.u8(1);
    write_chain_id(w, kChainId);
    w.u64(0);
    write_params(w, Params{});
    w.varint(1'000'000);
    CHECK(error_of(decode_genesis(w.data())) == DecodeError::LengthTooLarge);
  }
}

TEST_CASE("chain: account state is balance then nonce") {
  const AccountState a{123, 4};
  const Bytes b = encode(a);
  CHECK(weft::test::to_hex(b) == "000000000000007b0000000000000004");
  CHECK(decode_account(b).value() == a);
  CHECK(error_of(decode_account(truncated(b))) == DecodeError::Truncated);
  CHECK(error_of(decode_account(appended(b))) == DecodeError::TrailingBytes);
}

TEST_CASE("chain: state records decode only canonical bytes") {
  ValidatorRecord v;
  v.operator_address.fill(9);
  v.bonded = 5 * kWeft;
  v.jailed_until = 3;
  v.unbonding = {{10, 1}, {12, 2}};
  CHECK(decode_validator_record(encode(v)).value() == v);
  {
    ValidatorRecord bad = v;
    std::swap(bad.unbonding[0], bad.unbonding[1]);
    CHECK(error_of(decode_validator_record(encode(bad))) == DecodeError::NotSorted);
    bad.unbonding[1] = bad.unbonding[0];
    CHECK(error_of(decode_validator_record(encode(bad))) == DecodeError::NotSorted);
  }
  {
    ValidatorRecord bad = v;
    bad.unbonding[0].amount = 0;
    CHECK(error_of(decode_validator_record(encode(bad))) == DecodeError::ValueOutOfRange);
  }
  {
    ValidatorRecord bad = v;
    bad.unbonding.clear();
    for (std::uint64_t i = 1; i <= kMaxUnbondingEntries + 1; ++i) bad.unbonding.push_back({i, 1});
    CHECK(error_of(decode_validator_record(encode(bad))) == DecodeError::LengthTooLarge);
  }
  CHECK(error_of(decode_validator_record(appended(encode(v)))) == DecodeError::TrailingBytes);

  std::vector<PublicKey> keys = {test_key(1).public_key, test_key(2).public_key};
  std::sort(keys.begin(), keys.end());
  CHECK(decode_key_list(encode_key_list(keys)).value() == keys);
  std::swap(keys[0], keys[1]);
  CHECK(error_of(decode_key_list(encode_key_list(keys))) == DecodeError::NotSorted);
  CHECK(error_of(decode_key_list(Bytes{0x05})) == DecodeError::LengthTooLarge);

  const ChainState c{5, 6, 7, 8};
  CHECK(decode_chain_state(encode(c)).value() == c);
  CHECK(error_of(decode_chain_state(truncated(encode(c)))) == DecodeError::Truncated);
}

TEST_CASE("chain: validator lists are in set order with non-zero power") {
  ValidatorList set = {{test_key(1).public_key, 10}, {test_key(2).public_key, 5}};
  CHECK(decode_validator_list(encode_validator_list(set), 100).value() == set);
  CHECK(error_of(decode_validator_list(encode_validator_list(set), 1)) ==
        DecodeError::LengthTooLarge);
  ValidatorList bad = set;
  std::swap(bad[0], bad[1]);
  CHECK(error_of(decode_validator_list(encode_validator_list(bad), 100)) == DecodeError::NotSorted);
  bad = set;
  bad[1].power = 0;
  CHECK(error_of(decode_validator_list(encode_validator_list(bad), 100)) ==
        DecodeError::ValueOutOfRange);
  // One key twice with different powers is in set order, but a key may appear only once.
  bad = {{test_key(1).public_key, 10}, {test_key(1).public_key, 5}};
  CHECK(error_of(decode_validator_list(encode_validator_list(bad), 100)) == DecodeError::NotSorted);
}

TEST_CASE("chain: receipts carry only execution-tier reasons") {
  Receipt r;
  r.tx_id.fill(3);
  r.error = TxError::UnstakeExceedsBond;
  r.fee_burned = 100;
  r.tip = 5;
  CHECK(decode_receipt(encode(r)).value() == r);
  r.error = std::nullopt;
  CHECK(decode_receipt(encode(r)).value() == r);
  Bytes b = encode(r);
  b[32] = static_cast<std::uint8_t>(TxError::NonceTooLow);
  CHECK(error_of(decode_receipt(b)) == DecodeError::UnknownType);
  b[32] = 200;
  CHECK(error_of(decode_receipt(b)) == DecodeError::UnknownType);
}
