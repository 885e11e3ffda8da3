// Commit encoding and verification (docs/protocol.md, "Commit"; consensus.md §Commit validity).
#include "consensus/commit.hpp"

#include <algorithm>
#include <cstdint>

#include "crypto/ed25519/batch.hpp"
#include "crypto/sha256.hpp"

namespace weft::consensus {
namespace {

// Batch-verifies the precommits behind the chosen signatures of `commit`.
bool verify_signatures(std::string_view chain_id, const ValidatorSet& signers, const Commit& commit,
                       std::span<const std::size_t> chosen) {
  if (chosen.empty()) return true;
  std::vector<Hash> digests;
  digests.reserve(chosen.size());
  for (const std::size_t i : chosen)
    digests.push_back(vote_sign_digest(chain_id, commit_vote(commit, i)));
  std::vector<crypto::ed25519::BatchItem> items;
  items.reserve(chosen.size());
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const auto& sig = commit.signatures[chosen[k]];
    items.push_back({signers[sig.validator_index].public_key, digests[k], sig.signature});
  }
  // The seed only has to be unpredictable to whoever chose the signatures before they were
  // fixed; the commit's own hash is deterministic and commits to every signature.
  const Hash seed = commit_hash(commit);
  std::vector<std::uint8_t> results(items.size());
  return crypto::ed25519::verify_batch(items, seed, results);
}

// Distinct, in-range signers; their indices into commit.signatures go to `chosen`.
Status<CommitError> check_signers(const ValidatorSet& signers, const Commit& commit) {
  std::vector<bool> seen(signers.size(), false);
  for (const auto& sig : commit.signatures) {
    if (sig.validator_index >= signers.size()) return err(CommitError::UnknownValidator);
    if (seen[sig.validator_index]) return err(CommitError::DuplicateSignature);
    seen[sig.validator_index] = true;
  }
  return {};
}

} // namespace

void write_commit(encoding::Writer& w, const Commit& commit) {
  w.u64(commit.height);
  w.u32(commit.round);
  w.fixed(commit.block);
  w.varint(commit.signatures.size());
  for (const auto& sig : commit.signatures) {
    w.u32(sig.validator_index);
    w.fixed(sig.signature);
  }
}

Bytes encode_commit(const Commit& commit) {
  encoding::Writer w;
  write_commit(w, commit);
  return std::move(w).take();
}

Hash commit_hash(const Commit& commit) {
  return crypto::sha256(encode_commit(commit));
}

Commit read_commit(encoding::Reader& r, std::size_t max_signatures) {
  using encoding::DecodeError;
  Commit commit;
  commit.height = r.u64();
  commit.round = r.u32();
  if (commit.round > kMaxRound) r.fail(DecodeError::ValueOutOfRange);
  commit.block = r.fixed<32>();
  const auto count = static_cast<std::size_t>(
      r.varint(std::min<std::size_t>(max_signatures, kMaxValidatorsEncodable)));
  // Height 0 is only the empty commit block 1 carries: nothing can have been signed there.
  if (commit.height == 0 && (commit.round != 0 || commit.block != BlockId{} || count != 0)) {
    r.fail(DecodeError::ValueOutOfRange);
  }
  for (std::size_t i = 0; i < count && r.ok(); ++i) {
    CommitSig sig;
    sig.validator_index = r.u32();
    sig.signature = r.fixed<64>();
    if (!r.ok()) break;
    if (!commit.signatures.empty() &&
        sig.validator_index <= commit.signatures.back().validator_index) {
      r.fail(DecodeError::NotSorted);
    }
    commit.signatures.push_back(sig);
  }
  return commit;
}

Result<Commit, encoding::DecodeError> decode_commit(std::span<const std::uint8_t> in,
                                                    std::size_t max_signatures) {
  encoding::Reader r(in);
  Commit commit = read_commit(r, max_signatures);
  if (!r.finish()) return err(r.error());
  return commit;
}

Vote commit_vote(const Commit& commit, std::size_t i) {
  return Vote{VoteType::Precommit,
              commit.height,
              commit.round,
              commit.block,
              commit.signatures[i].validator_index,
              commit.signatures[i].signature};
}

Status<CommitError> verify_commit(std::string_view chain_id, const ValidatorSet& set,
                                  const Commit& commit, std::uint64_t height,
                                  const BlockId& block) {
  if (commit.height != height) return err(CommitError::WrongHeight);
  if (commit.block != block) return err(CommitError::WrongBlock);
  if (auto s = check_signers(set, commit); !s) return s;
  std::uint64_t power = 0;
  for (const auto& sig : commit.signatures) power += set[sig.validator_index].power;
  // Power before signatures: a commit that could never suffice costs no curve arithmetic.
  if (!is_quorum(power, set.total_power())) return err(CommitError::InsufficientPower);
  std::vector<std::size_t> all(commit.signatures.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (!verify_signatures(chain_id, set, commit, all)) return err(CommitError::BadSignature);
  return {};
}

Status<CommitError> verify_commit_trusting(std::string_view chain_id, const ValidatorSet& trusted,
                                           const ValidatorSet& signers, const Commit& commit,
                                           TrustLevel level) {
  if (level.numerator == 0 || level.denominator == 0 || level.numerator > level.denominator) {
    return err(CommitError::InvalidTrustLevel);
  }
  if (auto s = check_signers(signers, commit); !s) return s;
  std::uint64_t tallied = 0;
  std::vector<std::size_t> counted;
  for (std::size_t i = 0; i < commit.signatures.size(); ++i) {
    const auto& key = signers[commit.signatures[i].validator_index].public_key;
    if (const auto t = trusted.index_of(key)) {
      tallied += trusted[*t].power;
      counted.push_back(i);
    }
  }
  // tallied >= total x n / d without a 128-bit product: with total = q d + r (r < d), the
  // bound is q n + ceil(r n / d). q n <= total since n <= d; r n < d^2 fits 64 bits unless the
  // denominator exceeds 2^32, which no sensible trust level has, so that is refused.
  const std::uint64_t total = trusted.total_power();
  const std::uint64_t q = total / level.denominator;
  const std::uint64_t r = total % level.denominator;
  if (r != 0 && level.numerator > UINT64_MAX / r) return err(CommitError::InvalidTrustLevel);
  const std::uint64_t rn = r * level.numerator;
  const std::uint64_t rn_ceil = rn / level.denominator + (rn % level.denominator != 0 ? 1 : 0);
  const std::uint64_t needed = q * level.numerator + rn_ceil;
  if (tallied < needed) return err(CommitError::NotEnoughTrust);
  if (!verify_signatures(chain_id, signers, commit, counted)) return err(CommitError::BadSignature);
  return {};
}

} // namespace weft::consensus
