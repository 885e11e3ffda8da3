// Validator set order, encoding and CometBFT proposer priority (docs/protocol/consensus.md
// §Proposer selection). Every step is integer arithmetic with saturating adds, as in CometBFT,
// so all nodes (and the WASM and native builds) derive the same proposer.
#include "consensus/validator_set.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <string_view>

#include "crypto/sha256.hpp"

namespace weft::consensus {
namespace {

constexpr std::int64_t kI64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kI64Min = std::numeric_limits<std::int64_t>::min();
static_assert(kMaxTotalPower <= static_cast<std::uint64_t>(kI64Max) / 8,
              "2 x total power and 1.125 x (2 x total) must fit an int64");

std::int64_t add_clip(std::int64_t a, std::int64_t b) {
  std::int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? kI64Max : kI64Min;
  return out;
}

std::int64_t sub_clip(std::int64_t a, std::int64_t b) {
  std::int64_t out;
  if (__builtin_sub_overflow(a, b, &out)) return b < 0 ? kI64Max : kI64Min;
  return out;
}

// Floor division and its non-negative remainder, for a positive divisor.
void floor_divmod(std::int64_t a, std::int64_t n, std::int64_t& q, std::int64_t& r) {
  q = a / n;
  r = a % n;
  if (r < 0) {
    q -= 1;
    r += n;
  }
}

// CometBFT RescalePriorities: if max - min > diff_max, divide every priority (truncating toward
// zero, like Go's /) by ceil((max - min) / diff_max).
void rescale(std::span<Validator> vals, std::uint64_t diff_max) {
  if (diff_max == 0 || vals.empty()) return;
  std::int64_t lo = kI64Max;
  std::int64_t hi = kI64Min;
  for (const auto& v : vals) {
    lo = std::min(lo, v.priority);
    hi = std::max(hi, v.priority);
  }
  // hi >= lo, so the unsigned difference is exact even across the whole int64 range.
  const std::uint64_t diff = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (diff <= diff_max) return;
  std::uint64_t ratio = diff / diff_max + (diff % diff_max != 0 ? 1 : 0);
  ratio = std::min(ratio, static_cast<std::uint64_t>(kI64Max));
  for (auto& v : vals) v.priority /= static_cast<std::int64_t>(ratio);
}

void shift_by_average(std::span<Validator> vals) {
  const std::int64_t avg = average_priority(vals);
  for (auto& v : vals) v.priority = sub_clip(v.priority, avg);
}

// CometBFT getValWithMostPriority: highest priority, ties to the lowest address.
std::size_t most_priority(std::span<const Validator> vals) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < vals.size(); ++i) {
    const auto& v = vals[i];
    const auto& b = vals[best];
    if (v.priority > b.priority || (v.priority == b.priority && v.address < b.address)) best = i;
  }
  return best;
}

std::int64_t as_i64(std::uint64_t power) {
  assert(power <= kMaxTotalPower * 2);
  return static_cast<std::int64_t>(power);
}

Result<std::uint64_t, ValidatorSetError> checked_total(std::span<const ValidatorPower> members) {
  std::uint64_t total = 0;
  for (const auto& m : members) {
    if (m.power > kMaxTotalPower || total + m.power > kMaxTotalPower) {
      return err(ValidatorSetError::TotalPowerTooLarge);
    }
    total += m.power;
  }
  return total;
}

} // namespace

bool set_order(const ValidatorPower& a, const ValidatorPower& b) {
  if (a.power != b.power) return a.power > b.power;
  return a.public_key < b.public_key;
}

std::int64_t average_priority(std::span<const Validator> vals) {
  assert(!vals.empty());
  // Sum of per-element floor quotients plus the floor of the summed remainders: the exact floor
  // of the mean without a 128-bit sum (the remainders sum to < n^2).
  const auto n = static_cast<std::int64_t>(vals.size());
  std::int64_t quotients = 0;
  std::int64_t remainders = 0;
  for (const auto& v : vals) {
    std::int64_t q;
    std::int64_t r;
    floor_divmod(v.priority, n, q, r);
    quotients = add_clip(quotients, q);
    remainders += r;
  }
  return add_clip(quotients, remainders / n);
}

std::size_t increment_proposer_priority(std::span<Validator> vals, std::uint64_t total_power,
                                        std::uint32_t times) {
  assert(!vals.empty() && times >= 1 && total_power <= kMaxTotalPower);
  rescale_and_centre(vals, total_power);
  std::size_t proposer = 0;
  for (std::uint32_t t = 0; t < times; ++t) proposer = select_proposer(vals, total_power);
  return proposer;
}

