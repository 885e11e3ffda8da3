// Keys, powers and per-height validator sets of a run (validators.hpp).
#include "validators.hpp"

#include <array>

namespace weft::sim {

Validators::Validators(std::uint32_t count, bool equal_power, Rng& rng) {
  keys_.reserve(count);
  std::vector<consensus::ValidatorPower> members;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::array<std::uint8_t, 32> seed{};
    seed[0] = static_cast<std::uint8_t>(i);
    seed[1] = 0x5e;
    keys_.push_back(test::ed25519::key_from_seed(seed));
    const std::uint64_t power = equal_power ? 10 : rng.between(1, 10);
    members.push_back({keys_.back().public_key, power});
  }
  sets_.push_back(consensus::ValidatorSet::create(members).value());
}

const consensus::ValidatorSet& Validators::at(std::uint64_t height) {
  while (sets_.size() < height) sets_.push_back(sets_.back().next_height().value());
  return sets_[height - 1];
}

std::uint32_t Validators::set_index(std::uint32_t node) const {
  return genesis().index_of(keys_[node].public_key).value_or(0);
}

} // namespace weft::sim
