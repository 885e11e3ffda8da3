// Staking, unbonding, slashing and jailing, fees and rewards, as block execution applies them
// (docs/protocol/transactions.md §Staking, §Slashing, §Fees, §Rewards).
#include <doctest/doctest.h>

#include "chain/power.hpp"
#include "chain/staking.hpp"
#include "chain_fixture.hpp"

using namespace weft::test::chain;

namespace {

bool in_set(const ValidatorList& set, const PublicKey& key) {
  return std::any_of(set.begin(), set.end(),
                     [&](const ValidatorPower& v) { return v.public_key == key; });
}

std::uint64_t power_in(const ValidatorList& set, const PublicKey& key) {
  for (const auto& v : set)
    if (v.public_key == key) return v.power;
  return 0;
}

} // namespace

TEST_CASE("staking: a new validator's bond takes effect two heights later") {
  const auto alice = test_key(1);
  const auto val = test_key(3);
  const auto fresh = test_key(9);
  ExecChain chain(test_genesis({alice}, {val}));
  REQUIRE(chain
              .run({sign_tx(make_staking(TxKind::Stake, alice, fresh.public_key, 50 * kWeft, 0),
                            alice)})
              .ok());
  auto v = chain.view();
  const Params p = v.params();
  CHECK_FALSE(in_set(v.validator_set(1, p), fresh.public_key));
  CHECK_FALSE(in_set(v.validator_set(2, p), fresh.public_key));   // H+1: unchanged
  CHECK(power_in(v.validator_set(3, p), fresh.public_key) == 50); // H+2: bonded
  CHECK(v.validator(fresh.public_key)->operator_address == alice.address);
  CHECK(v.candidates().size() == 2);
  // Alice paid the stake and the fee.
  CHECK(chain.account(alice.address).balance < 950 * kWeft);
  CHECK(chain.account(alice.address).nonce == 1);
}

TEST_CASE("staking: unbonding is released after unbonding_blocks, not before") {
  const auto val = test_key(3);
  const auto other = test_key(4);
  ExecChain chain(test_genesis({val}, {val, other})); // val's operator account can pay fees
  const Amount before = chain.account(val.address).balance;
  auto r =
      chain.run({sign_tx(make_staking(TxKind::Unstake, val, val.public_key, 30 * kWeft, 0), val)});
  REQUIRE(r.ok());
  const Amount fee = r.value().receipts[0].fee_burned + r.value().receipts[0].tip;
  {
    auto v = chain.view();
    CHECK(v.validator(val.public_key)->bonded == 70 * kWeft);
    CHECK(v.validator(val.public_key)->unbonding == std::vector<UnbondingEntry>{{11, 30 * kWeft}});
    CHECK(power_in(v.validator_set(3, v.params()), val.public_key) == 70);
  }
  // Blocks 2..10: still unbonding. The proposer (other, ranked first by power) earns rewards,
  // so val's balance moves only by its own fee.
  for (int i = 2; i <= 10; ++i) REQUIRE(chain.run({}).ok());
  CHECK(chain.account(val.address).balance == before - fee);
  REQUIRE(chain.run({}).ok()); // block 11 releases it
  CHECK(chain.account(val.address).balance == before - fee + 30 * kWeft);
  auto v = chain.view();
  CHECK(v.validator(val.public_key)->unbonding.empty());
  CHECK_FALSE(v.get(unbonding_queue_key(11)).has_value());
}

TEST_CASE("staking: unstaking everything leaves the set at H+2 and frees the record later") {
  const auto val = test_key(3);
  const auto other = test_key(4);
  ExecChain chain(test_genesis({val}, {val, other}));
  REQUIRE(
      chain.run({sign_tx(make_staking(TxKind::Unstake, val, val.public_key, 100 * kWeft, 0), val)})
          .ok());
  auto v = chain.view();
  CHECK(in_set(v.validator_set(2, v.params()), val.public_key));
  CHECK_FALSE(in_set(v.validator_set(3, v.params()), val.public_key));
  CHECK(v.candidates() == std::vector<PublicKey>{other.public_key});
  for (int i = 2; i <= 11; ++i) REQUIRE(chain.run({}).ok());
  CHECK_FALSE(chain.view().validator(val.public_key).has_value());
}

TEST_CASE("staking: the validator table and unbonding entries are bounded") {
  const auto alice = test_key(1);
  const auto val = test_key(3);
  Genesis g = test_genesis({alice, val}, {val});
  g.params.max_validators = 1; // at most 4 candidates
  ExecChain chain(g);
  std::uint64_t nonce = 0;
  for (std::uint8_t k = 10; k < 13; ++k) {
    REQUIRE(
        chain
            .run({sign_tx(
                make_staking(TxKind::Stake, alice, test_key(k).public_key, kWeft, nonce++), alice)})
            .ok());
  }
  CHECK(chain.view().candidates().size() == 4);
  auto full = chain.run({sign_tx(
      make_staking(TxKind::Stake, alice, test_key(13).public_key, kWeft, nonce++), alice)});
  REQUIRE(full.ok());
  CHECK(full.value().receipts[0].error == TxError::ValidatorTableFull);
  // Adding to an existing candidate is still fine.
  auto more = chain.run({sign_tx(
      make_staking(TxKind::Stake, alice, test_key(10).public_key, kWeft, nonce++), alice)});
  REQUIRE(more.ok());
  CHECK_FALSE(more.value().receipts[0].error.has_value());

  // Eight unstakes at eight heights: the eighth finds seven entries pending.
  for (std::size_t i = 0; i < kMaxUnbondingEntries; ++i) {
    auto r = chain.run(
        {sign_tx(make_staking(TxKind::Unstake, val, val.public_key, kWeft / 100, i), val)});
    REQUIRE(r.ok());
    CHECK_FALSE(r.value().receipts[0].error.has_value());
  }
  auto r = chain.run({sign_tx(
      make_staking(TxKind::Unstake, val, val.public_key, kWeft / 100, kMaxUnbondingEntries), val)});
  REQUIRE(r.ok());
  CHECK(r.value().receipts[0].error == TxError::TooManyUnbonding);
  // Two unstakes in one block merge into one entry.
  (void)r;
}

