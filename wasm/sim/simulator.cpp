// The simulator's run loop (docs/protocol/consensus.md §Simulation): builds a run from its seed,
// delivers events in virtual-time order to the node hosts until every honest node has decided
// enough heights after the faults stopped, or the liveness deadline passes, or a property fails,
// and reports. The pieces, one idea a file: rng (the seed's draws), validators (keys, powers,
// sets), fault_plan (what goes wrong when), scheduler and events (virtual time), network
// (delivery and its faults), wire and signatures (messages and their cached crypto), block_oracle
// (which blocks are valid), node and host (a validator and what runs around its state machine),
// byzantine (what attackers do instead), properties (what must hold).
#include "simulator.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "block_oracle.hpp"
#include "byzantine.hpp"
#include "events.hpp"
#include "fault_plan.hpp"
#include "host.hpp"
#include "network.hpp"
#include "node.hpp"
#include "properties.hpp"
#include "rng.hpp"
#include "scheduler.hpp"
#include "signatures.hpp"
#include "validators.hpp"

namespace weft::sim {

namespace c = weft::consensus;

namespace {

// After faults stop, every honest node must decide the target height within this much virtual
// time: generous against partial synchrony's slowed-down rounds, tight enough to catch a stall.
constexpr std::uint64_t kLivenessBaseMs = 30000;
constexpr std::uint64_t kLivenessPerHeightMs = 4000;

std::vector<Node> make_nodes(const FaultPlan& plan) {
  std::vector<Node> nodes(plan.byzantine.size());
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    nodes[i].index = i;
    nodes[i].byzantine = plan.byzantine[i];
  }
  return nodes;
}

// --trace, on a liveness failure: where every node is stuck.
void print_node_states(const std::vector<Node>& nodes) {
  for (const auto& n : nodes) {
    if (!n.up) {
      std::printf("node %u down\n", n.index);
      continue;
    }
    std::printf("  round0 prevote power %llu\n",
                static_cast<unsigned long long>(n.sm->power_seen(0, c::VoteType::Prevote)));
    std::printf(
        "  prevote power %llu precommit power %llu of %llu, outbox %zu\n",
        static_cast<unsigned long long>(n.sm->power_seen(n.sm->round(), c::VoteType::Prevote)),
        static_cast<unsigned long long>(n.sm->power_seen(n.sm->round(), c::VoteType::Precommit)),
        static_cast<unsigned long long>(n.sm->validator_set().total_power()), n.outbox.size());
    std::printf("node %u%s: height %llu round %u step %d locked %u valid %u decided %llu\n",
                n.index, n.byzantine ? " (byz)" : "",
                static_cast<unsigned long long>(n.sm->height()), n.sm->round(),
                static_cast<int>(n.sm->step()), n.sm->locked_round(), n.sm->valid_round(),
                static_cast<unsigned long long>(n.decided_height()));
  }
}

class Simulation {
public:
  // Member order is draw order: the validators' powers come from the seed before the fault plan.
  explicit Simulation(const Config& config)
      : cfg_(config), rng_(config.seed),
        validators_(config.validators, config.faults == Faults::Fork, rng_),
        plan_(draw_fault_plan(config, validators_, rng_)), nodes_(make_nodes(plan_)),
        signatures_(validators_), oracle_(config.seed), checker_(oracle_, signatures_),
        network_(validators_.size(), scheduler_, rng_, plan_),
        byzantine_({rng_, network_, signatures_, oracle_, plan_}),
        host_({rng_, scheduler_, network_, validators_, signatures_, oracle_, plan_, checker_,
               byzantine_},
              config.trace) {}

  Result run();

private:
  void dispatch(EventBody& body);

