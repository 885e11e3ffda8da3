// The consensus rules a host needs outside a state machine (docs/architecture.md, "Consensus
// and light-client handles"): checking a commit or duplicate-vote evidence it received,
// asking the sign guard before signing, and putting its signature into the message it signed.
// Each returns a status (abi/abi.hpp); objects cross in their canonical encodings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "abi/session.hpp"
#include "consensus/types.hpp"

namespace weft::abi {

// 0 when `commit` carries more than 2/3 of `set`'s power for (height, block), every signature
// valid; otherwise DecodeError, CommitError or ConsensusError.InvalidChainId.
std::int32_t check_commit(std::string_view chain_id, std::span<const std::uint8_t> set,
                          std::span<const std::uint8_t> commit, std::uint64_t height,
                          const consensus::BlockId& block, std::size_t max_validators);

// 0 when `evidence` is a duplicate vote both of whose votes `set` (the set of its height)
// signed; otherwise DecodeError, EvidenceError or ConsensusError.InvalidChainId.
std::int32_t check_evidence(std::string_view chain_id, std::span<const std::uint8_t> set,
                            std::span<const std::uint8_t> evidence, std::size_t max_validators);

// SignGuard::approve as a pure function of the two records (encode_last_signed): 0 when
// signing `next` is safe after `last` (empty: nothing signed yet), else SignGuardError. The
// host persists `next` after 0 and before it signs.
std::int32_t sign_guard_approve(std::span<const std::uint8_t> last,
                                std::span<const std::uint8_t> next);

// The signed message: an unsigned vote or proposal encoding (a Broadcast action's) with
// `signature` in place. Answers its canonical encoding, or a DecodeError. Whether the signature
// is right is for the receiver (ConsensusHandle::on_vote / on_proposal) to check.
std::int32_t attach_vote_signature(Session& s, std::span<const std::uint8_t> vote,
                                   const consensus::Signature& signature);
std::int32_t attach_proposal_signature(Session& s, std::span<const std::uint8_t> proposal,
                                       const consensus::Signature& signature);

} // namespace weft::abi
