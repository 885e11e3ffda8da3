// The property checks (properties.hpp). The violation texts are what weft_sim prints, so they
// name the node, height and round a reader needs to replay the seed with --trace.
#include "properties.hpp"

namespace weft::sim {

namespace c = weft::consensus;

void PropertyChecker::violate(std::string property, std::string detail) {
  if (!ok_) return;
  ok_ = false;
  property_ = std::move(property);
  detail_ = std::move(detail);
}

void PropertyChecker::refused_signature(std::uint32_t node) {
  // The state machine must never even ask: report it as a double-sign attempt.
  violate("double-sign",
          "node " + std::to_string(node) + " asked to sign against its last-signed record");
}

void PropertyChecker::signed_message(std::uint32_t node, const c::LastSigned& record) {
  const auto key = std::make_tuple(node, record.height, record.round, record.step);
  const auto content = std::make_pair(record.block, record.pol_round);
  const auto [it, fresh] = signed_log_.emplace(key, content);
  if (!fresh && it->second != content) {
    violate("double-sign", "honest node " + std::to_string(node) + " signed two different " +
                               (record.step == c::SignedStep::Proposal ? "proposals" : "votes") +
                               " at height " + std::to_string(record.height) + " round " +
                               std::to_string(record.round));
  }
}

void PropertyChecker::decided(std::uint32_t node, const c::Decide& d) {
  if (!oracle_.valid(d.block)) {
    violate("validity", "node " + std::to_string(node) + " decided an invalid block at height " +
                            std::to_string(d.height));
  }
  const auto [it, fresh] = decided_.emplace(d.height, d.block);
  if (!fresh && it->second != d.block) {
    violate("agreement", "two different blocks decided at height " + std::to_string(d.height));
  }
  if (!signatures_.commit_verifies(d.commit)) {
    violate("commit", "node " + std::to_string(node) + " built a commit that does not verify");
  }
}

void PropertyChecker::conflicting_commits(std::uint32_t node, std::uint64_t height) {
  violate("agreement", "node " + std::to_string(node) + " saw conflicting commits at height " +
                           std::to_string(height));
}

void PropertyChecker::evidence(const c::ValidatorSet& set,
                               const c::DuplicateVoteEvidence& evidence) {
  if (!c::verify_evidence(kChainId, set, evidence)) {
    violate("evidence", "an honest node produced evidence that does not verify");
  }
}

void PropertyChecker::not_live(std::uint64_t height, std::uint64_t window_ms) {
  violate("liveness", "honest nodes did not all decide height " + std::to_string(height) +
                          " within " + std::to_string(window_ms) + " ms after faults stopped");
}

} // namespace weft::sim
