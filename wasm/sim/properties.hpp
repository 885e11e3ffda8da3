// The properties every run is checked against (docs/protocol/consensus.md §Simulation), fed by
// the hosts as things happen: agreement, validity, no double sign, commit validity, evidence
// validity, and liveness, whose clock the run loop keeps. Only the first violation is kept: it
// ends the run, and everything after it may be its consequence.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "block_oracle.hpp"
#include "consensus/evidence.hpp"
#include "consensus/state_machine.hpp"
#include "signatures.hpp"

namespace weft::sim {

class PropertyChecker {
public:
  PropertyChecker(const BlockOracle& oracle, Signatures& signatures)
      : oracle_(oracle), signatures_(signatures) {}

  bool ok() const { return ok_; }
  const std::string& property() const { return property_; }
  const std::string& detail() const { return detail_; }

  // An honest node's state machine asked for a signature its sign guard refused.
  void refused_signature(std::uint32_t node);
  // An honest node signed `record`: no two different messages for one (height, round, step).
  void signed_message(std::uint32_t node, const consensus::LastSigned& record);
  // An honest node decided: the block must be valid, the only one at its height, and its commit
  // must verify.
  void decided(std::uint32_t node, const consensus::Decide& decision);
  // An honest node saw two commits for different blocks at its height.
  void conflicting_commits(std::uint32_t node, std::uint64_t height);
  // An honest node produced evidence; it must verify against the height's set.
  void evidence(const consensus::ValidatorSet& set,
                const consensus::DuplicateVoteEvidence& evidence);
  // Honest nodes did not all reach `height` within `window_ms` after faults stopped.
  void not_live(std::uint64_t height, std::uint64_t window_ms);

private:
  void violate(std::string property, std::string detail);

  const BlockOracle& oracle_;
  Signatures& signatures_;
  bool ok_ = true;
  std::string property_;
  std::string detail_;
  std::map<std::uint64_t, consensus::BlockId> decided_; // by height, honest nodes only
  std::map<std::tuple<std::uint32_t, std::uint64_t, std::uint32_t, consensus::SignedStep>,
           std::pair<consensus::MaybeBlock, std::uint32_t>>
      signed_log_; // (node, height, round, step) -> (block, pol_round)
};

} // namespace weft::sim
