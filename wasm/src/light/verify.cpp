// Light-client verification (docs/protocol/light-client.md, "Verifying an untrusted light
// block"). Cheap checks run first so a bad block costs no curve arithmetic; the untrusted
// block's own quorum is checked before the trust overlap, so NotEnoughTrust — the one answer that
// sends the client bisecting instead of rejecting — means the block is otherwise valid.
#include "light/verify.hpp"

#include <limits>

#include "chain/header.hpp"
#include "consensus/commit.hpp"

namespace weft::light {
namespace {

constexpr std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

LightError from_commit_error(consensus::CommitError e) {
  using consensus::CommitError;
  switch (e) {
  case CommitError::WrongHeight:
  case CommitError::WrongBlock:
    return LightError::CommitForOtherBlock;
  case CommitError::DuplicateSignature:
    return LightError::DuplicateCommitSignature;
  case CommitError::InsufficientPower:
    return LightError::InsufficientCommitPower;
  case CommitError::NotEnoughTrust:
    return LightError::NotEnoughTrust;
  case CommitError::UnknownValidator: // a signature by no member is a signature that fails
  case CommitError::BadSignature:
    return LightError::BadCommitSignature;
  case CommitError::InvalidTrustLevel: // the level is fixed at 1/3 here; unreachable
    break;
  }
  return LightError::NotEnoughTrust;
}

// Checks 1-4 of light-client.md, shared by both kinds of step.
Status<LightError> check_common(const TrustedBlock& trusted, const LightBlock& untrusted,
                                const Options& options, std::uint64_t now_ms) {
  const chain::Header& t = trusted.block.header;
  const chain::Header& u = untrusted.header;
  // An expired trusted block vouches for nothing, whatever is offered.
  if (is_expired(trusted, options, now_ms)) return err(LightError::TrustedExpired);
  if (auto s = check_well_formed(untrusted, t.chain_id); !s) return s;
  if (u.height <= t.height) return err(LightError::NotAfterTrusted);
  if (u.time <= t.time) return err(LightError::NonIncreasingTime);
  if (u.time >= saturating_add(now_ms, options.max_clock_drift_ms)) {
    return err(LightError::FromTheFuture);
  }
  return {};
}

// More than 2/3 of the untrusted block's own set signed it, every signature valid.
Status<LightError> check_own_commit(const LightBlock& untrusted) {
  const auto s =
      consensus::verify_commit(untrusted.header.chain_id, untrusted.validators, untrusted.commit,
                               untrusted.header.height, chain::block_id(untrusted.header));
  if (!s) return err(from_commit_error(s.error()));
  return {};
}

} // namespace

Options options_from(const chain::Params& params) {
  return Options{params.trusting_period_ms, kDefaultMaxClockDriftMs};
}

bool is_expired(const TrustedBlock& trusted, const Options& options, std::uint64_t now_ms) {
  return saturating_add(trusted.block.header.time, options.trusting_period_ms) <= now_ms;
}

Status<LightError> verify_adjacent(const TrustedBlock& trusted, const LightBlock& untrusted,
                                   const Options& options, std::uint64_t now_ms) {
  if (auto s = check_common(trusted, untrusted, options, now_ms); !s) return s;
  const chain::Header& t = trusted.block.header;
  const chain::Header& u = untrusted.header;
  if (u.height != t.height + 1) return err(LightError::WrongHeight);
  // The trusted header fixed this height's set; nothing else may sign for it.
  if (u.validators_hash != t.next_validators_hash) return err(LightError::NextValidatorsMismatch);
  // A quorum of the named set signing a header that does not extend the trusted one would be a
  // fork; reject it here rather than let a later step build on it.
  if (u.previous_block != chain::block_id(t)) return err(LightError::PreviousBlockMismatch);
  return check_own_commit(untrusted);
}

Status<LightError> verify_skipping(const TrustedBlock& trusted, const LightBlock& untrusted,
                                   const Options& options, std::uint64_t now_ms) {
  if (auto s = check_common(trusted, untrusted, options, now_ms); !s) return s;
  const chain::Header& t = trusted.block.header;
  if (untrusted.header.height == t.height + 1) return err(LightError::WrongHeight);
  // A next set held by the client must be the one its header names, or the trusted state is
  // inconsistent and vouches for nothing.
  if (trusted.next_validators && trusted.next_validators->hash() != t.next_validators_hash) {
    return err(LightError::NextValidatorsMismatch);
  }
  const consensus::ValidatorSet& trusting =
      trusted.next_validators ? *trusted.next_validators : trusted.block.validators;
  if (auto s = check_own_commit(untrusted); !s) return s;
  // An empty trusted set would need zero power; no one vouches, so never enough trust.
  if (trusting.total_power() == 0) return err(LightError::NotEnoughTrust);
  const auto s = consensus::verify_commit_trusting(t.chain_id, trusting, untrusted.validators,
                                                   untrusted.commit, consensus::TrustLevel{1, 3});
  if (!s) return err(from_commit_error(s.error()));
  return {};
}

Status<LightError> verify(const TrustedBlock& trusted, const LightBlock& untrusted,
                          const Options& options, std::uint64_t now_ms) {
  // check_common names a height at or below the trusted one NotAfterTrusted for either kind.
  if (untrusted.header.height > trusted.block.header.height &&
      untrusted.header.height - trusted.block.header.height == 1) {
    return verify_adjacent(trusted, untrusted, options, now_ms);
  }
  return verify_skipping(trusted, untrusted, options, now_ms);
}

} // namespace weft::light
