// A synthetic chain for light-client tests and the skipping benchmark: headers linked by block
// id, validator sets that rotate on a schedule, commits signed by the test signer. Headers are
// cheap (hashes only) and made on demand; keys and signatures, the costly part, only for the
// heights and validators actually asked for.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../crypto/ed25519_signer.hpp"
#include "chain/header.hpp"
#include "consensus/commit.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "crypto/sha256.hpp"
#include "light/light_block.hpp"
#include "light/verify.hpp"

namespace weft::test::light {

using weft::chain::Header;
using weft::consensus::Commit;
using weft::consensus::Hash;
using weft::consensus::PublicKey;
using weft::consensus::ValidatorPower;
using weft::consensus::ValidatorSet;
using weft::light::LightBlock;
using weft::light::TrustedBlock;

inline const std::string kChainId = "weft-light-test";
inline constexpr std::uint64_t kGenesisTime = 1'700'000'000'000;
inline constexpr std::uint64_t kBlockMs = 1000;
inline constexpr std::uint64_t kTrustingPeriodMs = 14ull * 24 * 3600 * 1000;

// Height h is signed by pool keys [e * rotate_count, e * rotate_count + size) with
// e = (h - 1) / rotate_every: every `rotate_every` heights the `rotate_count` oldest members
// leave and as many new ones join.
struct Shape {
  std::uint32_t size = 10;
  std::uint64_t rotate_every = 1;
  std::uint32_t rotate_count = 0;
};

// Unequal powers, so trust is weighed and not merely counted.
inline std::uint64_t pool_power(std::uint32_t index) {
  return 10 + index % 7;
}

inline weft::test::ed25519::KeyPair pool_key(std::uint32_t index) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(0x5a);
  for (std::size_t i = 0; i < 4; ++i) seed[i] = static_cast<std::uint8_t>(index >> (8 * i));
  return weft::test::ed25519::key_from_seed(seed);
}

inline std::uint64_t time_at(std::uint64_t height) {
  return kGenesisTime + height * kBlockMs;
}

inline weft::light::Options test_options() {
  return weft::light::Options{kTrustingPeriodMs, weft::light::kDefaultMaxClockDriftMs};
}

class SyntheticChain {
public:
  explicit SyntheticChain(Shape shape) : shape_(shape) {}

  std::uint64_t epoch(std::uint64_t height) const { return (height - 1) / shape_.rotate_every; }

  const ValidatorSet& set(std::uint64_t height) {
    const std::uint64_t e = epoch(height);
    auto it = sets_.find(e);
    if (it == sets_.end()) {
      std::vector<ValidatorPower> members;
      const auto first = static_cast<std::uint32_t>(e * shape_.rotate_count);
      for (std::uint32_t i = first; i < first + shape_.size; ++i) {
        members.push_back({public_key(i), pool_power(i)});
      }
      auto created = ValidatorSet::create(std::move(members));
      it = sets_.emplace(e, std::move(created).value()).first;
      hashes_[e] = it->second.hash();
    }
    return it->second;
  }

  Hash set_hash(std::uint64_t height) {
    const std::uint64_t e = epoch(height);
    if (!hashes_.contains(e)) set(height);
    return hashes_.at(e);
  }

  const Header& header(std::uint64_t height) {
    while (headers_.size() < height) {
      const std::uint64_t h = headers_.size() + 1;
      Header hd;
      hd.chain_id = kChainId;
      hd.height = h;
      hd.time = time_at(h);
      if (h > 1) hd.previous_block = ids_.back();
      hd.state_root = weft::crypto::sha256(std::span<const std::uint8_t>(hd.previous_block));
      hd.validators_hash = set_hash(h);
      hd.next_validators_hash = set_hash(h + 1);
      hd.proposer = weft::consensus::address_of(set(h)[0].public_key);
      hd.base_fee_per_byte = 100;
      ids_.push_back(weft::chain::block_id(hd));
      headers_.push_back(std::move(hd));
    }
    return headers_[height - 1];
  }

  // Precommits of `set`'s members (the first `max_signers` in set order) for `hd`, signed with
  // pool keys; every member must come from the pool.
  Commit sign(const Header& hd, const ValidatorSet& signers, std::size_t max_signers = SIZE_MAX,
              const std::string& chain_id = kChainId) {
    Commit c{hd.height, 0, weft::chain::block_id(hd), {}};
    for (std::uint32_t i = 0; i < signers.size() && c.signatures.size() < max_signers; ++i) {
      weft::consensus::Vote v{weft::consensus::VoteType::Precommit, hd.height, 0, c.block, i, {}};
      const Hash digest = weft::consensus::vote_sign_digest(chain_id, v);
      c.signatures.push_back({i, weft::test::ed25519::sign(key_of(signers[i].public_key), digest)});
    }
    return c;
  }

  LightBlock light_block(std::uint64_t height) {
    const Header& hd = header(height);
    return LightBlock{hd, sign(hd, set(height)), set(height)};
  }

  // An edited header, signed afresh by `signers` (pool keys): only the edit is wrong.
  LightBlock resign(const Header& hd, const ValidatorSet& signers,
                    std::size_t max_signers = SIZE_MAX) {
    return LightBlock{hd, sign(hd, signers, max_signers, hd.chain_id), signers};
  }

  // A set of pool keys with their pool powers.
  ValidatorSet make_set(const std::vector<std::uint32_t>& pool_indices) {
    std::vector<ValidatorPower> members;
    for (const auto i : pool_indices) members.push_back({public_key(i), pool_power(i)});
    return ValidatorSet::create(std::move(members)).value();
  }

  TrustedBlock trusted(std::uint64_t height) {
    return TrustedBlock{light_block(height), set(height + 1)};
  }

  PublicKey public_key(std::uint32_t index) { return pair(index).public_key; }

  const weft::test::ed25519::KeyPair& key_of(const PublicKey& pk) {
    return pair(by_public_key_.at(pk));
  }

  const weft::test::ed25519::KeyPair& pair(std::uint32_t index) {
    auto it = keys_.find(index);
    if (it == keys_.end()) {
      it = keys_.emplace(index, pool_key(index)).first;
      by_public_key_[it->second.public_key] = index;
    }
    return it->second;
  }

  std::size_t keys_made() const { return keys_.size(); }

private:
  Shape shape_;
  std::map<std::uint64_t, ValidatorSet> sets_;
  std::map<std::uint64_t, Hash> hashes_;
  std::vector<Header> headers_;
  std::vector<Hash> ids_;
  std::map<std::uint32_t, weft::test::ed25519::KeyPair> keys_;
  std::map<PublicKey, std::uint32_t> by_public_key_;
};

// A chain whose own set never changes, for the cases where rotation is beside the point.
inline Shape fixed_shape(std::uint32_t size) {
  return Shape{size, UINT64_MAX, 0};
}

} // namespace weft::test::light
