// Sequential and skipping verification of one untrusted light block against a trusted one
// (docs/protocol/light-client.md, "Trusted state" and "Verifying an untrusted light block";
// after the Tendermint light client specification). The host passes `now`: the core never
// reads a clock.
#pragma once

#include <cstdint>
#include <optional>

#include "chain/params.hpp"
#include "consensus/validator_set.hpp"
#include "light/light_block.hpp"
#include "light/light_error.hpp"
#include "util/result.hpp"

namespace weft::light {

// What the client trusts: a verified (or checkpointed) light block, plus the set its header
// names as next when the client has it. Without it, skipping steps measure trust against the
// block's own set, which is bonded just as long (CometBFT's light client does the same).
struct TrustedBlock {
  LightBlock block;
  std::optional<consensus::ValidatorSet> next_validators;

  std::uint64_t height() const { return block.header.height; }
};

inline constexpr std::uint64_t kDefaultMaxClockDriftMs = 10'000;

struct Options {
  // Below the unbonding period, so whoever signed a trusted header is still slashable.
  std::uint64_t trusting_period_ms = 0;
  // How far ahead of the host's clock a header's time may be.
  std::uint64_t max_clock_drift_ms = kDefaultMaxClockDriftMs;
};

// The chain's own trusting period (a genesis parameter) and the default drift.
Options options_from(const chain::Params& params);

// Whether `trusted` can no longer vouch for anything: header.time + trusting_period <= now.
bool is_expired(const TrustedBlock& trusted, const Options& options, std::uint64_t now_ms);

// Sequential step, untrusted.height == trusted.height + 1 (any other height above the trusted
// one is WrongHeight): the common checks, then the untrusted
// set is the one the trusted header named next, the header links to the trusted block, and more
// than 2/3 of that set signed.
Status<LightError> verify_adjacent(const TrustedBlock& trusted, const LightBlock& untrusted,
                                   const Options& options, std::uint64_t now_ms);

// Skipping step, untrusted.height > trusted.height + 1 (the adjacent height is WrongHeight):
// the common checks, more than 2/3 of the
// untrusted block's own set signed, and signers holding at least 1/3 of the trusted set's power
// are among them. NotEnoughTrust is returned only when every other check passed.
Status<LightError> verify_skipping(const TrustedBlock& trusted, const LightBlock& untrusted,
                                   const Options& options, std::uint64_t now_ms);

// verify_adjacent or verify_skipping by height; a height not above the trusted one is
// NotAfterTrusted.
Status<LightError> verify(const TrustedBlock& trusted, const LightBlock& untrusted,
                          const Options& options, std::uint64_t now_ms);

} // namespace weft::light
