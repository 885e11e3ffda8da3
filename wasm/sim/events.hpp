// Everything that can happen in a simulated run, each addressed to one node. Events a node's
// process schedules for itself carry its incarnation: a crash bumps it, so the dead process's
// pending timers and answers fall on the floor without anyone searching the queue for them.
// Deliveries carry none, since a message in flight outlives its sender's crash.
#pragma once

#include <cstdint>
#include <variant>

#include "consensus/state_machine.hpp"
#include "wire.hpp"

namespace weft::sim {

// A message arrives at `to` (dropped if `to` is down when it lands).
struct Deliver {
  std::uint32_t from;
  std::uint32_t to;
  Bytes bytes;
};
// A timeout the state machine asked for fires.
struct Timeout {
  std::uint32_t node;
  std::uint64_t incarnation;
  consensus::TimeoutKind kind;
  std::uint64_t height;
  std::uint32_t round;
};
// The host's verdict on a block the state machine asked about.
struct ValidityAnswer {
  std::uint32_t node;
  std::uint64_t incarnation;
  consensus::BlockId block;
};
// The block a proposer asked its host to build is ready.
struct BlockBuilt {
  std::uint32_t node;
  std::uint64_t incarnation;
  std::uint64_t height;
  std::uint32_t round;
  consensus::BlockId block;
};
// timeout_commit after a decision: move on to the next height.
struct StartHeight {
  std::uint32_t node;
  std::uint64_t incarnation;
  std::uint64_t height;
};
// Periodic retransmission.
struct GossipTick {
  std::uint32_t node;
  std::uint64_t incarnation;
};
// The fault plan's crashes and restarts.
struct Crash {
  std::uint32_t node;
};
struct Restart {
  std::uint32_t node;
};

using EventBody = std::variant<Deliver, Timeout, ValidityAnswer, BlockBuilt, StartHeight,
                               GossipTick, Crash, Restart>;

} // namespace weft::sim
