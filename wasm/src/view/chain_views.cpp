// Views of the chain objects (view/chain_views.hpp). Key order here is the canonical order.
#include "view/chain_views.hpp"

#include <array>
#include <string>

#include "chain/tx_error.hpp"
#include "view/consensus_views.hpp"

namespace weft::view {
namespace {

using chain::TxKind;

constexpr std::array<Name<TxKind>, 3> kTxKinds{{
    {"transfer", TxKind::Transfer},
    {"stake", TxKind::Stake},
    {"unstake", TxKind::Unstake},
}};

// A receipt's failure is spelled as TypeScript sees every TxError: "TxError.<Reason>".
constexpr std::string_view kTxErrorPrefix = "TxError.";
constexpr auto kLastTxError = static_cast<std::uint8_t>(chain::TxError::TooManyUnbonding);

Json tx_error_name(chain::TxError e) {
  return Json::string(std::string(kTxErrorPrefix) + std::string(chain::name(e)));
}

// Any TxError by name; whether a receipt may carry it is the decoder's rule (UnknownType).
std::optional<chain::TxError> read_tx_error(const Json& v, ReadStatus& s) {
  if (v.is(JsonType::Null)) return std::nullopt;
  const std::string text = read_string(v, s);
  if (!s.ok()) return std::nullopt;
  if (text.starts_with(kTxErrorPrefix)) {
    const std::string_view reason = std::string_view(text).substr(kTxErrorPrefix.size());
    for (std::uint8_t i = 1; i <= kLastTxError; ++i) {
      const auto e = static_cast<chain::TxError>(i);
      if (chain::name(e) == reason) return e;
    }
  }
  s.fail(ViewError::UnknownVariant);
  return std::nullopt;
}

} // namespace

Json to_json(const chain::Transaction& tx) {
  const bool transfer = tx.kind == TxKind::Transfer;
  return object(member("kind", name_of(tx.kind, kTxKinds)), member("sender", hex(tx.sender)),
                member("nonce", Json::number(tx.nonce)),
                member("maxFeePerByte", Json::number(tx.max_fee_per_byte)),
                member("tipPerByte", Json::number(tx.tip_per_byte)),
                member("to", transfer ? hex(tx.to) : Json::null()),
                member("validator", transfer ? Json::null() : hex(tx.validator)),
                member("amount", Json::number(tx.amount)), member("signature", hex(tx.signature)));
}

chain::Transaction transaction_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::Transaction tx;
  tx.kind = f.name("kind", kTxKinds);
  tx.sender = f.fixed<32>("sender");
  tx.nonce = f.u64("nonce");
  tx.max_fee_per_byte = f.u64("maxFeePerByte");
  tx.tip_per_byte = f.u64("tipPerByte");
  // The body the kind does not use must be null, so one view has one encoding.
  if (tx.kind == TxKind::Transfer) {
    tx.to = f.fixed<20>("to");
    f.null("validator");
  } else {
    f.null("to");
    tx.validator = f.fixed<32>("validator");
  }
  tx.amount = f.u64("amount");
  tx.signature = f.fixed<64>("signature");
  f.finish();
  return tx;
}

Json to_json(const chain::Header& h) {
  return object(
      member("chainId", Json::string(h.chain_id)), member("height", Json::number(h.height)),
      member("time", Json::number(h.time)), member("previousBlock", hex(h.previous_block)),
      member("lastCommitHash", hex(h.last_commit_hash)), member("txRoot", hex(h.tx_root)),
      member("stateRoot", hex(h.state_root)), member("validatorsHash", hex(h.validators_hash)),
      member("nextValidatorsHash", hex(h.next_validators_hash)),
      member("proposer", hex(h.proposer)),
      member("baseFeePerByte", Json::number(h.base_fee_per_byte)),
      member("evidenceHash", hex(h.evidence_hash)));
}

chain::Header header_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::Header h;
  h.chain_id = f.string("chainId");
  h.height = f.u64("height");
  h.time = f.u64("time");
  h.previous_block = f.fixed<32>("previousBlock");
  h.last_commit_hash = f.fixed<32>("lastCommitHash");
  h.tx_root = f.fixed<32>("txRoot");
  h.state_root = f.fixed<32>("stateRoot");
  h.validators_hash = f.fixed<32>("validatorsHash");
  h.next_validators_hash = f.fixed<32>("nextValidatorsHash");
  h.proposer = f.fixed<20>("proposer");
  h.base_fee_per_byte = f.u64("baseFeePerByte");
  h.evidence_hash = f.fixed<32>("evidenceHash");
  f.finish();
  return h;
}

Json to_json(const chain::Block& b) {
  Json::Array txs;
  txs.reserve(b.txs.size());
  for (const auto& tx : b.txs) txs.push_back(hex(tx));
  Json::Array evidence;
  evidence.reserve(b.evidence.size());
  for (const auto& e : b.evidence) evidence.push_back(to_json(e));
  return object(member("header", to_json(b.header)), member("txs", Json::array(std::move(txs))),
                member("evidence", Json::array(std::move(evidence))),
                member("lastCommit", to_json(b.last_commit)));
}

