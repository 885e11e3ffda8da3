// Votes: prevotes and precommits (docs/protocol.md, "Vote"). A vote names its validator by
// index into the height's validator set and is signed over
// sign_digest("prevote" | "precommit", chain_id, encoding without the signature).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::consensus {

inline constexpr std::uint8_t kVoteVersion = 1;

struct Vote {
  VoteType type = VoteType::Prevote;
  std::uint64_t height = 0; // >= 1
  std::uint32_t round = 0;  // <= kMaxRound
  MaybeBlock block;         // nil: no block this round
  std::uint32_t validator_index = 0;
  Signature signature{};
  bool operator==(const Vote&) const = default;
};

// The signed fields, i.e. the encoding without the signature.
void write_vote_body(encoding::Writer& w, const Vote& vote);
void write_vote(encoding::Writer& w, const Vote& vote);
Bytes encode_vote(const Vote& vote);
Bytes vote_sign_bytes(const Vote& vote);
Hash vote_sign_digest(std::string_view chain_id, const Vote& vote);

// Reads one vote, failing the reader on: UnknownVersion, UnknownType (type not 1 or 2),
// ValueOutOfRange (height 0, round 0xFFFFFFFF, nil flag not 0/1), Truncated.
Vote read_vote(encoding::Reader& r);
Result<Vote, encoding::DecodeError> decode_vote(std::span<const std::uint8_t> in);

enum class VoteError : std::uint8_t {
  UnknownValidator = 1, // validator_index is not in the set
  BadSignature,         // the signature does not verify under that validator's key
};

// Whether `vote` is signed by set[vote.validator_index] for this chain. Height and round are the
// caller's business (the state machine ignores votes for other heights).
Status<VoteError> verify_vote(std::string_view chain_id, const ValidatorSet& set, const Vote& vote);

} // namespace weft::consensus
