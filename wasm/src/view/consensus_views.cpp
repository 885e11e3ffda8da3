// Views of the consensus objects (view/consensus_views.hpp). Key order here is the canonical
// order.
#include "view/consensus_views.hpp"

#include <array>
#include <vector>

namespace weft::view {
namespace {

using consensus::kMaxRound;
using consensus::kNoRound;
using consensus::SignedStep;
using consensus::VoteType;

constexpr std::array<Name<VoteType>, 2> kVoteTypes{{
    {"prevote", VoteType::Prevote},
    {"precommit", VoteType::Precommit},
}};

constexpr std::array<Name<SignedStep>, 3> kSteps{{
    {"proposal", SignedStep::Proposal},
    {"prevote", SignedStep::Prevote},
    {"precommit", SignedStep::Precommit},
}};

// The encoding's only evidence kind (kEvidenceDuplicateVote).
constexpr std::array<Name<std::uint8_t>, 1> kEvidenceKinds{{
    {"duplicateVote", consensus::kEvidenceDuplicateVote},
}};

// An unset round is null; 0xFFFFFFFF written as a number would mean the same and so is refused,
// keeping one view per object.
std::uint32_t round_or_none(Fields& f, std::string_view key) {
  return f.u32_or_null(key, kMaxRound).value_or(kNoRound);
}

encoding::DecodeError decode_error_of(consensus::ValidatorSetError e) {
  using encoding::DecodeError;
  switch (e) {
  case consensus::ValidatorSetError::TooMany:
    return DecodeError::LengthTooLarge;
  case consensus::ValidatorSetError::DuplicateKey:
    return DecodeError::NotSorted;
  case consensus::ValidatorSetError::Empty:
  case consensus::ValidatorSetError::ZeroPower:
  case consensus::ValidatorSetError::TotalPowerTooLarge:
  case consensus::ValidatorSetError::RemovesUnknown:
    break;
  }
  return DecodeError::ValueOutOfRange;
}

} // namespace

Json to_json(const consensus::Vote& v) {
  return object(member("type", name_of(v.type, kVoteTypes)),
                member("height", Json::number(v.height)), member("round", Json::number(v.round)),
                member("block", hex_or_null(v.block)),
                member("validatorIndex", Json::number(v.validator_index)),
                member("signature", hex(v.signature)));
}

consensus::Vote vote_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  consensus::Vote v;
  v.type = f.name("type", kVoteTypes);
  v.height = f.u64("height");
  v.round = f.u32("round");
  v.block = f.fixed_or_null<32>("block");
  v.validator_index = f.u32("validatorIndex");
  v.signature = f.fixed<64>("signature");
  f.finish();
  return v;
}

Json to_json(const consensus::Proposal& p) {
  return object(member("height", Json::number(p.height)), member("round", Json::number(p.round)),
                member("polRound", number_or_null(p.pol_round, kNoRound)),
                member("block", hex(p.block)), member("signature", hex(p.signature)));
}

consensus::Proposal proposal_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  consensus::Proposal p;
  p.height = f.u64("height");
  p.round = f.u32("round");
  p.pol_round = round_or_none(f, "polRound");
  p.block = f.fixed<32>("block");
  p.signature = f.fixed<64>("signature");
  f.finish();
  return p;
}

Json to_json(const consensus::Commit& c) {
  Json::Array signatures;
  signatures.reserve(c.signatures.size());
  for (const auto& sig : c.signatures) {
    signatures.push_back(object(member("validatorIndex", Json::number(sig.validator_index)),
                                member("signature", hex(sig.signature))));
  }
  return object(member("height", Json::number(c.height)), member("round", Json::number(c.round)),
                member("block", hex(c.block)),
                member("signatures", Json::array(std::move(signatures))));
}

consensus::Commit commit_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  consensus::Commit c;
  c.height = f.u64("height");
  c.round = f.u32("round");
  c.block = f.fixed<32>("block");
  for (const Json& item : f.array("signatures")) {
    Fields sig(item, status);
    c.signatures.push_back({sig.u32("validatorIndex"), sig.fixed<64>("signature")});
    sig.finish();
  }
  f.finish();
  return c;
}

Json to_json(const consensus::DuplicateVoteEvidence& e) {
  return object(member("kind", name_of(consensus::kEvidenceDuplicateVote, kEvidenceKinds)),
                member("voteA", to_json(e.vote_a)), member("voteB", to_json(e.vote_b)));
}

consensus::DuplicateVoteEvidence evidence_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  consensus::DuplicateVoteEvidence e;
  f.name("kind", kEvidenceKinds);
  e.vote_a = vote_from_json(f.at("voteA"), status);
  e.vote_b = vote_from_json(f.at("voteB"), status);
  f.finish();
  return e;
}

Json to_json(const consensus::ValidatorSet& set) {
  Json::Array members;
  members.reserve(set.size());
  for (const auto& v : set.validators()) {
    members.push_back(
        object(member("publicKey", hex(v.public_key)), member("power", Json::number(v.power))));
  }
  return object(member("members", Json::array(std::move(members))));
}

consensus::ValidatorSet validator_set_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  std::vector<consensus::ValidatorPower> members;
  for (const Json& item : f.array("members")) {
    Fields m(item, status);
    members.push_back({m.fixed<32>("publicKey"), m.u64("power")});
    m.finish();
  }
  if (!f.finish()) return {};
  auto set = consensus::ValidatorSet::create(members);
  if (!set) {
    status.fail(decode_error_of(set.error()));
    return {};
  }
  // create() accepts members in any order; the encoding lists them in set order only.
  if (set.value().members() != members) {
    status.fail(encoding::DecodeError::NotSorted);
    return {};
  }
  return std::move(set).value();
}

Json to_json(const consensus::LastSigned& s) {
  return object(member("height", Json::number(s.height)), member("round", Json::number(s.round)),
                member("step", name_of(s.step, kSteps)), member("block", hex_or_null(s.block)),
                member("polRound", number_or_null(s.pol_round, kNoRound)),
                member("lockedRound", number_or_null(s.locked_round, kNoRound)),
                member("lockedBlock", hex_or_null(s.locked_block)),
                member("validRound", number_or_null(s.valid_round, kNoRound)),
                member("validBlock", hex_or_null(s.valid_block)));
}

consensus::LastSigned last_signed_from_json(const Json& json, ReadStatus& status) {
  Fields f(json, status);
  consensus::LastSigned s;
  s.height = f.u64("height");
  s.round = f.u32("round");
  s.step = f.name("step", kSteps);
  s.block = f.fixed_or_null<32>("block");
  s.pol_round = round_or_none(f, "polRound");
  s.locked_round = round_or_none(f, "lockedRound");
  s.locked_block = f.fixed_or_null<32>("lockedBlock");
  s.valid_round = round_or_none(f, "validRound");
  s.valid_block = f.fixed_or_null<32>("validBlock");
  f.finish();
  return s;
}

} // namespace weft::view
