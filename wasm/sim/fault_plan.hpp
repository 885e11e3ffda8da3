// What goes wrong in a run, all drawn from the seed before the first event: which validators are
// Byzantine, how lossy and slow the network is, when it partitions and how, and which honest
// nodes crash when. Faults happen in [0, fault_end); after it the network is reliable and every
// honest node is up, which is when the liveness clock starts.
#pragma once

#include <cstdint>
#include <vector>

#include "rng.hpp"
#include "simulator.hpp"
#include "validators.hpp"

namespace weft::sim {

// Delays on a reliable network are jittered in [2, this] ms.
constexpr std::uint64_t kReliableMaxDelayMs = 40;

// Nodes on different sides cannot reach each other during [start, end).
struct Partition {
  std::uint64_t start;
  std::uint64_t end;
  std::vector<std::uint8_t> side; // per node: 0 or 1
};

// An honest node is down during [down, up) and restarts from what it persisted.
struct CrashWindow {
  std::uint32_t node;
  std::uint64_t down;
  std::uint64_t up;
};

struct FaultPlan {
  std::vector<bool> byzantine; // per node
  std::uint64_t fault_end = 0;
  std::uint32_t drop_per_mille = 0;
  std::uint32_t dup_per_mille = 0;
  std::uint64_t max_delay_ms = kReliableMaxDelayMs;
  std::uint32_t invalid_per_mille = 0; // honest proposers building invalid blocks
  std::vector<Partition> partitions;
  std::vector<CrashWindow> crashes; // in the order they were drawn
  // The unsafe fork profile: Byzantine validators bridge a permanent partition and echo each
  // side's votes back to it (the only safety violation the checker is meant to find).
  bool echo_mode = false;

  std::uint32_t byzantine_count() const;
};

FaultPlan draw_fault_plan(const Config& config, const Validators& validators, Rng& rng);

} // namespace weft::sim
