// Consensus across the boundary (docs/protocol/consensus.md; docs/architecture.md, "Consensus and
// light-client handles"): state-machine handles whose actions come back framed
// (abi/action_frame.hpp), and the stateless calls a host makes around them. The logic lives in
// abi/consensus_handle.cpp and abi/consensus_checks.cpp, which the native tests exercise; these
// are the C entry points. Optional encodings are passed with length 0, an optional own key as a
// null pointer.
#include <algorithm>
#include <array>
#include <cstdint>
#include <new>
#include <optional>
#include <span>
#include <string_view>

#include "abi/abi.hpp"
#include "abi/consensus_checks.hpp"
#include "abi/consensus_handle.hpp"
#include "abi/session.hpp"
#include "consensus/state_machine.hpp"

using weft::abi::ConsensusHandle;
using weft::abi::Session;
namespace c = weft::consensus;

namespace {

std::span<const std::uint8_t> span_of(const std::uint8_t* p, std::uint32_t len) {
  return {p, len};
}

std::string_view chain_of(const std::uint8_t* p, std::uint32_t len) {
  return {reinterpret_cast<const char*>(p), len};
}

template <std::size_t N> std::array<std::uint8_t, N> array_at(const std::uint8_t* p) {
  std::array<std::uint8_t, N> out;
  std::copy_n(p, N, out.begin());
  return out;
}

std::optional<c::PublicKey> key_at(const std::uint8_t* p) {
  if (p == nullptr) return std::nullopt;
  return array_at<32>(p);
}

} // namespace

// ---- the state machine -------------------------------------------------------------------------

// A handle, or 0 when out of memory. Timeouts are the genesis parameters (consensus.md §3).
WEFT_EXPORT(weft_consensus_new)
ConsensusHandle* weft_consensus_new(std::uint32_t max_validators, std::uint32_t propose_ms,
                                    std::uint32_t propose_delta_ms, std::uint32_t prevote_ms,
                                    std::uint32_t prevote_delta_ms, std::uint32_t precommit_ms,
                                    std::uint32_t precommit_delta_ms) {
  const c::TimeoutParams timeouts{propose_ms,       propose_delta_ms, prevote_ms,
                                  prevote_delta_ms, precommit_ms,     precommit_delta_ms};
  return new (std::nothrow) ConsensusHandle(timeouts, max_validators);
}

WEFT_EXPORT(weft_consensus_free) void weft_consensus_free(ConsensusHandle* h) {
  delete h;
}

WEFT_EXPORT(weft_consensus_start_height)
std::int32_t weft_consensus_start_height(Session* s, ConsensusHandle* h,
                                         const std::uint8_t* chain_id, std::uint32_t chain_len,
                                         std::uint64_t height, const std::uint8_t* set,
                                         std::uint32_t set_len, const std::uint8_t* own_key,
                                         const std::uint8_t* last_signed, std::uint32_t last_len,
                                         const std::uint8_t* priorities, std::uint32_t prio_len) {
  return h->start_height(*s, chain_of(chain_id, chain_len), height, span_of(set, set_len),
                         key_at(own_key), span_of(last_signed, last_len),
                         span_of(priorities, prio_len));
}

WEFT_EXPORT(weft_consensus_start_next_height)
std::int32_t weft_consensus_start_next_height(Session* s, ConsensusHandle* h,
                                              const std::uint8_t* set, std::uint32_t set_len,
                                              const std::uint8_t* own_key,
                                              const std::uint8_t* last_signed,
                                              std::uint32_t last_len) {
  return h->start_next_height(*s, span_of(set, set_len), key_at(own_key),
                              span_of(last_signed, last_len));
}

WEFT_EXPORT(weft_consensus_on_proposal)
std::int32_t weft_consensus_on_proposal(Session* s, ConsensusHandle* h, const std::uint8_t* p,
                                        std::uint32_t len) {
  return h->on_proposal(*s, span_of(p, len));
}

WEFT_EXPORT(weft_consensus_on_vote)
std::int32_t weft_consensus_on_vote(Session* s, ConsensusHandle* h, const std::uint8_t* p,
                                    std::uint32_t len) {
  return h->on_vote(*s, span_of(p, len));
}

WEFT_EXPORT(weft_consensus_on_commit)
std::int32_t weft_consensus_on_commit(Session* s, ConsensusHandle* h, const std::uint8_t* p,
                                      std::uint32_t len) {
  return h->on_commit(*s, span_of(p, len));
}

WEFT_EXPORT(weft_consensus_on_timeout)
std::int32_t weft_consensus_on_timeout(Session* s, ConsensusHandle* h, std::uint32_t kind,
                                       std::uint64_t height, std::uint32_t round) {
  return h->on_timeout(*s, kind, height, round);
}

