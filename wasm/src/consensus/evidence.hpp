// Duplicate-vote evidence (docs/protocol.md, "Evidence"; consensus.md §Evidence): two votes by
// one validator for the same height, round and type with different blocks (nil counts as a
// block), ordered so vote_a's encoding sorts before vote_b's — one canonical form per pair.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::consensus {

inline constexpr std::uint8_t kEvidenceVersion = 1;
inline constexpr std::uint8_t kEvidenceDuplicateVote = 1;

struct DuplicateVoteEvidence {
  Vote vote_a;
  Vote vote_b;
  bool operator==(const DuplicateVoteEvidence&) const = default;
};

// The canonical evidence for two conflicting votes, or nullopt if they do not conflict (other
// validator, height, round or type, or the same block).
std::optional<DuplicateVoteEvidence> make_duplicate_vote_evidence(const Vote& a, const Vote& b);

void write_evidence(encoding::Writer& w, const DuplicateVoteEvidence& evidence);
Bytes encode_evidence(const DuplicateVoteEvidence& evidence);
// Fails on UnknownVersion, UnknownType (kind not 1), the votes' own errors, ValueOutOfRange
// (votes that do not conflict) and NotSorted (vote_a's encoding not strictly before vote_b's).
DuplicateVoteEvidence read_evidence(encoding::Reader& r);
Result<DuplicateVoteEvidence, encoding::DecodeError>
decode_evidence(std::span<const std::uint8_t> in);

enum class EvidenceError : std::uint8_t {
  NotConflicting = 1, // the votes are not a duplicate vote (built by hand, not decoded)
  UnknownValidator,   // the validator index is not in the height's set
  BadSignature,       // either vote's signature fails
};

// Evidence is valid against the validator set of its height when both votes verify.
Status<EvidenceError> verify_evidence(std::string_view chain_id, const ValidatorSet& set,
                                      const DuplicateVoteEvidence& evidence);

} // namespace weft::consensus
