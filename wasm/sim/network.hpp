// The simulated network between nodes. While faults last (fault_plan.hpp) it drops, duplicates
// and delays messages by up to the plan's maximum (long delays are what reorder them), and cuts
// the links across a partition; afterwards every message arrives within kReliableMaxDelayMs. A
// node's messages to itself always arrive at once: they never leave the process.
#pragma once

#include <cstdint>

#include "fault_plan.hpp"
#include "rng.hpp"
#include "scheduler.hpp"
#include "wire.hpp"

namespace weft::sim {

class Network {
public:
  Network(std::uint32_t nodes, Scheduler& scheduler, Rng& rng, const FaultPlan& plan)
      : nodes_(nodes), scheduler_(scheduler), rng_(rng), plan_(plan) {}

  std::uint32_t nodes() const { return nodes_; }
  // Whether a partition separates a and b right now.
  bool cut(std::uint32_t a, std::uint32_t b) const;
  void send(std::uint32_t from, std::uint32_t to, const Bytes& bytes);
  void broadcast(std::uint32_t from, const Bytes& bytes, bool include_self);

private:
  std::uint32_t nodes_;
  Scheduler& scheduler_;
  Rng& rng_;
  const FaultPlan& plan_;
};

} // namespace weft::sim
