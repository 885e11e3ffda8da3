// The binary framing in which the consensus handle returns the state machine's actions
// (docs/architecture.md, "Consensus and light-client handles"; mirrored by
// wasm/ts/src/consensus-actions.ts). Objects travel in their canonical encodings, integers
// big-endian, `bytes` as a varint length and the bytes:
//
//   frame  = varint count, then count × (tag u8, payload)
//   1 BroadcastProposal    bytes proposal (unsigned), bytes LastSigned record, sign digest [32]
//   2 BroadcastVote        bytes vote (unsigned), bytes LastSigned record, sign digest [32]
//   3 ScheduleTimeout      kind u8, height u64, round u32, duration_ms u64
//   4 RequestValidity      height u64, block [32]
//   5 RequestProposalBlock height u64, round u32
//   6 Decide               height u64, round u32, block [32], bytes commit
//   7 EvidenceFound        bytes duplicate-vote evidence
//   8 ConflictingCommits   bytes decided commit, bytes conflicting commit
//
// The sign digest is what the host's key signs (sign_digest("proposal" | "prevote" |
// "precommit", chain_id, body)), so the host never needs to know an object's layout.
#pragma once

#include <cstdint>
#include <string_view>

#include "consensus/state_machine.hpp"
#include "consensus/types.hpp"
#include "encoding/writer.hpp"

namespace weft::abi {

enum class ActionTag : std::uint8_t {
  BroadcastProposal = 1,
  BroadcastVote,
  ScheduleTimeout,
  RequestValidity,
  RequestProposalBlock,
  Decide,
  EvidenceFound,
  ConflictingCommits,
};

// Precondition: encoding::is_valid_chain_id(chain_id) (the handle checked it at start_height).
void write_actions(encoding::Writer& w, std::string_view chain_id,
                   const consensus::Actions& actions);
consensus::Bytes encode_actions(std::string_view chain_id, const consensus::Actions& actions);

} // namespace weft::abi
