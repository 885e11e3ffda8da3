// What a Byzantine validator's host does differently from an honest one (host.hpp): it signs
// whatever its state machine asks and more, equivocating with a conflicting twin, withholding,
// proposing invalid blocks and sending garbage bytes that decode or signature checks must reject.
// In the fork profile it instead bridges the partition and echoes each side's votes back to it,
// which breaks agreement once the attackers hold more than a third of the power.
#pragma once

#include <cstdint>

#include "block_oracle.hpp"
#include "consensus/state_machine.hpp"
#include "fault_plan.hpp"
#include "network.hpp"
#include "node.hpp"
#include "rng.hpp"
#include "signatures.hpp"

namespace weft::sim {

class Byzantine {
public:
  struct Components {
    Rng& rng;
    Network& network;
    Signatures& signatures;
    BlockOracle& oracle;
    const FaultPlan& plan;
  };

  explicit Byzantine(const Components& components)
      : rng_(components.rng), network_(components.network), signatures_(components.signatures),
        oracle_(components.oracle), plan_(components.plan) {}

  // Instead of an honest sign-and-broadcast of a BroadcastVote or BroadcastProposal.
  void send(Node& node, const consensus::Action& action);
  // Fork profile: repeat an honest vote back to its sender's side as our own.
  void echo(Node& node, std::uint32_t from, const Bytes& bytes);
  // Whether to skip one retransmission.
  bool withholds_retransmission() { return rng_.chance(300); }
  // Whether the block our machine asked for comes out invalid.
  bool builds_invalid_block() { return rng_.chance(300); }
  // Now and then, at a gossip tick, send junk to everyone.
  void maybe_send_garbage(Node& node);

private:
  void send_garbage(Node& node);

  Rng& rng_;
  Network& network_;
  Signatures& signatures_;
  BlockOracle& oracle_;
  const FaultPlan& plan_;
};

} // namespace weft::sim
