// Light-client skipping verification over a 100 000-header synthetic chain (DESIGN §4, issue 3
// "Benchmarks"): wall time and headers fetched to reach the tip from height 1 by bisection,
// printed beside sequential verification of the same chain (measured on a prefix, scaled).
//
// The chain: 8 validators with unequal power, one replaced every 500 heights, so trust in a set
// lasts a few thousand heights and bisection has real work. Headers are hashed up front; a
// "peer" signs a light block only when the verifier asks for it, and that signing is timed
// apart from verification.
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include "../tests/light/synthetic_chain.hpp"
#include "light/bisection.hpp"
#include "light/verify.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using weft::test::light::SyntheticChain;

double ms_since(Clock::time_point start) {
  return static_cast<double>(
             std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count()) /
         1000.0;
}

} // namespace

int main(int argc, char** argv) {
  std::uint64_t tip = 100'000;
  if (argc > 1) tip = std::strtoull(argv[1], nullptr, 10);
  if (tip < 2) tip = 2;
  const std::uint64_t sequential_sample = tip < 1000 ? tip : 1000;
  const weft::test::light::Shape shape{8, 500, 1};
  const std::uint64_t now = weft::test::light::time_at(tip) + 1000;
  const auto options = weft::test::light::test_options();

  SyntheticChain chain(shape);
  auto t0 = Clock::now();
  chain.header(tip); // every header, linked by block id
  const double headers_ms = ms_since(t0);
  const auto trusted = chain.trusted(1);

  // Skipping: the verifier's time (next()) apart from the peer's (signing on request).
  weft::light::Bisection bisection(options);
  bisection.start(trusted, tip, now);
  double verify_ms = 0;
  double serve_ms = 0;
  weft::light::Step step;
  for (;;) {
    t0 = Clock::now();
    step = bisection.next();
    verify_ms += ms_since(t0);
    const auto* need = std::get_if<weft::light::NeedBlock>(&step);
    if (need == nullptr) break;
    t0 = Clock::now();
    auto block = chain.light_block(need->height);
    serve_ms += ms_since(t0);
    bisection.provide(std::move(block));
  }
  if (!std::holds_alternative<weft::light::Verified>(step)) {
    const auto& failed = std::get<weft::light::Failed>(step);
    std::printf("skipping verification failed at height %" PRIu64 ": %.*s\n", failed.height,
                static_cast<int>(weft::light::name(failed.error).size()),
                weft::light::name(failed.error).data());
    return 1;
  }

  // Reference: sequential verification of a prefix, in the same run, scaled to the whole chain.
  std::vector<weft::light::LightBlock> prefix;
  for (std::uint64_t h = 2; h <= sequential_sample; ++h) prefix.push_back(chain.light_block(h));
  t0 = Clock::now();
  weft::light::TrustedBlock t = trusted;
  for (auto& block : prefix) {
    if (!weft::light::verify_adjacent(t, block, options, now)) {
      std::printf("sequential verification failed at height %" PRIu64 "\n", block.height());
      return 1;
    }
    t = weft::light::TrustedBlock{std::move(block), std::nullopt};
  }
  const double sequential_ms = ms_since(t0);
  const double per_header_ms = sequential_ms / static_cast<double>(sequential_sample - 1);

  std::printf("light-client skipping verification, 1 -> %" PRIu64
              " (%u validators, 1 replaced every %" PRIu64 " heights)\n",
              tip, shape.size, shape.rotate_every);
  std::printf("  skipping:   %10.2f ms verifying, %6" PRIu64
              " headers fetched (peer signing %.2f ms)\n",
              verify_ms, bisection.fetched(), serve_ms);
  std::printf("  sequential: %10.2f ms estimated,  %6" PRIu64
              " headers fetched (%.3f ms/header over %" PRIu64 " headers)\n",
              per_header_ms * static_cast<double>(tip - 1), tip - 1, per_header_ms,
              sequential_sample - 1);
  std::printf("  chain setup: %.2f ms hashing %" PRIu64 " headers, %zu keys generated\n",
              headers_ms, tip, chain.keys_made());
  return 0;
}
