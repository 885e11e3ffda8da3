// The simulator's only source of randomness: xoshiro256** seeded through splitmix64 (Blackman &
// Vigna), small, fast and the same on every platform. Every choice in a run draws from one Rng in
// a fixed order, so a seed reproduces the run exactly; never std::random_device or a clock.
#pragma once

#include <cstdint>

namespace weft::sim {

class Rng {
public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  // Uniform in [0, n), n > 0: modulo, redrawing the few values that would bias it.
  std::uint64_t below(std::uint64_t n);
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

private:
  std::uint64_t s_[4];
};

} // namespace weft::sim
