// The deterministic simulator as a test (docs/protocol/consensus.md §Simulation): a few hundred
// seeds across fault profiles must show no violation, and an unsafe configuration (more than f
// Byzantine) must be caught, so the checker is known to be able to fail.
#include <doctest/doctest.h>

#include <string>

#include "../../sim/simulator.hpp"

namespace {

// Sanitizers make the crypto several times slower; fewer seeds keep the test quick there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WEFT_SIM_SANITIZED 1
#endif
#endif
#ifdef WEFT_SIM_SANITIZED
constexpr std::uint64_t kSeedsPerProfile = 8;
#else
constexpr std::uint64_t kSeedsPerProfile = 34;
#endif

void run_profile(weft::sim::Faults faults) {
  for (std::uint64_t seed = 1; seed <= kSeedsPerProfile; ++seed) {
    weft::sim::Config cfg;
    cfg.seed = seed * 7919 + static_cast<std::uint64_t>(faults);
    cfg.validators = static_cast<std::uint32_t>(4 + seed % 4);
    cfg.heights = 3;
    cfg.faults = faults;
    cfg.max_fault_ms = 4000;
    const auto r = weft::sim::run(cfg);
    INFO("reproduce: weft_sim --seed "
         << cfg.seed << " --validators " << cfg.validators << " --heights 3 --faults "
         << std::string(weft::sim::faults_name(faults)) << " (" << r.property << ": " << r.detail
         << ")");
    CHECK(r.ok);
    CHECK(r.min_decided >= 3);
  }
}

} // namespace

TEST_CASE("simulator: no violations without faults or with a lossy network") {
  run_profile(weft::sim::Faults::None);
  run_profile(weft::sim::Faults::Lossy);
}

TEST_CASE("simulator: no violations with partitions that heal") {
  run_profile(weft::sim::Faults::Partition);
}

TEST_CASE("simulator: no violations with crashes and restarts") {
  run_profile(weft::sim::Faults::Crash);
}

TEST_CASE("simulator: no violations with up to f Byzantine validators") {
  run_profile(weft::sim::Faults::Byzantine);
  run_profile(weft::sim::Faults::Chaos);
}

TEST_CASE("simulator: more than f Byzantine validators fork the chain, and the checker says so") {
  int caught = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    weft::sim::Config cfg;
    cfg.seed = seed;
    cfg.validators = 4;
    cfg.heights = 3;
    cfg.faults = weft::sim::Faults::Fork;
    const auto r = weft::sim::run(cfg);
    CHECK(r.byzantine == 2); // f + 1 of four equal validators
    if (!r.ok && r.property == "agreement") ++caught;
  }
  CHECK(caught == 5);
}

TEST_CASE("simulator: a seed reproduces exactly") {
  weft::sim::Config cfg;
  cfg.seed = 4242;
  cfg.validators = 6;
  cfg.faults = weft::sim::Faults::Chaos;
  const auto a = weft::sim::run(cfg);
  const auto b = weft::sim::run(cfg);
  CHECK(a.virtual_ms == b.virtual_ms);
  CHECK(a.messages == b.messages);
  CHECK(a.rejected == b.rejected);
  CHECK(a.evidence == b.evidence);
}

// Regression: honest node 5 (9 of 16 power) locks block B in round 1 of height 3 on prevotes that
// only it and the Byzantine voters hold, then crashes; the Byzantine nodes decide and move on,
// and nodes 2 and 3 were still at height 2. The restarted node kept its lock (LastSigned) but
// not the prevotes behind it, so no peer could ever accept its re-proposal of B and it refused
// every other value: a stall for ever. The host now replays the messages it had accepted at the
// height (its WAL) after a restart, so the lock comes back with its proof and is relayed.
TEST_CASE("simulator: a restarted node's lock keeps its proof of lock (seed 1122)") {
  weft::sim::Config cfg;
  cfg.seed = 1122;
  cfg.validators = 6;
  cfg.heights = 5;
  cfg.faults = weft::sim::Faults::Chaos;
  const auto r = weft::sim::run(cfg);
  INFO("reproduce: weft_sim --seed 1122 --validators 6 --heights 5 --faults chaos ("
       << r.property << ": " << r.detail << ")");
  CHECK(r.ok);
  CHECK(r.min_decided >= 5);
}

// Seed 462 (4 validators, 2 of them Byzantine, chaos): after the faults an honest node stayed in
// round 0 having seen only half the prevote power, because hosts re-sent only their own latest
// messages and nobody relayed anyone else's votes. Hosts now relay every vote they hold for
// their current round, as Tendermint's gossip assumption requires.
TEST_CASE("simulator: votes a peer missed reach it through others (seed 462)") {
  weft::sim::Config cfg;
  cfg.seed = 462;
  cfg.validators = 4;
  cfg.heights = 5;
  cfg.faults = weft::sim::Faults::Chaos;
  const auto r = weft::sim::run(cfg);
  INFO("reproduce: weft_sim --seed 462 --validators 4 --heights 5 --faults chaos ("
       << r.property << ": " << r.detail << ")");
  CHECK(r.ok);
  CHECK(r.min_decided >= 5);
}