chain::Block block_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::Block b;
  b.header = header_from_json(f.at("header"), status);
  for (const Json& tx : f.array("txs")) b.txs.push_back(read_hex(tx, status));
  for (const Json& e : f.array("evidence")) b.evidence.push_back(evidence_from_json(e, status));
  b.last_commit = commit_from_json(f.at("lastCommit"), status);
  f.finish();
  return b;
}

Json to_json(const chain::Receipt& r) {
  return object(member("txId", hex(r.tx_id)),
                member("error", r.error ? tx_error_name(*r.error) : Json::null()),
                member("feeBurned", Json::number(r.fee_burned)),
                member("tip", Json::number(r.tip)));
}

chain::Receipt receipt_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::Receipt r;
  r.tx_id = f.fixed<32>("txId");
  r.error = read_tx_error(f.at("error"), status);
  r.fee_burned = f.u64("feeBurned");
  r.tip = f.u64("tip");
  f.finish();
  return r;
}

Json to_json(const chain::Params& p) {
  const auto n = [](std::uint64_t v) { return Json::number(v); };
  return object(
      member("maxBlockBytes", n(p.max_block_bytes)), member("maxTxBytes", n(p.max_tx_bytes)),
      member("maxValidators", n(p.max_validators)),
      member("unbondingBlocks", n(p.unbonding_blocks)), member("blockReward", n(p.block_reward)),
      member("initialBaseFeePerByte", n(p.initial_base_fee_per_byte)),
      member("minBaseFeePerByte", n(p.min_base_fee_per_byte)),
      member("timeoutProposeMs", n(p.timeout_propose_ms)),
      member("timeoutProposeDeltaMs", n(p.timeout_propose_delta_ms)),
      member("timeoutPrevoteMs", n(p.timeout_prevote_ms)),
      member("timeoutPrevoteDeltaMs", n(p.timeout_prevote_delta_ms)),
      member("timeoutPrecommitMs", n(p.timeout_precommit_ms)),
      member("timeoutPrecommitDeltaMs", n(p.timeout_precommit_delta_ms)),
      member("timeoutCommitMs", n(p.timeout_commit_ms)),
      member("trustingPeriodMs", n(p.trusting_period_ms)),
      member("slashFractionBps", n(p.slash_fraction_bps)), member("jailBlocks", n(p.jail_blocks)));
}

chain::Params params_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::Params p;
  p.max_block_bytes = f.u32("maxBlockBytes");
  p.max_tx_bytes = f.u32("maxTxBytes");
  p.max_validators = f.u16("maxValidators");
  p.unbonding_blocks = f.u64("unbondingBlocks");
  p.block_reward = f.u64("blockReward");
  p.initial_base_fee_per_byte = f.u64("initialBaseFeePerByte");
  p.min_base_fee_per_byte = f.u64("minBaseFeePerByte");
  p.timeout_propose_ms = f.u32("timeoutProposeMs");
  p.timeout_propose_delta_ms = f.u32("timeoutProposeDeltaMs");
  p.timeout_prevote_ms = f.u32("timeoutPrevoteMs");
  p.timeout_prevote_delta_ms = f.u32("timeoutPrevoteDeltaMs");
  p.timeout_precommit_ms = f.u32("timeoutPrecommitMs");
  p.timeout_precommit_delta_ms = f.u32("timeoutPrecommitDeltaMs");
  p.timeout_commit_ms = f.u32("timeoutCommitMs");
  p.trusting_period_ms = f.u64("trustingPeriodMs");
  p.slash_fraction_bps = f.u16("slashFractionBps");
  p.jail_blocks = f.u64("jailBlocks");
  f.finish();
  return p;
}

Json to_json(const chain::Genesis& g) {
  Json::Array accounts;
  accounts.reserve(g.accounts.size());
  for (const auto& a : g.accounts) {
    accounts.push_back(
        object(member("address", hex(a.address)), member("balance", Json::number(a.balance))));
  }
  Json::Array validators;
  validators.reserve(g.validators.size());
  for (const auto& v : g.validators) {
    validators.push_back(
        object(member("publicKey", hex(v.public_key)), member("stake", Json::number(v.stake))));
  }
  return object(member("chainId", Json::string(g.chain_id)),
                member("genesisTime", Json::number(g.genesis_time)),
                member("params", to_json(g.params)),
                member("accounts", Json::array(std::move(accounts))),
                member("validators", Json::array(std::move(validators))));
}

chain::Genesis genesis_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::Genesis g;
  g.chain_id = f.string("chainId");
  g.genesis_time = f.u64("genesisTime");
  g.params = params_from_json(f.at("params"), status);
  for (const Json& item : f.array("accounts")) {
    Fields a(item, status);
    g.accounts.push_back({a.fixed<20>("address"), a.u64("balance")});
    a.finish();
  }
  for (const Json& item : f.array("validators")) {
    Fields v(item, status);
    g.validators.push_back({v.fixed<32>("publicKey"), v.u64("stake")});
    v.finish();
  }
  f.finish();
  return g;
}

Json to_json(const chain::AccountState& a) {
  return object(member("balance", Json::number(a.balance)), member("nonce", Json::number(a.nonce)));
}

chain::AccountState account_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  chain::AccountState a;
  a.balance = f.u64("balance");
  a.nonce = f.u64("nonce");
  f.finish();
  return a;
}

} // namespace weft::view