TEST_CASE("execution: an execution-tier failure pays its fee and consumes its nonce") {
  const auto alice = test_key(1);
  const auto val = test_key(3);
  ExecChain chain(test_genesis({alice}, {val}));
  const Amount before = chain.account(alice.address).balance;
  auto r =
      chain.run({sign_tx(make_staking(TxKind::Unstake, alice, val.public_key, kWeft, 0), alice)});
  REQUIRE(r.ok());
  const Receipt& receipt = r.value().receipts[0];
  CHECK(receipt.error == TxError::NotValidatorOperator);
  CHECK(receipt.fee_burned == 1000 * kStakeEncodedSize);
  CHECK(chain.account(alice.address).balance == before - receipt.fee_burned - receipt.tip);
  CHECK(chain.account(alice.address).nonce == 1);
  CHECK(chain.view().validator(val.public_key)->bonded == 100 * kWeft);
}

TEST_CASE("fees: base fee burned, tip and reward to the proposer's operator, supply kept") {
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const auto val = test_key(3);
  ExecChain chain(test_genesis({alice, bob}, {val}));
  const Params p = chain.params();
  const Amount supply0 = chain.chain_state().supply;
  CHECK(supply0 == 2000 * kWeft + 100 * kWeft);

  // max fee 1010 at base 1000: the 10-per-byte tip fits exactly; a tip of 50 is capped to 10.
  auto r = chain.run({sign_tx(make_transfer(alice, bob.address, 7 * kWeft, 0, 1010, 50), alice)});
  REQUIRE(r.ok());
  const Receipt& receipt = r.value().receipts[0];
  CHECK(receipt.fee_burned == 1000 * kTransferEncodedSize);
  CHECK(receipt.tip == 10 * kTransferEncodedSize);
  CHECK(chain.account(alice.address).balance ==
        1000 * kWeft - 7 * kWeft - 1010 * kTransferEncodedSize);
  CHECK(chain.account(bob.address).balance == 1007 * kWeft);
  // Genesis validators operate themselves.
  CHECK(chain.account(val.address).balance == p.block_reward + receipt.tip);
  CHECK(chain.chain_state().supply == supply0 - receipt.fee_burned + p.block_reward);
  // 150 bytes against a 1 MiB target: 1000 - floor(1000 * (1048576 - 150) / 1048576 / 8).
  CHECK(chain.chain_state().next_base_fee_per_byte == 876);
}

TEST_CASE("slashing: an offence burns slash_fraction_bps of bond and unbonding and jails") {
  const auto val = test_key(3);
  const auto other = test_key(4);
  const auto third = test_key(5);
  ExecChain chain(test_genesis({val}, {val, other, third}));
  const Params p = chain.params(); // 5 %, jail 5 blocks
  REQUIRE(
      chain.run({sign_tx(make_staking(TxKind::Unstake, val, val.public_key, 20 * kWeft, 0), val)})
          .ok());
  const Amount supply = chain.chain_state().supply;
  const Offence offence{val.public_key, 1, 0, 2};
  auto r = chain.run({}, {offence});
  REQUIRE(r.ok());
  CHECK(r.value().slashed == 4 * kWeft + kWeft);
  auto v = chain.view();
  const auto record = v.validator(val.public_key);
  CHECK(record->bonded == 76 * kWeft);
  CHECK(record->unbonding[0].amount == 19 * kWeft);
  CHECK(record->jailed_until == 2 + p.jail_blocks);
  CHECK(v.chain_state().supply == supply - 5 * kWeft + p.block_reward);
  // Jailed from the set derived in block 2 (for height 4) until block 7's derivation.
  CHECK(in_set(v.validator_set(3, p), val.public_key));
  CHECK_FALSE(in_set(v.validator_set(4, p), val.public_key));
  for (int i = 3; i <= 6; ++i) REQUIRE(chain.run({}).ok());
  CHECK_FALSE(in_set(chain.view().validator_set(8, p), val.public_key));
  REQUIRE(chain.run({}).ok()); // block 7: jailed_until reached
  CHECK(power_in(chain.view().validator_set(9, p), val.public_key) == 76);

  // The same offence again is a duplicate, whatever block carries it.
  BlockDiagnostics diag;
  auto again = chain.run({}, {offence}, &diag);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error() == BlockError::DuplicateEvidence);
  CHECK(diag.evidence_index == 0u);
  auto twice =
      chain.run({}, {Offence{other.public_key, 2, 0, 1}, Offence{other.public_key, 2, 0, 1}});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error() == BlockError::DuplicateEvidence);
}

TEST_CASE("staking: a set never goes empty; the previous one stays") {
  const auto val = test_key(3);
  ExecChain chain(test_genesis({val}, {val}));
  REQUIRE(
      chain.run({sign_tx(make_staking(TxKind::Unstake, val, val.public_key, 100 * kWeft, 0), val)})
          .ok());
  auto v = chain.view();
  CHECK(v.validator_set(3, v.params()) == v.validator_set(2, v.params()));
}
