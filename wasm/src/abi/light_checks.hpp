// Light-client verification at the boundary (docs/protocol/light-client.md; docs/architecture.md,
// "Consensus and light-client handles"): one untrusted light block against a trusted one, and a
// witness's block against the one the client verified. Light blocks cross in their canonical
// encoding; the trusted block's next validator set is optional (an empty span is none). The
// core never reads a clock: `now_ms` is the host's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "abi/session.hpp"
#include "encoding/decode_error.hpp"
#include "light/verify.hpp"
#include "util/result.hpp"

namespace weft::abi {

// Everything a light-client call needs besides blocks and the clock.
struct LightParams {
  light::Options options;
  std::size_t max_validators = 0; // the chain's parameter; bounds every set and commit decoded
};

Result<light::TrustedBlock, encoding::DecodeError>
decode_trusted_block(std::span<const std::uint8_t> block, std::span<const std::uint8_t> next_set,
                     std::size_t max_validators);

// 0 when `untrusted` verifies from `trusted` (sequentially or by skipping, by height);
// otherwise DecodeError or the LightError (NotEnoughTrust: bisect, see bisection_handle.hpp).
std::int32_t verify_light_block(std::span<const std::uint8_t> trusted,
                                std::span<const std::uint8_t> trusted_next,
                                std::span<const std::uint8_t> untrusted, const LightParams& params,
                                std::uint64_t now_ms);

// check_witness: 0 when the witness has the header the client verified from `common`; 1 when
// its different header also verifies from `common` — a light-client attack, with the
// evidence's canonical encoding in the session; otherwise the witness is at fault and the status
// names why (DecodeError, LightError.WrongHeight, LightError.NotEnoughTrust: bisect the
// witness's chain from `common`, then call attack_evidence with the block that run verifies).
std::int32_t check_witness(Session& s, std::span<const std::uint8_t> common,
                           std::span<const std::uint8_t> common_next,
                           std::span<const std::uint8_t> verified,
                           std::span<const std::uint8_t> witness, const LightParams& params,
                           std::uint64_t now_ms);

// The evidence that `conflicting` contradicts `verified` (both verified from the trusted block
// at `common_height`), in the session. The core refuses to build evidence its own decoder would
// refuse: blocks of different heights are LightError.WrongHeight; the same header, or a common
// height of 0 or not below the blocks, is DecodeError.ValueOutOfRange.
std::int32_t attack_evidence(Session& s, std::uint64_t common_height,
                             std::span<const std::uint8_t> verified,
                             std::span<const std::uint8_t> conflicting, std::size_t max_validators);

} // namespace weft::abi
