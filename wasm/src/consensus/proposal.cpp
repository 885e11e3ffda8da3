// Proposal encoding and verification (docs/protocol.md, "Proposal").
#include "consensus/proposal.hpp"

#include "crypto/ed25519/verify.hpp"
#include "encoding/sign_digest.hpp"

namespace weft::consensus {

void write_proposal_body(encoding::Writer& w, const Proposal& proposal) {
  w.u8(kProposalVersion);
  w.u64(proposal.height);
  w.u32(proposal.round);
  w.u32(proposal.pol_round);
  w.fixed(proposal.block);
}

void write_proposal(encoding::Writer& w, const Proposal& proposal) {
  write_proposal_body(w, proposal);
  w.fixed(proposal.signature);
}

Bytes encode_proposal(const Proposal& proposal) {
  encoding::Writer w;
  write_proposal(w, proposal);
  return std::move(w).take();
}

Bytes proposal_sign_bytes(const Proposal& proposal) {
  encoding::Writer w;
  write_proposal_body(w, proposal);
  return std::move(w).take();
}

Hash proposal_sign_digest(std::string_view chain_id, const Proposal& proposal) {
  return encoding::sign_digest(encoding::kSignKindProposal, chain_id,
                               proposal_sign_bytes(proposal));
}

Proposal read_proposal(encoding::Reader& r) {
  using encoding::DecodeError;
  Proposal p;
  if (r.u8() != kProposalVersion) r.fail(DecodeError::UnknownVersion);
  p.height = r.u64();
  if (p.height == 0) r.fail(DecodeError::ValueOutOfRange);
  p.round = r.u32();
  if (p.round > kMaxRound) r.fail(DecodeError::ValueOutOfRange);
  p.pol_round = r.u32();
  if (p.pol_round != kNoRound && p.pol_round >= p.round) r.fail(DecodeError::ValueOutOfRange);
  p.block = r.fixed<32>();
  p.signature = r.fixed<64>();
  return p;
}

Result<Proposal, encoding::DecodeError> decode_proposal(std::span<const std::uint8_t> in) {
  encoding::Reader r(in);
  Proposal p = read_proposal(r);
  if (!r.finish()) return err(r.error());
  return p;
}

bool verify_proposal(std::string_view chain_id, const PublicKey& proposer,
                     const Proposal& proposal) {
  return crypto::ed25519::verify(proposer, proposal_sign_digest(chain_id, proposal),
                                 proposal.signature);
}

} // namespace weft::consensus
