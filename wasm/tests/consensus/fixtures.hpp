// Shared fixtures for the consensus tests: deterministic keys, a validator set over them, and
// signing with the test-only Ed25519 signer.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../crypto/ed25519_signer.hpp"
#include "consensus/commit.hpp"
#include "consensus/proposal.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"

namespace weft::test::consensus {

namespace c = weft::consensus;
inline constexpr std::string_view kChain = "weft-test";

inline ed25519::KeyPair key(std::uint8_t i) {
  std::array<std::uint8_t, 32> seed{};
  seed[0] = i;
  seed[31] = 0xc0;
  return ed25519::key_from_seed(seed);
}

inline c::BlockId block_id(std::uint8_t tag) {
  c::BlockId b{};
  b.fill(tag);
  return b;
}

// Validators 0..powers.size()-1 with the given powers; `keys` in node order.
struct Network {
  std::vector<ed25519::KeyPair> keys;
  c::ValidatorSet set;
  explicit Network(std::vector<std::uint64_t> powers) {
    std::vector<c::ValidatorPower> members;
    for (std::size_t i = 0; i < powers.size(); ++i) {
      keys.push_back(key(static_cast<std::uint8_t>(i + 1)));
      members.push_back({keys.back().public_key, powers[i]});
    }
    set = c::ValidatorSet::create(members).value();
  }
  // The key pair of set member `index`.
  const ed25519::KeyPair& signer(std::uint32_t index) const {
    for (const auto& k : keys) {
      if (k.public_key == set[index].public_key) return k;
    }
    return keys.front();
  }
  c::Vote vote(c::VoteType type, std::uint64_t height, std::uint32_t round, c::MaybeBlock block,
               std::uint32_t index) const {
    c::Vote v{type, height, round, block, index, {}};
    v.signature = ed25519::sign(signer(index), c::vote_sign_digest(kChain, v));
    return v;
  }
  c::Proposal proposal(std::uint64_t height, std::uint32_t round, std::uint32_t pol,
                       c::BlockId block, std::uint32_t proposer) const {
    c::Proposal p{height, round, pol, block, {}};
    p.signature = ed25519::sign(signer(proposer), c::proposal_sign_digest(kChain, p));
    return p;
  }
  c::Commit commit(std::uint64_t height, std::uint32_t round, c::BlockId block,
                   std::vector<std::uint32_t> signers) const {
    c::Commit out{height, round, block, {}};
    for (const auto i : signers) {
      out.signatures.push_back(
          {i, vote(c::VoteType::Precommit, height, round, block, i).signature});
    }
    return out;
  }
};

} // namespace weft::test::consensus
