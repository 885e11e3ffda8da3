// Cached signing and verification for the simulated validators (signatures.hpp).
#include "signatures.hpp"

#include <algorithm>

#include "crypto/ed25519/verify.hpp"

namespace weft::sim {

namespace c = weft::consensus;

c::Signature Signatures::sign(std::uint32_t node, const c::Hash& digest) {
  const auto key = std::make_pair(node, digest);
  const auto it = signed_.find(key);
  if (it != signed_.end()) return it->second;
  const auto sig = test::ed25519::sign(validators_.key(node), digest);
  signed_.emplace(key, sig);
  return sig;
}

bool Signatures::verify(const c::PublicKey& key, const c::Hash& digest, const c::Signature& sig) {
  VerifyKey k{};
  std::copy(key.begin(), key.end(), k.bytes.begin());
  std::copy(digest.begin(), digest.end(), k.bytes.begin() + 32);
  std::copy(sig.begin(), sig.end(), k.bytes.begin() + 64);
  const auto it = verified_.find(k);
  if (it != verified_.end()) return it->second;
  const bool ok = crypto::ed25519::verify(key, digest, sig);
  verified_.emplace(k, ok);
  return ok;
}

bool Signatures::commit_verifies(const c::Commit& commit) {
  const auto h = c::commit_hash(commit);
  const auto it = commits_checked_.find(h);
  if (it != commits_checked_.end()) return it->second;
  const bool ok =
      c::verify_commit(kChainId, validators_.at(commit.height), commit, commit.height, commit.block)
          .ok();
  commits_checked_.emplace(h, ok);
  return ok;
}

Bytes Signatures::signed_vote(std::uint32_t node, c::Vote vote) {
  vote.validator_index = validators_.set_index(node);
  vote.signature = sign(node, c::vote_sign_digest(kChainId, vote));
  return frame_vote(vote);
}

Bytes Signatures::signed_proposal(std::uint32_t node, c::Proposal proposal) {
  proposal.signature = sign(node, c::proposal_sign_digest(kChainId, proposal));
  return frame_proposal(proposal);
}

} // namespace weft::sim
