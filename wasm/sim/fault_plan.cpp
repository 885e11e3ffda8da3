// The fault profiles (simulator.hpp's Faults) turned into a concrete plan for one seed
// (fault_plan.hpp). The draws happen in a fixed order, and every later draw depends on the
// earlier ones, so reordering anything here changes what every seed means.
#include "fault_plan.hpp"

#include <algorithm>

#include "consensus/commit.hpp"

namespace weft::sim {

namespace c = weft::consensus;

std::optional<Faults> parse_faults(std::string_view name) {
  for (auto f : {Faults::None, Faults::Lossy, Faults::Partition, Faults::Crash, Faults::Byzantine,
                 Faults::Chaos, Faults::Fork}) {
    if (faults_name(f) == name) return f;
  }
  return std::nullopt;
}

std::string_view faults_name(Faults f) {
  switch (f) {
  case Faults::None:
    return "none";
  case Faults::Lossy:
    return "lossy";
  case Faults::Partition:
    return "partition";
  case Faults::Crash:
    return "crash";
  case Faults::Byzantine:
    return "byzantine";
  case Faults::Chaos:
    return "chaos";
  case Faults::Fork:
    return "fork";
  }
  return "?";
}

std::uint32_t FaultPlan::byzantine_count() const {
  return static_cast<std::uint32_t>(std::count(byzantine.begin(), byzantine.end(), true));
}

namespace {

// Byzantine validators: by index in the set order (the set sorts by power), chosen at random
// while their power stays below 1/3 (f of them), or just above it for the unsafe profile.
std::vector<bool> choose_byzantine(Faults f, const Validators& validators, Rng& rng) {
  const std::uint32_t n = validators.size();
  const auto& genesis = validators.genesis();
  const auto total = genesis.total_power();
  std::vector<bool> byzantine(n);
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  for (std::uint32_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  auto node_of = [&](std::uint32_t set_index) -> std::uint32_t {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (validators.key(i).public_key == genesis[set_index].public_key) return i;
    }
    return 0;
  };
  std::uint64_t byz_power = 0;
  const bool wants_byz = f == Faults::Byzantine || f == Faults::Chaos;
  for (const auto idx : order) {
    if (f == Faults::Fork) {
      if (c::exceeds_one_third(byz_power, total)) break;
    } else if (!wants_byz || 3 * (byz_power + genesis[idx].power) >= total) {
      // f < n/3 by power, strictly: at exactly 1/3 the honest rest is no quorum.
      continue;
    }
    byzantine[node_of(idx)] = true;
    byz_power += genesis[idx].power;
  }
  return byzantine;
}

} // namespace

FaultPlan draw_fault_plan(const Config& config, const Validators& validators, Rng& rng) {
  const std::uint32_t n = validators.size();
  const Faults f = config.faults;
  FaultPlan plan;
  plan.byzantine = choose_byzantine(f, validators, rng);
  plan.fault_end =
      f == Faults::None ? 0 : rng.between(3000, std::max<std::uint64_t>(3000, config.max_fault_ms));
  if (f == Faults::Lossy || f == Faults::Byzantine || f == Faults::Chaos) {
    plan.drop_per_mille = static_cast<std::uint32_t>(rng.between(20, 200));
    plan.dup_per_mille = static_cast<std::uint32_t>(rng.between(0, 100));
    plan.max_delay_ms = rng.between(40, 400);
  }
  if (f == Faults::Chaos) plan.invalid_per_mille = 100;
  if (f == Faults::Partition || f == Faults::Chaos) {
    std::uint64_t t = rng.between(0, 1500);
    while (t < plan.fault_end) {
      Partition w{t, std::min(plan.fault_end, t + rng.between(500, 5000)),
                  std::vector<std::uint8_t>(n)};
      for (auto& s : w.side) s = static_cast<std::uint8_t>(rng.below(2));
      plan.partitions.push_back(w);
      t = w.end + rng.between(200, 2000);
    }
  }
  if (f == Faults::Fork) {
    // Honest validators split in two for the whole run; the colluding majority-of-faults talks
    // to both sides and tells each what it wants to hear.
    plan.echo_mode = true;
    plan.fault_end = 60000;
    Partition w{0, ~std::uint64_t{0}, std::vector<std::uint8_t>(n)};
    std::uint8_t next = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (plan.byzantine[i]) continue;
      w.side[i] = next;
      next ^= 1;
    }
    plan.partitions.push_back(w);
  }
  if (f == Faults::Crash || f == Faults::Chaos) {
    std::uint64_t t = rng.between(200, 2000);
    while (t < plan.fault_end) {
      const auto victim = static_cast<std::uint32_t>(rng.below(n));
      if (!plan.byzantine[victim]) {
        const std::uint64_t back = std::min(plan.fault_end, t + rng.between(100, 4000));
        plan.crashes.push_back({victim, t, back});
        t = back;
      }
      t += rng.between(300, 3000);
    }
  }
  return plan;
}

} // namespace weft::sim