void rescale_and_centre(std::span<Validator> vals, std::uint64_t total_power) {
  rescale(vals, 2 * total_power);
  shift_by_average(vals);
}

std::size_t select_proposer(std::span<Validator> vals, std::uint64_t total_power) {
  for (auto& v : vals) v.priority = add_clip(v.priority, as_i64(v.power));
  const std::size_t proposer = most_priority(vals);
  vals[proposer].priority = sub_clip(vals[proposer].priority, as_i64(total_power));
  return proposer;
}

Result<ValidatorSet, ValidatorSetError> ValidatorSet::create(std::vector<ValidatorPower> members,
                                                             std::size_t max_validators) {
  if (members.empty()) return err(ValidatorSetError::Empty);
  if (members.size() > max_validators) return err(ValidatorSetError::TooMany);
  for (const auto& m : members) {
    if (m.power == 0) return err(ValidatorSetError::ZeroPower);
  }
  const auto total = checked_total(members);
  if (!total) return err(total.error());
  std::sort(members.begin(), members.end(), set_order);
  for (std::size_t i = 1; i < members.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (members[i].public_key == members[j].public_key) {
        return err(ValidatorSetError::DuplicateKey);
      }
    }
  }
  ValidatorSet set;
  set.validators_.reserve(members.size());
  for (const auto& m : members) {
    // Every member is new: CometBFT gives each -1.125 x total, and centring brings all to 0.
    set.validators_.push_back(Validator{m.public_key, m.power, address_of(m.public_key), 0});
  }
  set.total_power_ = total.value();
  set.increment_proposer_priority(1);
  return set;
}

std::optional<std::uint32_t> ValidatorSet::index_of(const PublicKey& public_key) const {
  for (std::size_t i = 0; i < validators_.size(); ++i) {
    if (validators_[i].public_key == public_key) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

void ValidatorSet::increment_proposer_priority(std::uint32_t times) {
  proposer_ = static_cast<std::uint32_t>(
      consensus::increment_proposer_priority(validators_, total_power_, times));
}

ValidatorSet ValidatorSet::for_round(std::uint32_t round) const {
  ValidatorSet out = *this;
  if (round > 0) out.increment_proposer_priority(round);
  return out;
}

void ValidatorSet::recompute_total() {
  total_power_ = 0;
  for (const auto& v : validators_) total_power_ += v.power;
}

Result<ValidatorSet, ValidatorSetError>
ValidatorSet::with_updates(std::span<const ValidatorPower> changes,
                           std::size_t max_validators) const {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (changes[i].public_key == changes[j].public_key) {
        return err(ValidatorSetError::DuplicateKey);
      }
    }
    if (changes[i].power > kMaxTotalPower) return err(ValidatorSetError::TotalPowerTooLarge);
  }
  // Total after updates but before removals: the base for a newcomer's starting priority.
  std::uint64_t removed = 0;
  std::uint64_t after_removals = total_power_;
  for (const auto& c : changes) {
    const auto index = index_of(c.public_key);
    if (c.power == 0) {
      if (!index) return err(ValidatorSetError::RemovesUnknown);
      removed += validators_[*index].power;
      after_removals -= validators_[*index].power;
    }
  }
  // Decreases before increases (CometBFT sorts updates by delta), so the running total only
  // exceeds the cap if the final total does.
  for (const bool increases : {false, true}) {
    for (const auto& c : changes) {
      if (c.power == 0) continue;
      const auto index = index_of(c.public_key);
      const std::uint64_t old_power = index ? validators_[*index].power : 0;
      if ((c.power > old_power) != increases) continue;
      after_removals = after_removals - old_power + c.power;
      if (after_removals > kMaxTotalPower) return err(ValidatorSetError::TotalPowerTooLarge);
    }
  }
  const auto updated_total = static_cast<std::int64_t>(after_removals + removed);

  ValidatorSet out = *this;
  for (const auto& c : changes) {
    const auto index = out.index_of(c.public_key);
    if (c.power == 0) continue;
    if (index) {
      out.validators_[*index].power = c.power; // keeps its priority
    } else {
      out.validators_.push_back(Validator{c.public_key, c.power, address_of(c.public_key),
                                          -(updated_total + (updated_total >> 3))});
    }
  }
  for (const auto& c : changes) {
    if (c.power != 0) continue;
    std::erase_if(out.validators_,
                  [&](const Validator& v) { return v.public_key == c.public_key; });
  }
  if (out.validators_.empty()) return err(ValidatorSetError::Empty);
  if (out.validators_.size() > max_validators) return err(ValidatorSetError::TooMany);
  out.recompute_total();
  rescale(out.validators_, 2 * out.total_power_);
  shift_by_average(out.validators_);
  // Keys are unique, so the order is total and a plain sort is deterministic.
  std::sort(out.validators_.begin(), out.validators_.end(),
            [](const Validator& a, const Validator& b) {
              return set_order({a.public_key, a.power}, {b.public_key, b.power});
            });
  // The old proposer index may now point elsewhere; the next increment picks a real one.
  out.proposer_ = 0;
  return out;
}

