// The skipping light-client verifier (light/bisection.hpp) behind the boundary. It never
// fetches: next() says which height it needs, the host fetches that light block from a peer and
// provide()s it (docs/protocol/light-client.md, "Bisection").
//
// next() leaves one step in the session (integers big-endian):
//   tag u8, height u64, and for Failed the error's status i32 (a LightError; weft_error_name
//   spells it)
//   1 Verified   the target height is verified; trusted() is its light block
//   2 NeedBlock  provide() the light block at `height`
//   3 Failed     the block at `height` was rejected; the run is over
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "abi/light_checks.hpp"
#include "abi/session.hpp"
#include "light/bisection.hpp"

namespace weft::abi {

enum class BisectionTag : std::uint8_t {
  Verified = 1,
  NeedBlock,
  Failed,
};

class BisectionHandle {
public:
  explicit BisectionHandle(const LightParams& params)
      : bisection_(params.options), max_validators_(params.max_validators) {}

  // Begins a run from `trusted` (a light block, plus its next set or an empty span) to
  // `target_height`, judged at `now_ms`. 0, or a DecodeError (and no run begins).
  std::int32_t start(std::span<const std::uint8_t> trusted,
                     std::span<const std::uint8_t> trusted_next, std::uint64_t target_height,
                     std::uint64_t now_ms);
  // The next step (above), or AbiError.NotStarted.
  std::int32_t next(Session& s);
  // 1 when the block was cached (its height is in the run's range), 0 when not, or a
  // DecodeError.
  std::int32_t provide(std::span<const std::uint8_t> block);
  // The latest verified light block's encoding, or AbiError.NotStarted.
  std::int32_t trusted(Session& s) const;
  // Blocks provide()d in answer to NeedBlock during this run.
  std::uint64_t fetched() const { return bisection_.fetched(); }

private:
  light::Bisection bisection_;
  std::size_t max_validators_;
  bool started_ = false;
};

} // namespace weft::abi
