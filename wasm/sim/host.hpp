// The host around each simulated node's consensus::StateMachine, doing what a real node does for
// it (the host contract in consensus/state_machine.hpp): verify before feeding messages in,
// persist-then-sign through the SignGuard, gossip, answer validity and block requests, catch
// lagging peers up with a commit, start the next height after a decision, and on a restart replay
// its own signed messages into the new machine. Byzantine nodes share this host but sign and
// send through byzantine.hpp.
#pragma once

#include <cstdint>

#include "block_oracle.hpp"
#include "byzantine.hpp"
#include "consensus/state_machine.hpp"
#include "fault_plan.hpp"
#include "network.hpp"
#include "node.hpp"
#include "properties.hpp"
#include "rng.hpp"
#include "scheduler.hpp"
#include "signatures.hpp"
#include "validators.hpp"

namespace weft::sim {

// What the hosts saw, for the run's report.
struct Traffic {
  std::uint64_t messages = 0; // deliveries
  std::uint64_t rejected = 0; // malformed or badly signed messages refused
  std::uint64_t evidence = 0; // duplicate-vote evidence produced by honest nodes
};

class Host {
public:
  struct Components {
    Rng& rng;
    Scheduler& scheduler;
    Network& network;
    Validators& validators;
    Signatures& signatures;
    BlockOracle& oracle;
    const FaultPlan& plan;
    PropertyChecker& checker;
    Byzantine& byzantine;
  };

  Host(const Components& components, bool trace);

  const Traffic& traffic() const { return traffic_; }

  // A fresh process (at the start, or after a crash) resumes from what the node persisted.
  void start(Node& node);
  // timeout_commit has passed after deciding height - 1.
  void start_height(Node& node, std::uint64_t height);
  void receive(Node& node, std::uint32_t from, const Bytes& bytes);
  // Carries out what the state machine asked for.
  void apply(Node& node, const consensus::Actions& actions);
  void gossip_tick(Node& node);

private:
  void sign_and_send(Node& node, const consensus::Action& action);
  void log_received(Node& node, const Bytes& bytes);
  void on_decide(Node& node, const consensus::Decide& d);
  void gossip(Node& node);

  Rng& rng_;
  Scheduler& scheduler_;
  Network& network_;
  Validators& validators_;
  Signatures& signatures_;
  BlockOracle& oracle_;
  const FaultPlan& plan_;
  PropertyChecker& checker_;
  Byzantine& byzantine_;
  bool trace_;
  Traffic traffic_;
};

} // namespace weft::sim
