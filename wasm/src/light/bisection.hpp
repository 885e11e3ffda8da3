// Skipping verification by bisection as a sans-I/O state machine (docs/protocol/light-client.md,
// "Bisection"; CometBFT light/client.go verifySkipping). The machine never fetches: next() says
// which height it needs, the host fetches that light block from a peer and provide()s it.
//
//   Bisection b(options);
//   b.start(trusted, target, now_ms);
//   for (;;) {
//     Step s = b.next();
//     if (auto* need = std::get_if<NeedBlock>(&s)) { b.provide(fetch(need->height)); continue; }
//     ...  // Verified: b.trusted() is the new trusted state. Failed: reject, maybe switch peer.
//   }
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "light/light_block.hpp"
#include "light/light_error.hpp"
#include "light/verify.hpp"

namespace weft::light {

// The target is verified; `block` is the light block at the target height.
struct Verified {
  LightBlock block;
};
// The host must provide() the light block at `height`.
struct NeedBlock {
  std::uint64_t height = 0;
};
// The block at `height` was rejected for `error` (never NotEnoughTrust, which bisects). The run
// is over; the rejected block is dropped from the cache, so start() can retry it from elsewhere.
struct Failed {
  LightError error{};
  std::uint64_t height = 0;
};
using Step = std::variant<Verified, NeedBlock, Failed>;

class Bisection {
public:
  explicit Bisection(Options options) : options_(options) {}

  // Begins a run from `trusted` to `target_height`, judged at `now_ms` (the host's clock, read
  // once per run). A target below the trusted height fails with NotAfterTrusted; the trusted
  // height itself is verified at once. Blocks cached by an earlier run above the new trusted
  // height are kept and reused.
  void start(TrustedBlock trusted, std::uint64_t target_height, std::uint64_t now_ms);

  // Verifies as far as the blocks at hand allow and says what happens next. Precondition:
  // start() was called.
  Step next();

  // A fetched block. It is cached (replacing any block at its height) when its height lies
  // above the trusted height and not above the target, and counts as a fetch when it answers
  // the outstanding NeedBlock. Returns whether it was cached.
  bool provide(LightBlock block);

  // The latest verified block: the target once next() has answered Verified.
  const TrustedBlock& trusted() const { return trusted_; }
  std::uint64_t target_height() const { return target_; }
  // Blocks provide()d in answer to NeedBlock during this run.
  std::uint64_t fetched() const { return fetched_; }

private:
  // A height strictly between lo and hi (hi - lo >= 2): the midpoint, or a block already cached
  // in the middle half, which costs no fetch.
  std::uint64_t pivot(std::uint64_t lo, std::uint64_t hi) const;

  Options options_;
  TrustedBlock trusted_;
  std::uint64_t target_ = 0;
  std::uint64_t now_ms_ = 0;
  bool started_ = false;
  // Heights still to verify, the target first; back() is the one tried next. Strictly
  // decreasing, all above the trusted height.
  std::vector<std::uint64_t> pending_;
  std::map<std::uint64_t, LightBlock> cache_;
  std::optional<Failed> failed_;
  std::uint64_t fetched_ = 0;
};

} // namespace weft::light
