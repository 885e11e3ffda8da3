// Proposals (docs/protocol.md, "Proposal"): the round's proposer names the block it proposes and
// the round of its proof-of-lock (pol_round, Algorithm 1's validRound). Signed over
// sign_digest("proposal", chain_id, encoding without the signature); the proposer is implied by
// (height, round), so the proposal does not name it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "consensus/types.hpp"
#include "encoding/decode_error.hpp"
#include "encoding/reader.hpp"
#include "encoding/writer.hpp"
#include "util/result.hpp"

namespace weft::consensus {

inline constexpr std::uint8_t kProposalVersion = 1;

struct Proposal {
  std::uint64_t height = 0;           // >= 1
  std::uint32_t round = 0;            // <= kMaxRound
  std::uint32_t pol_round = kNoRound; // kNoRound or < round
  BlockId block{};
  Signature signature{};
  bool operator==(const Proposal&) const = default;
};

void write_proposal_body(encoding::Writer& w, const Proposal& proposal);
void write_proposal(encoding::Writer& w, const Proposal& proposal);
Bytes encode_proposal(const Proposal& proposal);
Bytes proposal_sign_bytes(const Proposal& proposal);
Hash proposal_sign_digest(std::string_view chain_id, const Proposal& proposal);

// Fails with UnknownVersion, Truncated, TrailingBytes, or ValueOutOfRange (height 0,
// round 0xFFFFFFFF, pol_round neither none nor below round).
Proposal read_proposal(encoding::Reader& r);
Result<Proposal, encoding::DecodeError> decode_proposal(std::span<const std::uint8_t> in);

// Whether `proposal` carries a valid signature by `proposer` (the key the validator set picks for
// the proposal's height and round).
bool verify_proposal(std::string_view chain_id, const PublicKey& proposer,
                     const Proposal& proposal);

} // namespace weft::consensus
