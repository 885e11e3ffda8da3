// Reads the boundary's answers back in the tests, independently of the writers: the actions
// frame (abi/action_frame.hpp) and the bisection step (abi/bisection_handle.hpp), as the
// TypeScript loader reads them.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <span>
#include <vector>

#include "abi/action_frame.hpp"
#include "abi/bisection_handle.hpp"
#include "consensus/types.hpp"
#include "encoding/reader.hpp"

namespace weft::test::abi {

using weft::abi::ActionTag;
using weft::consensus::Bytes;
using weft::consensus::Hash;

struct FramedAction {
  ActionTag tag{};
  Bytes object; // proposal, vote, evidence; Decide's commit; ConflictingCommits' decided commit
  Bytes record; // Broadcast*: the LastSigned encoding
  Bytes other;  // ConflictingCommits: the conflicting commit
  Hash digest{};
  std::uint8_t kind = 0;
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  std::uint64_t duration_ms = 0;
  Hash block{};
};

constexpr std::size_t kMaxObjectBytes = 1 << 24;

inline std::vector<FramedAction> read_actions(std::span<const std::uint8_t> frame) {
  weft::encoding::Reader r(frame);
  std::vector<FramedAction> out;
  const auto count = r.varint(1 << 16);
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
    FramedAction a;
    a.tag = static_cast<ActionTag>(r.u8());
    switch (a.tag) {
    case ActionTag::BroadcastProposal:
    case ActionTag::BroadcastVote:
      a.object = r.bytes(kMaxObjectBytes);
      a.record = r.bytes(kMaxObjectBytes);
      a.digest = r.fixed<32>();
      break;
    case ActionTag::ScheduleTimeout:
      a.kind = r.u8();
      a.height = r.u64();
      a.round = r.u32();
      a.duration_ms = r.u64();
      break;
    case ActionTag::RequestValidity:
      a.height = r.u64();
      a.block = r.fixed<32>();
      break;
    case ActionTag::RequestProposalBlock:
      a.height = r.u64();
      a.round = r.u32();
      break;
    case ActionTag::Decide:
      a.height = r.u64();
      a.round = r.u32();
      a.block = r.fixed<32>();
      a.object = r.bytes(kMaxObjectBytes);
      break;
    case ActionTag::EvidenceFound:
      a.object = r.bytes(kMaxObjectBytes);
      break;
    case ActionTag::ConflictingCommits:
      a.object = r.bytes(kMaxObjectBytes);
      a.other = r.bytes(kMaxObjectBytes);
      break;
    default:
      FAIL("unknown action tag ", static_cast<int>(a.tag));
    }
    out.push_back(std::move(a));
  }
  REQUIRE(r.finish());
  return out;
}

inline std::vector<FramedAction> only(const std::vector<FramedAction>& actions, ActionTag tag) {
  std::vector<FramedAction> out;
  for (const auto& a : actions) {
    if (a.tag == tag) out.push_back(a);
  }
  return out;
}

struct FramedStep {
  weft::abi::BisectionTag tag{};
  std::uint64_t height = 0;
  std::int32_t error = 0; // Failed: the LightError status
};

inline FramedStep read_step(std::span<const std::uint8_t> frame) {
  weft::encoding::Reader r(frame);
  FramedStep step;
  step.tag = static_cast<weft::abi::BisectionTag>(r.u8());
  step.height = r.u64();
  if (step.tag == weft::abi::BisectionTag::Failed) step.error = static_cast<std::int32_t>(r.u32());
  REQUIRE(r.finish());
  return step;
}

} // namespace weft::test::abi