Result<ValidatorSet, ValidatorSetError>
ValidatorSet::next_height(std::span<const ValidatorPower> changes,
                          std::size_t max_validators) const {
  if (changes.empty()) {
    ValidatorSet out = *this;
    out.increment_proposer_priority(1);
    return out;
  }
  auto updated = with_updates(changes, max_validators);
  if (!updated) return updated;
  updated.value().increment_proposer_priority(1);
  return updated;
}

std::vector<ValidatorPower> ValidatorSet::members() const {
  std::vector<ValidatorPower> out;
  out.reserve(validators_.size());
  for (const auto& v : validators_) out.push_back({v.public_key, v.power});
  return out;
}

Hash ValidatorSet::hash() const {
  return crypto::sha256(encode_validator_set(*this));
}

std::vector<std::int64_t> ValidatorSet::priorities() const {
  std::vector<std::int64_t> out;
  out.reserve(validators_.size());
  for (const auto& v : validators_) out.push_back(v.priority);
  return out;
}

bool ValidatorSet::restore_priorities(std::span<const std::int64_t> priorities,
                                      std::uint32_t proposer) {
  if (priorities.size() != validators_.size() || proposer >= validators_.size()) return false;
  for (std::size_t i = 0; i < priorities.size(); ++i) validators_[i].priority = priorities[i];
  proposer_ = proposer;
  return true;
}

void write_validator_set(encoding::Writer& w, const ValidatorSet& set) {
  w.varint(set.size());
  for (const auto& v : set.validators()) {
    w.fixed(v.public_key);
    w.u64(v.power);
  }
}

Bytes encode_validator_set(const ValidatorSet& set) {
  encoding::Writer w;
  write_validator_set(w, set);
  return std::move(w).take();
}

Result<ValidatorSet, encoding::DecodeError> read_validator_set(encoding::Reader& r,
                                                               std::size_t max_validators) {
  using encoding::DecodeError;
  const auto count = static_cast<std::size_t>(
      r.varint(std::min<std::size_t>(max_validators, kMaxValidatorsEncodable)));
  if (r.ok() && count == 0) r.fail(DecodeError::ValueOutOfRange);
  std::vector<ValidatorPower> members;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < count && r.ok(); ++i) {
    ValidatorPower m;
    m.public_key = r.fixed<32>();
    m.power = r.u64();
    if (!r.ok()) break;
    if (m.power == 0) r.fail(DecodeError::ValueOutOfRange);
    if (m.power > kMaxTotalPower - total) r.fail(DecodeError::ValueOutOfRange);
    // Strict set order also rules out duplicate keys.
    if (!members.empty() && !set_order(members.back(), m)) r.fail(DecodeError::NotSorted);
    total += m.power;
    members.push_back(m);
  }
  if (!r.ok()) return err(r.error());
  auto set = ValidatorSet::create(std::move(members), max_validators);
  // The order check catches equal keys with equal power; one key listed twice with different
  // powers passes it, but a duplicate in a list that must be duplicate-free is NotSorted
  // (docs/protocol.md, Conventions).
  if (!set) {
    r.fail(DecodeError::NotSorted);
    return err(r.error());
  }
  return std::move(set).value();
}

Result<ValidatorSet, encoding::DecodeError> decode_validator_set(std::span<const std::uint8_t> in,
                                                                 std::size_t max_validators) {
  encoding::Reader r(in);
  auto set = read_validator_set(r, max_validators);
  if (!set) return set;
  if (!r.finish()) return err(r.error());
  return set;
}

} // namespace weft::consensus
