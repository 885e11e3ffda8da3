// Who validates in a run: one Ed25519 key per node, derived from the node's index (so keys never
// depend on the seed), a voting power drawn from the seed (all equal in the fork profile, so that
// f+1 validators are exactly enough to fork), and the validator set of every height. Membership
// never changes, so a node's index in the set is the same at every height.
#pragma once

#include <cstdint>
#include <vector>

#include "../tests/crypto/ed25519_signer.hpp"
#include "consensus/validator_set.hpp"
#include "rng.hpp"

namespace weft::sim {

class Validators {
public:
  Validators(std::uint32_t count, bool equal_power, Rng& rng);

  std::uint32_t size() const { return static_cast<std::uint32_t>(keys_.size()); }
  const test::ed25519::KeyPair& key(std::uint32_t node) const { return keys_[node]; }
  const consensus::ValidatorSet& genesis() const { return sets_.front(); }
  // Height h's set (h >= 1), derived on first use: proposer priorities move at every height.
  const consensus::ValidatorSet& at(std::uint64_t height);
  // Votes and proposals name validators by set index; keys are by node.
  std::uint32_t set_index(std::uint32_t node) const;

private:
  std::vector<test::ed25519::KeyPair> keys_;
  std::vector<consensus::ValidatorSet> sets_; // sets_[h - 1] is height h's
};

} // namespace weft::sim
