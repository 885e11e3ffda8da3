// Every signature of a run, made and checked once. All nodes see the same few signed messages and
// verification is a pure function of (key, digest, signature), so caching changes no outcome and
// makes a many-node run cost about as much crypto as a one-node one. Commits go through the real
// verify_commit (batch verification included), once per distinct commit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <unordered_map>
#include <utility>

#include "consensus/commit.hpp"
#include "consensus/proposal.hpp"
#include "consensus/vote.hpp"
#include "validators.hpp"
#include "wire.hpp"

namespace weft::sim {

class Signatures {
public:
  explicit Signatures(Validators& validators) : validators_(validators) {}

  consensus::Signature sign(std::uint32_t node, const consensus::Hash& digest);
  bool verify(const consensus::PublicKey& key, const consensus::Hash& digest,
              const consensus::Signature& sig);
  bool commit_verifies(const consensus::Commit& commit);

  // `node`'s vote or proposal, signed and framed for the wire.
  Bytes signed_vote(std::uint32_t node, consensus::Vote vote);
  Bytes signed_proposal(std::uint32_t node, consensus::Proposal proposal);

private:
  // (public key, digest, signature), the whole input of a verification.
  struct VerifyKey {
    std::array<std::uint8_t, 128> bytes;
    bool operator==(const VerifyKey&) const = default;
  };
  struct VerifyKeyHash {
    std::size_t operator()(const VerifyKey& k) const {
      std::uint64_t h;
      std::memcpy(&h, k.bytes.data() + 64, sizeof h); // from the signature's R: already uniform
      return static_cast<std::size_t>(h);
    }
  };

  Validators& validators_;
  std::map<std::pair<std::uint32_t, consensus::Hash>, consensus::Signature> signed_;
  std::unordered_map<VerifyKey, bool, VerifyKeyHash> verified_;
  std::map<consensus::Hash, bool> commits_checked_; // verify_commit results by commit hash
};

} // namespace weft::sim