  Config cfg_;
  Rng rng_;
  Validators validators_;
  FaultPlan plan_;
  std::vector<Node> nodes_;
  Scheduler scheduler_;
  Signatures signatures_;
  BlockOracle oracle_;
  PropertyChecker checker_;
  Network network_;
  Byzantine byzantine_;
  Host host_;
};

void Simulation::dispatch(EventBody& body) {
  auto live = [&](std::uint32_t i, std::uint64_t incarnation) {
    return nodes_[i].up && nodes_[i].incarnation == incarnation;
  };
  if (auto* e = std::get_if<Deliver>(&body)) {
    if (nodes_[e->to].up) host_.receive(nodes_[e->to], e->from, e->bytes);
  } else if (auto* t = std::get_if<Timeout>(&body)) {
    if (live(t->node, t->incarnation)) {
      auto& node = nodes_[t->node];
      host_.apply(node, node.sm->on_timeout(t->kind, t->height, t->round));
    }
  } else if (auto* va = std::get_if<ValidityAnswer>(&body)) {
    if (live(va->node, va->incarnation)) {
      auto& node = nodes_[va->node];
      host_.apply(node, node.sm->on_block_validity(va->block, oracle_.valid(va->block)));
    }
  } else if (auto* b = std::get_if<BlockBuilt>(&body)) {
    if (live(b->node, b->incarnation)) {
      auto& node = nodes_[b->node];
      host_.apply(node, node.sm->on_proposal_block(b->height, b->round, b->block));
    }
  } else if (auto* s = std::get_if<StartHeight>(&body)) {
    auto& node = nodes_[s->node];
    if (live(s->node, s->incarnation) && node.sm->height() + 1 == s->height) {
      host_.start_height(node, s->height);
    }
  } else if (auto* g = std::get_if<GossipTick>(&body)) {
    if (live(g->node, g->incarnation)) host_.gossip_tick(nodes_[g->node]);
  } else if (auto* cr = std::get_if<Crash>(&body)) {
    auto& node = nodes_[cr->node];
    if (node.up) node.crash();
  } else if (auto* re = std::get_if<Restart>(&body)) {
    auto& node = nodes_[re->node];
    if (!node.up) {
      node.up = true;
      host_.start(node);
    }
  }
}

Result Simulation::run() {
  for (const auto& crash : plan_.crashes) {
    scheduler_.at(crash.down, Crash{crash.node});
    scheduler_.at(crash.up, Restart{crash.node});
  }
  for (auto& node : nodes_) host_.start(node);
  std::uint64_t target = cfg_.heights;
  std::uint64_t deadline = 0;
  bool fault_window_closed = false;
  while (!scheduler_.empty() && checker_.ok()) {
    Event ev = scheduler_.next();
    const std::uint64_t now = scheduler_.now();
    if (!fault_window_closed && now >= plan_.fault_end) {
      // Liveness clock: from here every honest node must reach the target within a bound, and
      // at least two more heights than anyone had when the faults stopped.
      fault_window_closed = true;
      std::uint64_t best = 0;
      for (const auto& n : nodes_) {
        if (!n.byzantine) best = std::max(best, n.decided_height());
      }
      target = std::max(target, best + 2);
      deadline = now + kLivenessBaseMs + kLivenessPerHeightMs * target;
      if (plan_.echo_mode) deadline = now; // the unsafe profile only checks safety
    }
    dispatch(ev.body);
    bool all_done = true;
    for (const auto& n : nodes_) {
      if (!n.byzantine && n.decided_height() < target) all_done = false;
    }
    if (all_done && fault_window_closed) break;
    if (fault_window_closed && now > deadline) {
      if (cfg_.trace) print_node_states(nodes_);
      if (!plan_.echo_mode) checker_.not_live(target, deadline - plan_.fault_end);
      break;
    }
  }
  Result result;
  result.ok = checker_.ok();
  result.property = checker_.property();
  result.detail = checker_.detail();
  result.virtual_ms = scheduler_.now();
  result.messages = host_.traffic().messages;
  result.rejected = host_.traffic().rejected;
  result.evidence = host_.traffic().evidence;
  result.min_decided = ~std::uint64_t{0};
  for (const auto& n : nodes_) {
    if (!n.byzantine) result.min_decided = std::min(result.min_decided, n.decided_height());
  }
  result.byzantine = plan_.byzantine_count();
  return result;
}

} // namespace

Result run(const Config& config) {
  Simulation sim(config);
  return sim.run();
}

} // namespace weft::sim
