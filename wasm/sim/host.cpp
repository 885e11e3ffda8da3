// The simulated node host (host.hpp). Its gossip is what turns loss and partitions into mere
// delay: periodic retransmission of the node's own recent messages and of every own non-nil
// prevote, relay of the prevotes behind its valid value, and the stored commit to a peer heard
// from at a lower height.
#include "host.hpp"

#include <cstdio>
#include <memory>
#include <span>
#include <variant>

namespace weft::sim {

namespace c = weft::consensus;

namespace {

constexpr std::uint64_t kGossipMs = 250;    // retransmission period
constexpr std::uint64_t kCommitWaitMs = 50; // timeout_commit

const c::TimeoutParams kTimeouts{300, 100, 150, 50, 150, 50};

} // namespace

Host::Host(const Components& components, bool trace)
    : rng_(components.rng), scheduler_(components.scheduler), network_(components.network),
      validators_(components.validators), signatures_(components.signatures),
      oracle_(components.oracle), plan_(components.plan), checker_(components.checker),
      byzantine_(components.byzantine), trace_(trace) {}

void Host::start(Node& node) {
  node.sm = std::make_unique<c::StateMachine>(kTimeouts);
  node.guard = c::SignGuard(node.last_signed);
  node.catchup_sent.clear();
  const std::uint64_t height = node.decided_height() + 1;
  if (node.outbox_height != height) {
    node.outbox.clear();
    node.sticky.clear();
    node.received.clear();
    node.received_set.clear();
  }
  node.outbox_height = height;
  apply(node, node.sm->start_height(height, validators_.at(height),
                                    validators_.key(node.index).public_key, node.last_signed));
  // Replay our own signed messages and the peers' messages we had accepted at this height into
  // the new machine, as CometBFT replays its WAL: our votes count toward our own quorums, and a
  // restored lock needs the prevotes behind it — peers may never send either again (a Byzantine
  // voter that moved on withholds its POL prevotes; only our relay can deliver them).
  for (const auto& bytes : node.outbox) scheduler_.after(0, Deliver{node.index, node.index, bytes});
  for (const auto& bytes : node.received)
    scheduler_.after(0, Deliver{node.index, node.index, bytes});
  scheduler_.after(kGossipMs, GossipTick{node.index, node.incarnation});
}

void Host::start_height(Node& node, std::uint64_t height) {
  node.outbox.clear();
  node.sticky.clear();
  node.received.clear();
  node.received_set.clear();
  node.outbox_height = height;
  apply(node, node.sm->start_height(height, validators_.at(height),
                                    validators_.key(node.index).public_key, node.last_signed));
}

void Host::receive(Node& node, std::uint32_t from, const Bytes& bytes) {
  ++traffic_.messages;
  if (bytes.empty()) {
    ++traffic_.rejected;
    return;
  }
  const std::span<const std::uint8_t> payload(bytes.data() + 1, bytes.size() - 1);
  auto& sm = *node.sm;
  const std::uint64_t h = sm.height();
  // A peer still at a height we decided gets the commit, so it can decide too (block sync in
  // miniature). At most once per peer, height and gossip period.
  auto maybe_catch_up = [&](std::uint64_t their_height) {
    if (their_height >= h || node.byzantine || from == node.index) return;
    const auto it = node.decided.find(their_height);
    if (it == node.decided.end()) return;
    const std::uint64_t now = scheduler_.now();
    auto& last = node.catchup_sent[{from, their_height}];
    if (last != 0 && now - last < kGossipMs) return;
    last = now == 0 ? 1 : now;
    network_.send(node.index, from, frame_commit(it->second.commit));
  };
  switch (bytes[0]) {
  case kTagProposal: {
    const auto p = c::decode_proposal(payload);
    if (!p) {
      ++traffic_.rejected;
      return;
    }
    if (p.value().height != h) {
      maybe_catch_up(p.value().height);
      return;
    }
    const auto key = sm.proposer_key(p.value().round);
    if (!key) return;
    if (!signatures_.verify(*key, c::proposal_sign_digest(kChainId, p.value()),
                            p.value().signature)) {
      ++traffic_.rejected;
      return;
    }
    log_received(node, bytes);
    apply(node, sm.on_proposal(p.value()));
    return;
  }
  case kTagVote: {
    const auto v = c::decode_vote(payload);
    if (!v) {
      ++traffic_.rejected;
      return;
    }
    // The attacker echoes whatever it hears, whatever height its own machine is at.
    if (plan_.echo_mode && node.byzantine) byzantine_.echo(node, from, bytes);
    if (v.value().height != h) {
      maybe_catch_up(v.value().height);
      return;
    }
    const auto& set = sm.validator_set();
    if (v.value().validator_index >= set.size() ||
        !signatures_.verify(set[v.value().validator_index].public_key,
                            c::vote_sign_digest(kChainId, v.value()), v.value().signature)) {
      ++traffic_.rejected;
      return;
    }
    log_received(node, bytes);
    apply(node, sm.on_vote(v.value()));
    return;
  }
  case kTagCommit: {
    const auto cm = c::decode_commit(payload, network_.nodes());
    if (!cm) {
      ++traffic_.rejected;
      return;
    }
    const auto& commit = cm.value();
    if (commit.height != h || sm.step() == c::Step::Decided) return;
    if (!signatures_.commit_verifies(commit)) {
      ++traffic_.rejected;
      return;
    }
    apply(node, sm.on_commit(commit));
    return;
  }
  default:
    ++traffic_.rejected;
  }
}

// The write-ahead log of a real node: every verified message of the current height is on disk
// before the machine reads it, so a restart resumes with the votes behind its lock.
void Host::log_received(Node& node, const Bytes& bytes) {
  if (node.outbox_height != node.sm->height()) return;
  if (node.received_set.insert(bytes).second) node.received.push_back(bytes);
}

void Host::apply(Node& node, const c::Actions& actions) {
  for (const auto& action : actions) {
    if (std::holds_alternative<c::BroadcastProposal>(action) ||
        std::holds_alternative<c::BroadcastVote>(action)) {
      if (node.byzantine) {
        byzantine_.send(node, action);
      } else {
        sign_and_send(node, action);
      }
    } else if (const auto* t = std::get_if<c::ScheduleTimeout>(&action)) {
      scheduler_.after(t->duration_ms,
                       Timeout{node.index, node.incarnation, t->kind, t->height, t->round});
    } else if (const auto* v = std::get_if<c::RequestValidity>(&action)) {
      scheduler_.after(rng_.between(1, 5), ValidityAnswer{node.index, node.incarnation, v->block});
    } else if (const auto* r = std::get_if<c::RequestProposalBlock>(&action)) {
      bool valid = !rng_.chance(plan_.invalid_per_mille);
      if (node.byzantine && byzantine_.builds_invalid_block()) valid = false;
      const auto block = oracle_.new_block(r->height, r->round, node.index, valid);
      scheduler_.after(rng_.between(1, 10),
                       BlockBuilt{node.index, node.incarnation, r->height, r->round, block});
    } else if (const auto* d = std::get_if<c::Decide>(&action)) {
      on_decide(node, *d);
    } else if (const auto* e = std::get_if<c::EvidenceFound>(&action)) {
      if (!node.byzantine) {
        ++traffic_.evidence;
        checker_.evidence(node.sm->validator_set(), e->evidence);
      }
    } else if (std::holds_alternative<c::ConflictingCommits>(action)) {
      if (!node.byzantine) checker_.conflicting_commits(node.index, node.sm->height());
    }
  }
}

void Host::sign_and_send(Node& node, const c::Action& action) {
  const c::LastSigned& record = std::holds_alternative<c::BroadcastVote>(action)
                                    ? std::get<c::BroadcastVote>(action).record
                                    : std::get<c::BroadcastProposal>(action).record;
  if (!node.guard.approve(record)) {
    checker_.refused_signature(node.index);
    return;
  }
  node.last_signed = record; // persisted before the signature exists
  checker_.signed_message(node.index, record);
  Bytes bytes;
  if (const auto* v = std::get_if<c::BroadcastVote>(&action)) {
    bytes = signatures_.signed_vote(node.index, v->vote);
  } else {
    bytes =
        signatures_.signed_proposal(node.index, std::get<c::BroadcastProposal>(action).proposal);
  }
  node.outbox.push_back(bytes);
  const auto* vote = std::get_if<c::BroadcastVote>(&action);
  node.sticky.push_back(vote && vote->vote.type == c::VoteType::Prevote && vote->vote.block);
  network_.broadcast(node.index, bytes, true);
}

void Host::on_decide(Node& node, const c::Decide& d) {
  node.decided[d.height] = Decision{d.block, d.commit};
  if (trace_) {
    std::printf("t=%llu node %u decides height %llu round %u%s\n",
                static_cast<unsigned long long>(scheduler_.now()), node.index,
                static_cast<unsigned long long>(d.height), d.round, node.byzantine ? " (byz)" : "");
  }
  if (!node.byzantine) checker_.decided(node.index, d);
  scheduler_.after(kCommitWaitMs, StartHeight{node.index, node.incarnation, d.height + 1});
}

void Host::gossip_tick(Node& node) {
  gossip(node);
  scheduler_.after(kGossipMs, GossipTick{node.index, node.incarnation});
}

void Host::gossip(Node& node) {
  // Retransmit our own messages at this height — the last few, and every prevote for a block,
  // since a later round's proposal may cite it as its proof of lock (CometBFT gossips POL
  // prevotes for the same reason) — so loss and partitions only delay.
  const std::size_t keep = 4;
  const std::size_t first = node.outbox.size() > keep ? node.outbox.size() - keep : 0;
  for (std::size_t i = 0; i < node.outbox.size(); ++i) {
    if (i < first && !node.sticky[i]) continue;
    if (node.byzantine && byzantine_.withholds_retransmission()) continue;
    network_.broadcast(node.index, node.outbox[i], false);
  }
  // Relay the proof of lock behind our valid value once we are past its round: peers that
  // missed some of its prevotes (Byzantine voters may have sent them to us alone) need them to
  // accept a proposal citing it (CometBFT gossips POL votes the same way).
  const auto& sm = *node.sm;
  if (!node.byzantine && sm.valid_block() && sm.round() > sm.valid_round() &&
      sm.step() != c::Step::Decided) {
    for (const auto& v : sm.votes(sm.valid_round(), c::VoteType::Prevote)) {
      if (v.block != sm.valid_block()) continue;
      network_.broadcast(node.index, frame_vote(v), false);
    }
  }
  // Relay every vote we hold for our current round: Tendermint's liveness assumes a message one
  // correct process received eventually reaches every correct process, and a peer that missed
  // some votes (its senders may have moved on, or re-send only their latest) can otherwise never
  // assemble 2f+1 of any kind — not even nil — to leave the round.
  if (!node.byzantine && sm.step() != c::Step::Decided) {
    for (const auto type : {c::VoteType::Prevote, c::VoteType::Precommit}) {
      for (const auto& v : sm.votes(sm.round(), type))
        network_.broadcast(node.index, frame_vote(v), false);
    }
  }
  if (node.byzantine) byzantine_.maybe_send_garbage(node);
}

} // namespace weft::sim
