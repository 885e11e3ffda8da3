// Vote encoding and verification (docs/protocol.md, "Vote").
#include "consensus/vote.hpp"

#include "crypto/ed25519/verify.hpp"
#include "encoding/sign_digest.hpp"

namespace weft::consensus {

void write_vote_body(encoding::Writer& w, const Vote& vote) {
  w.u8(kVoteVersion);
  w.u8(static_cast<std::uint8_t>(vote.type));
  w.u64(vote.height);
  w.u32(vote.round);
  w.boolean(vote.block.has_value());
  if (vote.block) w.fixed(*vote.block);
  w.u32(vote.validator_index);
}

void write_vote(encoding::Writer& w, const Vote& vote) {
  write_vote_body(w, vote);
  w.fixed(vote.signature);
}

Bytes encode_vote(const Vote& vote) {
  encoding::Writer w;
  write_vote(w, vote);
  return std::move(w).take();
}

Bytes vote_sign_bytes(const Vote& vote) {
  encoding::Writer w;
  write_vote_body(w, vote);
  return std::move(w).take();
}

Hash vote_sign_digest(std::string_view chain_id, const Vote& vote) {
  const auto kind =
      vote.type == VoteType::Prevote ? encoding::kSignKindPrevote : encoding::kSignKindPrecommit;
  return encoding::sign_digest(kind, chain_id, vote_sign_bytes(vote));
}

Vote read_vote(encoding::Reader& r) {
  using encoding::DecodeError;
  Vote vote;
  if (r.u8() != kVoteVersion) r.fail(DecodeError::UnknownVersion);
  const auto type = r.u8();
  if (type != 1 && type != 2) r.fail(DecodeError::UnknownType);
  vote.type = static_cast<VoteType>(type);
  vote.height = r.u64();
  if (vote.height == 0) r.fail(DecodeError::ValueOutOfRange);
  vote.round = r.u32();
  if (vote.round > kMaxRound) r.fail(DecodeError::ValueOutOfRange);
  if (r.boolean()) vote.block = r.fixed<32>();
  vote.validator_index = r.u32();
  vote.signature = r.fixed<64>();
  return vote;
}

Result<Vote, encoding::DecodeError> decode_vote(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  Vote vote = read_vote(r);
  if (!r.finish()) return err(r.error());
  return vote;
}

Status<VoteError> verify_vote(std::string_view chain_id, const ValidatorSet& set,
                              const Vote& vote) {
  if (vote.validator_index >= set.size()) return err(VoteError::UnknownValidator);
  const auto digest = vote_sign_digest(chain_id, vote);
  if (!crypto::ed25519::verify(set[vote.validator_index].public_key, digest, vote.signature)) {
    return err(VoteError::BadSignature);
  }
  return {};
}

} // namespace weft::consensus
