// Commits (docs/protocol.md, "Commit"; docs/protocol/consensus.md §Commit validity): the
// precommits of more than 2/3 of a height's voting power for one block in one round, stored as
// (validator_index, signature) pairs sorted by index. Each signature is the validator's precommit
// Vote{Precommit, height, round, block, validator_index}.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::consensus {

struct CommitSig {
  std::uint32_t validator_index = 0;
  Signature signature{};
  bool operator==(const CommitSig&) const = default;
};

struct Commit {
  std::uint64_t height = 0; // 0 only for the empty commit in block 1
  std::uint32_t round = 0;
  BlockId block{};
  std::vector<CommitSig> signatures; // strictly ascending validator_index
  bool operator==(const Commit&) const = default;
};

void write_commit(encoding::Writer& w, const Commit& commit);
Bytes encode_commit(const Commit& commit);
// last_commit_hash: SHA-256 of the encoding.
Hash commit_hash(const Commit& commit);
// Reads a commit, failing the reader on: more than max_signatures signatures (LengthTooLarge),
// indices not strictly ascending (NotSorted), round 0xFFFFFFFF or a height-0 commit that is not
// the empty one (ValueOutOfRange), Truncated.
Commit read_commit(encoding::Reader& r, std::size_t max_signatures = kDefaultMaxValidators);
Result<Commit, encoding::DecodeError>
decode_commit(std::span<const std::uint8_t> in, std::size_t max_signatures = kDefaultMaxValidators);

// The precommit that commit.signatures[i] signs (with its signature).
Vote commit_vote(const Commit& commit, std::size_t i);

enum class CommitError : std::uint8_t {
  WrongHeight = 1,    // the commit is for another height
  WrongBlock,         // the commit is for another block
  UnknownValidator,   // a validator_index is not in the set
  DuplicateSignature, // one validator signs twice
  InsufficientPower,  // the signers hold no more than 2/3 of the set's power
  BadSignature,       // some signature does not verify
  NotEnoughTrust,     // (trusting) the trusted set's signers hold less than the trust level
  InvalidTrustLevel,  // (trusting) the trust level is not in (0, 1]
};

// The full check a block's last commit and a sequential light-client step need: the commit is
// for (height, block), every signer is distinct and in `set`, they hold more than 2/3 of its
// power, and every signature verifies. Signatures are batch-verified, seeded by the commit's
// hash, so the result is deterministic and equal to one-by-one verification (ZIP-215).
Status<CommitError> verify_commit(std::string_view chain_id, const ValidatorSet& set,
                                  const Commit& commit, std::uint64_t height, const BlockId& block);

// A fraction of voting power, numerator / denominator with 0 < numerator <= denominator.
struct TrustLevel {
  std::uint64_t numerator = 1;
  std::uint64_t denominator = 3;
};

// Skipping verification (docs/protocol/light-client.md): `commit` was made by `signers`
// (indices refer to it); validators of `trusted`, matched by public key, that signed it must
// hold at least `level` of trusted's total power, and their signatures must verify. Height and
// block are not checked here: verify_commit against `signers` does that.
Status<CommitError> verify_commit_trusting(std::string_view chain_id, const ValidatorSet& trusted,
                                           const ValidatorSet& signers, const Commit& commit,
                                           TrustLevel level = {});

// 3 x power > 2 x total, exact in 64 bits because total <= kMaxTotalPower.
constexpr bool is_quorum(std::uint64_t power, std::uint64_t total) {
  return 3 * power > 2 * total;
}
// More than 1/3: at least one honest validator is among the holders (Algorithm 1's f + 1).
constexpr bool exceeds_one_third(std::uint64_t power, std::uint64_t total) {
  return 3 * power > total;
}

} // namespace weft::consensus