WEFT_EXPORT(weft_consensus_on_block_validity)
std::int32_t weft_consensus_on_block_validity(Session* s, ConsensusHandle* h,
                                              const std::uint8_t* block, std::int32_t valid) {
  return h->on_block_validity(*s, array_at<32>(block), valid != 0);
}

WEFT_EXPORT(weft_consensus_on_proposal_block)
std::int32_t weft_consensus_on_proposal_block(Session* s, ConsensusHandle* h, std::uint64_t height,
                                              std::uint32_t round, const std::uint8_t* block) {
  return h->on_proposal_block(*s, height, round, array_at<32>(block));
}

WEFT_EXPORT(weft_consensus_height) std::uint64_t weft_consensus_height(const ConsensusHandle* h) {
  return h->machine().height();
}
WEFT_EXPORT(weft_consensus_round) std::uint32_t weft_consensus_round(const ConsensusHandle* h) {
  return h->machine().round();
}
// 0 idle, 1 propose, 2 prevote, 3 precommit, 4 decided (consensus::Step).
WEFT_EXPORT(weft_consensus_step) std::uint32_t weft_consensus_step(const ConsensusHandle* h) {
  return static_cast<std::uint32_t>(h->machine().step());
}
// Rounds are 0xFFFFFFFF while there is no lock (no valid value).
WEFT_EXPORT(weft_consensus_locked_round)
std::uint32_t weft_consensus_locked_round(const ConsensusHandle* h) {
  return h->machine().locked_round();
}
WEFT_EXPORT(weft_consensus_valid_round)
std::uint32_t weft_consensus_valid_round(const ConsensusHandle* h) {
  return h->machine().valid_round();
}

WEFT_EXPORT(weft_consensus_proposer_key)
std::int32_t weft_consensus_proposer_key(Session* s, ConsensusHandle* h, std::uint32_t round) {
  return h->proposer_key(*s, round);
}

WEFT_EXPORT(weft_consensus_priorities)
std::int32_t weft_consensus_priorities(Session* s, const ConsensusHandle* h) {
  return h->priorities(*s);
}

WEFT_EXPORT(weft_consensus_votes)
std::int32_t weft_consensus_votes(Session* s, const ConsensusHandle* h, std::uint32_t round,
                                  std::uint32_t type) {
  return h->votes(*s, round, type);
}

// ---- stateless -----------------------------------------------------------------------------

WEFT_EXPORT(weft_consensus_verify_commit)
std::int32_t weft_consensus_verify_commit(const std::uint8_t* chain_id, std::uint32_t chain_len,
                                          const std::uint8_t* set, std::uint32_t set_len,
                                          const std::uint8_t* commit, std::uint32_t commit_len,
                                          std::uint64_t height, const std::uint8_t* block,
                                          std::uint32_t max_validators) {
  return weft::abi::check_commit(chain_of(chain_id, chain_len), span_of(set, set_len),
                                 span_of(commit, commit_len), height, array_at<32>(block),
                                 max_validators);
}

WEFT_EXPORT(weft_consensus_verify_evidence)
std::int32_t weft_consensus_verify_evidence(const std::uint8_t* chain_id, std::uint32_t chain_len,
                                            const std::uint8_t* set, std::uint32_t set_len,
                                            const std::uint8_t* evidence,
                                            std::uint32_t evidence_len,
                                            std::uint32_t max_validators) {
  return weft::abi::check_evidence(chain_of(chain_id, chain_len), span_of(set, set_len),
                                   span_of(evidence, evidence_len), max_validators);
}

WEFT_EXPORT(weft_sign_guard_approve)
std::int32_t weft_sign_guard_approve(const std::uint8_t* last, std::uint32_t last_len,
                                     const std::uint8_t* next, std::uint32_t next_len) {
  return weft::abi::sign_guard_approve(span_of(last, last_len), span_of(next, next_len));
}

WEFT_EXPORT(weft_vote_attach_signature)
std::int32_t weft_vote_attach_signature(Session* s, const std::uint8_t* vote, std::uint32_t len,
                                        const std::uint8_t* signature) {
  return weft::abi::attach_vote_signature(*s, span_of(vote, len), array_at<64>(signature));
}

WEFT_EXPORT(weft_proposal_attach_signature)
std::int32_t weft_proposal_attach_signature(Session* s, const std::uint8_t* proposal,
                                            std::uint32_t len, const std::uint8_t* signature) {
  return weft::abi::attach_proposal_signature(*s, span_of(proposal, len), array_at<64>(signature));
}
