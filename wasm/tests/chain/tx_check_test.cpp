// Stateless and stateful transaction checks: every TxError reason, replay and cross-chain
// signatures (docs/protocol/transactions.md §Checks).
#include <doctest/doctest.h>

#include "chain/tx_verify.hpp"
#include "chain_fixture.hpp"

using namespace weft::test::chain;

namespace {

TxError check_error(const Bytes& b, const Params& p = Params{}) {
  auto r = check_tx(b, kChainId, p);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

} // namespace

TEST_CASE("tx check: a well-formed signed transfer passes") {
  const auto alice = test_key(1);
  auto r =
      check_tx(sign_tx(make_transfer(alice, test_key(2).address, 5, 0), alice), kChainId, Params{});
  REQUIRE(r.ok());
  CHECK(r.value().size == kTransferEncodedSize);
  CHECK(name(TxError::BadSignature) == "BadSignature");
}

TEST_CASE("tx check: every stateless reason") {
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  Params p;

  p.max_tx_bytes = 149;
  // valid_params forbids such a cap, but the size rule itself is checked first regardless.
  CHECK(check_error(sign_tx(make_transfer(alice, bob.address, 5, 0), alice), p) ==
        TxError::TooLarge);
  CHECK(check_error(Bytes{1, 1, 2}) == TxError::Malformed);
  {
    Bytes b = sign_tx(make_transfer(alice, bob.address, 5, 0), alice);
    b[100] ^= 1; // inside the signed body
    CHECK(check_error(b) == TxError::BadSignature);
  }
  {
    // A signature by another key over the same body.
    Transaction tx = make_transfer(alice, bob.address, 5, 0);
    CHECK(check_error(sign_tx(tx, bob)) == TxError::BadSignature);
  }
  CHECK(check_error(sign_tx(make_transfer(alice, bob.address, 0, 0), alice)) ==
        TxError::ZeroAmount);
  CHECK(check_error(sign_tx(make_transfer(alice, bob.address, 5, 0, 100, 101), alice)) ==
        TxError::TipAboveMaxFee);
  CHECK(check_error(sign_tx(make_transfer(alice, bob.address, 5, 0, 99, 0), alice)) ==
        TxError::FeeBelowMinimum);
  CHECK(check_error(sign_tx(make_transfer(alice, bob.address, 5, 0, UINT64_MAX / 100, 0), alice)) ==
        TxError::AmountOverflow);
  CHECK(check_error(sign_tx(make_transfer(alice, bob.address, UINT64_MAX, 0), alice)) ==
        TxError::AmountOverflow);
}

TEST_CASE("tx check: a signature for another chain is rejected") {
  const auto alice = test_key(1);
  const Bytes other = sign_tx(make_transfer(alice, test_key(2).address, 5, 0), alice, "weft-other");
  CHECK(check_tx(other, "weft-other", Params{}).ok());
  CHECK(check_error(other) == TxError::BadSignature);
}

TEST_CASE("tx verify: admission and execution reasons") {
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const auto val = test_key(3);
  const auto poor = test_key(4);
  ExecChain chain(test_genesis({alice, bob}, {val}));
  const Params p = chain.params();
  const std::uint64_t base = chain.chain_state().next_base_fee_per_byte;
  const TxContext ctx{1, base};

  auto verify = [&](const Bytes& b) {
    auto c = check_tx(b, kChainId, p);
    REQUIRE(c.ok());
    StateView v = chain.view();
    return verify_tx(c.value(), v, p, ctx);
  };
  auto reason = [&](const Bytes& b) {
    auto r = verify(b);
    REQUIRE_FALSE(r.ok());
    return r.error();
  };

  CHECK(verify(sign_tx(make_transfer(alice, bob.address, 5, 0), alice)).ok());
  CHECK(reason(sign_tx(make_transfer(alice, bob.address, 5, 1), alice)) == TxError::NonceTooHigh);
  CHECK(reason(sign_tx(make_transfer(alice, bob.address, 5, 0, base - 1, 0), alice)) ==
        TxError::FeeBelowBase);
  CHECK(reason(sign_tx(make_transfer(poor, bob.address, 5, 0), poor)) == TxError::CannotPayFee);
  CHECK(reason(sign_tx(make_transfer(alice, bob.address, 1000 * kWeft, 0), alice)) ==
        TxError::InsufficientBalance);
  CHECK(reason(sign_tx(make_staking(TxKind::Stake, alice, val.public_key, kWeft, 0), alice)) ==
        TxError::NotValidatorOperator);
  CHECK(reason(sign_tx(make_staking(TxKind::Stake, alice, bob.public_key, kWeft - 1, 0), alice)) ==
        TxError::StakeBelowMinimum);
  CHECK(reason(sign_tx(make_staking(TxKind::Unstake, alice, bob.public_key, 1, 0), alice)) ==
        TxError::UnstakeExceedsBond);
  CHECK(reason(sign_tx(make_staking(TxKind::Unstake, alice, val.public_key, 1, 0), alice)) ==
        TxError::NotValidatorOperator);
  CHECK(tier(TxError::NonceTooLow) == TxErrorTier::Admission);
  CHECK(tier(TxError::InsufficientBalance) == TxErrorTier::Execution);
  CHECK(tier(TxError::AmountOverflow) == TxErrorTier::Stateless);
}

TEST_CASE("tx verify: the last nonce value is never usable") {
  const auto alice = test_key(1);
  CheckedTx c;
  c.tx = make_transfer(alice, test_key(2).address, 5, UINT64_MAX);
  c.size = kTransferEncodedSize;
  auto r = verify_tx_admission(c, AccountState{kWeft, UINT64_MAX}, TxContext{1, 1000});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == TxError::NonceTooHigh);
}

TEST_CASE("tx: a double spend and a replay are rejected by the nonce") {
  const auto alice = test_key(1);
  const auto bob = test_key(2);
  const auto carol = test_key(5);
  ExecChain chain(test_genesis({alice, bob}, {test_key(3)}));

  const Bytes pay_bob = sign_tx(make_transfer(alice, bob.address, 10 * kWeft, 0), alice);
  const Bytes pay_carol = sign_tx(make_transfer(alice, carol.address, 10 * kWeft, 0), alice);
  // Two spends of nonce 0 in one block: the second is invalid, and so is the block.
  BlockDiagnostics diag;
  auto both = chain.run({pay_bob, pay_carol}, {}, &diag);
  REQUIRE_FALSE(both.ok());
  CHECK(both.error() == BlockError::InvalidTransaction);
  CHECK(diag.tx_index == 1u);
  CHECK(diag.tx_error == TxError::NonceTooLow);

  REQUIRE(chain.run({pay_bob}).ok());
  CHECK(chain.account(bob.address).balance == 1010 * kWeft);
  CHECK(chain.account(alice.address).nonce == 1);
  // The same bytes again, in a later block: a replay.
  auto replay = chain.run({pay_bob}, {}, &diag);
  REQUIRE_FALSE(replay.ok());
  CHECK(diag.tx_error == TxError::NonceTooLow);
  CHECK(chain.account(bob.address).balance == 1010 * kWeft);
}
