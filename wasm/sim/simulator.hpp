// Deterministic simulation of a Weft validator network (native only, never in the .wasm).
// N validators each run consensus::StateMachine; one seeded PRNG drives every choice (message
// delay, drop, duplication, reordering, partitions, crashes, Byzantine behaviour, invalid blocks)
// on a virtual clock, so a seed reproduces a run exactly. Checked on every run: agreement,
// validity, no honest double-signing, liveness after faults stop (docs/protocol/consensus.md
// §Simulation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weft::sim {

enum class Faults : std::uint8_t {
  None,      // reliable network with jittered delays
  Lossy,     // drops, duplicates, long delays (reordering)
  Partition, // the network splits into two groups that heal at scheduled times
  Crash,     // honest validators crash and restart from their persisted last-signed record
  Byzantine, // up to f validators equivocate, withhold and send garbage; lossy network
  Chaos,     // all of the above, plus some invalid proposals by honest proposers
  Fork,      // UNSAFE on purpose: f+1 Byzantine validators echo each partition side's votes
};

std::optional<Faults> parse_faults(std::string_view name);
std::string_view faults_name(Faults f);

struct Config {
  std::uint64_t seed = 1;
  std::uint32_t validators = 4; // 4-10
  std::uint64_t heights = 5;    // every honest node must decide this many heights
  Faults faults = Faults::None;
  std::uint64_t max_fault_ms = 12000; // faults stop at a random time in [3000, this]
  bool trace = false; // print every decision and, on a liveness failure, every node's state
};

struct Result {
  bool ok = true;
  std::string property; // "agreement", "validity", "double-sign", "liveness", ... when !ok
  std::string detail;   // what exactly happened
  std::uint64_t virtual_ms = 0;
  std::uint64_t messages = 0;    // deliveries
  std::uint64_t rejected = 0;    // malformed or badly signed messages refused
  std::uint64_t evidence = 0;    // duplicate-vote evidence produced by honest nodes
  std::uint64_t min_decided = 0; // lowest decided height among honest nodes at the end
  std::uint32_t byzantine = 0;
};

Result run(const Config& config);

} // namespace weft::sim
