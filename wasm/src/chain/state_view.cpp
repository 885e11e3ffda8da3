// The overlay over the state tree (docs/protocol/transactions.md §State layout).
#include "chain/state_view.hpp"

namespace weft::chain {

std::optional<Bytes> StateView::get(const StateKey& key) {
  if (const auto it = overlay_.find(key); it != overlay_.end()) return it->second;
  if (!ok()) return std::nullopt;
  auto r = smt_.get(root_, key);
  if (!r) {
    fail(ViewFailure::Unavailable);
    return std::nullopt;
  }
  return std::move(r).value();
}

template <typename T, typename Decode>
std::optional<T> StateView::read(const StateKey& key, Decode decode) {
  const auto bytes = get(key);
  if (!bytes) return std::nullopt;
  auto decoded = decode(*bytes);
  if (!decoded) {
    fail(ViewFailure::Corrupt);
    return std::nullopt;
  }
  return std::move(decoded).value();
}

AccountState StateView::account(const Address& address) {
  return read<AccountState>(account_key(address), [](const Bytes& b) { return decode_account(b); })
      .value_or(AccountState{});
}

void StateView::set_account(const Address& address, const AccountState& account) {
  // A used account keeps its nonce even at zero balance, so only a never-used one is absent.
  if (account == AccountState{}) {
    erase(account_key(address));
  } else {
    put(account_key(address), encode(account));
  }
}

std::optional<ValidatorRecord> StateView::validator(const PublicKey& public_key) {
  return read<ValidatorRecord>(validator_key(public_key),
                               [](const Bytes& b) { return decode_validator_record(b); });
}

void StateView::set_validator(const PublicKey& public_key, const ValidatorRecord& record) {
  if (record.empty()) {
    erase(validator_key(public_key));
  } else {
    put(validator_key(public_key), encode(record));
  }
}

std::vector<PublicKey> StateView::candidates() {
  return read<std::vector<PublicKey>>(candidates_key(),
                                      [](const Bytes& b) { return decode_key_list(b); })
      .value_or(std::vector<PublicKey>{});
}

void StateView::set_candidates(const std::vector<PublicKey>& keys) {
  put(candidates_key(), encode_key_list(keys));
}

std::vector<PublicKey> StateView::unbonding_queue(std::uint64_t height) {
  return read<std::vector<PublicKey>>(unbonding_queue_key(height),
                                      [](const Bytes& b) { return decode_key_list(b); })
      .value_or(std::vector<PublicKey>{});
}

void StateView::set_unbonding_queue(std::uint64_t height, const std::vector<PublicKey>& keys) {
  if (keys.empty()) {
    erase(unbonding_queue_key(height));
  } else {
    put(unbonding_queue_key(height), encode_key_list(keys));
  }
}

ValidatorList StateView::validator_set(std::uint64_t height, const Params& params) {
  return read<ValidatorList>(
             validator_set_key(height),
             [&](const Bytes& b) { return decode_validator_list(b, params.max_validators); })
      .value_or(ValidatorList{});
}

void StateView::set_validator_set(std::uint64_t height, const ValidatorList& set) {
  put(validator_set_key(height), encode_validator_list(set));
}

ChainState StateView::chain_state() {
  const auto c =
      read<ChainState>(chain_state_key(), [](const Bytes& b) { return decode_chain_state(b); });
  if (!c && ok()) fail(ViewFailure::Corrupt); // every state past genesis has one
  return c.value_or(ChainState{});
}

Params StateView::params() {
  const auto p = read<Params>(params_key(), [](const Bytes& b) { return decode_params(b); });
  if (!p && ok()) fail(ViewFailure::Corrupt);
  return p.value_or(Params{});
}

std::vector<state::Write> StateView::writes() const {
  std::vector<state::Write> out;
  out.reserve(overlay_.size());
  for (const auto& [key, value] : overlay_) out.push_back(state::Write{key, value});
  return out;
}

Result<state::Update, state::StateError> StateView::apply() {
  const auto batch = writes();
  return smt_.apply(root_, batch);
}

} // namespace weft::chain
