// Duplicate-vote evidence (docs/protocol.md, "Evidence").
#include "consensus/evidence.hpp"

#include <algorithm>

namespace weft::consensus {
namespace {

bool conflicting(const Vote& a, const Vote& b) {
  return a.validator_index == b.validator_index && a.height == b.height && a.round == b.round &&
         a.type == b.type && a.block != b.block;
}

} // namespace

std::optional<DuplicateVoteEvidence> make_duplicate_vote_evidence(const Vote& a, const Vote& b) {
  if (!conflicting(a, b)) return std::nullopt;
  if (encode_vote(b) < encode_vote(a)) return DuplicateVoteEvidence{b, a};
  return DuplicateVoteEvidence{a, b};
}

void write_evidence(encoding::Writer& w, const DuplicateVoteEvidence& evidence) {
  w.u8(kEvidenceVersion);
  w.u8(kEvidenceDuplicateVote);
  write_vote(w, evidence.vote_a);
  write_vote(w, evidence.vote_b);
}

Bytes encode_evidence(const DuplicateVoteEvidence& evidence) {
  encoding::Writer w;
  write_evidence(w, evidence);
  return std::move(w).take();
}

DuplicateVoteEvidence read_evidence(encoding::Reader& r) {
  using encoding::DecodeError;
  DuplicateVoteEvidence e;
  if (r.u8() != kEvidenceVersion) r.fail(DecodeError::UnknownVersion);
  if (r.u8() != kEvidenceDuplicateVote) r.fail(DecodeError::UnknownType);
  e.vote_a = read_vote(r);
  e.vote_b = read_vote(r);
  if (r.ok() && !conflicting(e.vote_a, e.vote_b)) r.fail(DecodeError::ValueOutOfRange);
  if (r.ok() && !(encode_vote(e.vote_a) < encode_vote(e.vote_b))) r.fail(DecodeError::NotSorted);
  return e;
}

Result<DuplicateVoteEvidence, encoding::DecodeError>
decode_evidence(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  auto e = read_evidence(r);
  if (!r.finish()) return err(r.error());
  return e;
}

Status<EvidenceError> verify_evidence(std::string_view chain_id, const ValidatorSet& set,
                                      const DuplicateVoteEvidence& evidence) {
  if (!conflicting(evidence.vote_a, evidence.vote_b)) return err(EvidenceError::NotConflicting);
  for (const Vote* v : {&evidence.vote_a, &evidence.vote_b}) {
    const auto s = verify_vote(chain_id, set, *v);
    if (!s) {
      return err(s.error() == VoteError::UnknownValidator ? EvidenceError::UnknownValidator
                                                          : EvidenceError::BadSignature);
    }
  }
  return {};
}

} // namespace weft::consensus
