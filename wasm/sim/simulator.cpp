// The deterministic simulator (docs/protocol/consensus.md §Simulation). Hosts here play the role
// a real node plays for consensus::StateMachine: verify, persist-then-sign through the SignGuard,
// gossip, answer validity and block requests, start the next height after a decision.
#include "simulator.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <queue>
#include <unordered_map>
#include <variant>
#include <vector>

#include "../tests/crypto/ed25519_signer.hpp"
#include "consensus/commit.hpp"
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "consensus/sign_guard.hpp"
#include "consensus/state_machine.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "crypto/ed25519/verify.hpp"
#include "crypto/sha256.hpp"
#include "encoding/writer.hpp"

namespace weft::sim {

namespace c = weft::consensus;
namespace ted = weft::test::ed25519;

// ---- PRNG ----------------------------------------------------------------------------------

Rng::Rng(std::uint64_t seed) {
  for (auto& word : s_) {
    seed += 0x9e3779b97f4a7c15ull; // splitmix64
    std::uint64_t z = seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    word = z ^ (z >> 31);
  }
}

std::uint64_t Rng::next() {
  const auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Rejection sampling keeps the distribution exactly uniform.
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  for (;;) {
    const std::uint64_t x = next();
    if (x < limit) return x % n;
  }
}

std::optional<Faults> parse_faults(std::string_view name) {
  for (auto f : {Faults::None, Faults::Lossy, Faults::Partition, Faults::Crash, Faults::Byzantine,
                 Faults::Chaos, Faults::Fork}) {
    if (faults_name(f) == name) return f;
  }
  return std::nullopt;
}

std::string_view faults_name(Faults f) {
  switch (f) {
  case Faults::None:
    return "none";
  case Faults::Lossy:
    return "lossy";
  case Faults::Partition:
    return "partition";
  case Faults::Crash:
    return "crash";
  case Faults::Byzantine:
    return "byzantine";
  case Faults::Chaos:
    return "chaos";
  case Faults::Fork:
    return "fork";
  }
  return "?";
}

namespace {

constexpr std::string_view kChainId = "weft-sim";
constexpr std::uint8_t kTagProposal = 1;
constexpr std::uint8_t kTagVote = 2;
constexpr std::uint8_t kTagCommit = 3;

constexpr std::uint64_t kGossipMs = 250;    // retransmission period
constexpr std::uint64_t kCommitWaitMs = 50; // timeout_commit
constexpr std::uint64_t kLivenessBaseMs = 30000;
constexpr std::uint64_t kLivenessPerHeightMs = 4000;

const c::TimeoutParams kTimeouts{300, 100, 150, 50, 150, 50};

using Bytes = std::vector<std::uint8_t>;

// ---- events --------------------------------------------------------------------------------

struct Deliver {
  std::uint32_t from;
  std::uint32_t to;
  Bytes bytes;
};
struct Timeout {
  std::uint32_t node;
  std::uint64_t incarnation;
  c::TimeoutKind kind;
  std::uint64_t height;
  std::uint32_t round;
};
struct ValidityAnswer {
  std::uint32_t node;
  std::uint64_t incarnation;
  c::BlockId block;
};
struct BlockBuilt {
  std::uint32_t node;
  std::uint64_t incarnation;
  std::uint64_t height;
  std::uint32_t round;
  c::BlockId block;
};
struct StartHeight {
  std::uint32_t node;
  std::uint64_t incarnation;
  std::uint64_t height;
};
struct GossipTick {
  std::uint32_t node;
  std::uint64_t incarnation;
};
struct Crash {
  std::uint32_t node;
};
struct Restart {
  std::uint32_t node;
};

using EventBody = std::variant<Deliver, Timeout, ValidityAnswer, BlockBuilt, StartHeight,
                               GossipTick, Crash, Restart>;

struct Event {
  std::uint64_t time;
  std::uint64_t seq; // FIFO among equal times, so the order is fully determined
  EventBody body;
};
struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};

// ---- nodes ---------------------------------------------------------------------------------

struct Decision {
  c::BlockId block;
  c::Commit commit;
};

struct Node {
  std::uint32_t index = 0;
  bool byzantine = false;
  bool up = true;
  std::uint64_t incarnation = 0;
  std::unique_ptr<c::StateMachine> sm;
  // Survives a crash (the node's disk).
  std::optional<c::LastSigned> last_signed;
  std::map<std::uint64_t, Decision> decided;
  // Our signed messages at outbox_height, kept so a restarted node can re-send them (a real node
  // keeps its last signatures beside the last-signed record).
  std::vector<Bytes> outbox;
  std::vector<bool> sticky; // prevotes for a block: a later proof-of-lock may need them
  std::uint64_t outbox_height = 0;
  // Lost on a crash.
  c::SignGuard guard;
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::uint64_t> catchup_sent; // (peer, h)
};

struct Window {
  std::uint64_t start;
  std::uint64_t end;
  std::vector<std::uint8_t> side; // per node: 0 or 1
};

struct CacheKey {
  std::array<std::uint8_t, 128> bytes;
  bool operator==(const CacheKey&) const = default;
};
struct CacheHash {
  std::size_t operator()(const CacheKey& k) const {
    std::uint64_t h;
    std::memcpy(&h, k.bytes.data() + 64, sizeof h); // from the signature's R: already uniform
    return static_cast<std::size_t>(h);
  }
};

class Simulation {
public:
  explicit Simulation(const Config& config) : cfg_(config), rng_(config.seed) {}
  Result run();

private:
  // setup
  void setup();
  std::uint64_t fault_end() const { return fault_end_; }
  const c::ValidatorSet& set_at(std::uint64_t height);

  // event plumbing
  void push(std::uint64_t delay, EventBody body) {
    queue_.push(Event{now_ + delay, seq_++, std::move(body)});
  }
  void dispatch(EventBody& body);

  // network
  bool cut(std::uint32_t a, std::uint32_t b) const;
  void send(std::uint32_t from, std::uint32_t to, const Bytes& bytes);
  void broadcast(std::uint32_t from, const Bytes& bytes, bool include_self);

  // hosts
  void start_node(Node& node);
  void receive(Node& node, std::uint32_t from, const Bytes& bytes);
  void apply(Node& node, const c::Actions& actions);
  void sign_and_send(Node& node, const c::Action& action);
  void byzantine_send(Node& node, const c::Action& action);
  void echo(Node& node, std::uint32_t from, const Bytes& bytes);
  void on_decide(Node& node, const c::Decide& d);
  void gossip(Node& node);
  void send_garbage(Node& node);

  // crypto, cached: every node sees the same signed message, verification is pure
  c::Signature sign(std::uint32_t validator, const c::Hash& digest);
  bool verify(const c::PublicKey& key, const c::Hash& digest, const c::Signature& sig);
  bool commit_ok(const c::Commit& commit);
  Bytes signed_vote(std::uint32_t validator, c::Vote vote);
  Bytes signed_proposal(std::uint32_t validator, c::Proposal proposal);
  c::BlockId new_block(std::uint64_t height, std::uint32_t round, std::uint32_t proposer,
                       bool valid);

  void violate(std::string property, std::string detail) {
    if (!result_.ok) return;
    result_.ok = false;
    result_.property = std::move(property);
    result_.detail = std::move(detail);
  }
  bool honest(std::uint32_t i) const { return !nodes_[i].byzantine; }
  std::uint64_t decided_height(const Node& n) const {
    return n.decided.empty() ? 0 : n.decided.rbegin()->first;
  }

  Config cfg_;
  Rng rng_;
  Result result_;
  std::uint64_t now_ = 0;
  std::uint64_t seq_ = 0;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;

  std::vector<ted::KeyPair> keys_;
  std::vector<c::ValidatorSet> sets_; // sets_[h - 1] is height h's
  std::vector<Node> nodes_;

  // fault plan
  std::uint32_t drop_per_mille_ = 0;
  std::uint32_t dup_per_mille_ = 0;
  std::uint64_t max_delay_ms_ = 40;
  std::uint32_t invalid_per_mille_ = 0; // honest proposers building invalid blocks
  std::vector<Window> partitions_;
  std::uint64_t fault_end_ = 0;
  bool echo_mode_ = false;

  // global truth
  std::map<c::BlockId, bool> oracle_;
  std::map<std::uint64_t, c::BlockId> decided_;
  std::map<std::tuple<std::uint32_t, std::uint64_t, std::uint32_t, c::SignedStep>,
           std::pair<c::MaybeBlock, std::uint32_t>>
      signed_log_;
  std::uint64_t block_counter_ = 0;
  std::unordered_map<CacheKey, bool, CacheHash> verified_;
  std::map<std::pair<std::uint32_t, c::Hash>, c::Signature> signatures_;
  std::map<c::Hash, bool> commits_checked_; // verify_commit results by commit hash
};

// ---- setup ---------------------------------------------------------------------------------

void Simulation::setup() {
  const std::uint32_t n = cfg_.validators;
  keys_.reserve(n);
  std::vector<c::ValidatorPower> members;
  const bool equal_power = cfg_.faults == Faults::Fork;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::array<std::uint8_t, 32> seed{};
    seed[0] = static_cast<std::uint8_t>(i);
    seed[1] = 0x5e;
    keys_.push_back(ted::key_from_seed(seed));
    const std::uint64_t power = equal_power ? 10 : rng_.between(1, 10);
    members.push_back({keys_.back().public_key, power});
  }
  sets_.push_back(c::ValidatorSet::create(members).value());
  const auto& genesis = sets_.front();
  nodes_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) nodes_[i].index = i;

  // Byzantine validators: by index in the set order (the set sorts by power), chosen at random
  // while their power stays below 1/3 (f of them), or just above it for the unsafe profile.
  const auto total = genesis.total_power();
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  for (std::uint32_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng_.below(i)]);
  auto node_of = [&](std::uint32_t set_index) -> Node& {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (keys_[i].public_key == genesis[set_index].public_key) return nodes_[i];
    }
    return nodes_[0];
  };
  std::uint64_t byz_power = 0;
  const bool wants_byz = cfg_.faults == Faults::Byzantine || cfg_.faults == Faults::Chaos;
  for (const auto idx : order) {
    if (cfg_.faults == Faults::Fork) {
      if (c::exceeds_one_third(byz_power, total)) break;
    } else if (!wants_byz || 3 * (byz_power + genesis[idx].power) >= total) {
      // f < n/3 by power, strictly: at exactly 1/3 the honest rest is no quorum.
      continue;
    }
    node_of(idx).byzantine = true;
    byz_power += genesis[idx].power;
    ++result_.byzantine;
  }

  // Faults happen in [0, fault_end); after it the network is reliable and every honest node up.
  const Faults f = cfg_.faults;
  fault_end_ =
      f == Faults::None ? 0 : rng_.between(3000, std::max<std::uint64_t>(3000, cfg_.max_fault_ms));
  if (f == Faults::Lossy || f == Faults::Byzantine || f == Faults::Chaos) {
    drop_per_mille_ = static_cast<std::uint32_t>(rng_.between(20, 200));
    dup_per_mille_ = static_cast<std::uint32_t>(rng_.between(0, 100));
    max_delay_ms_ = rng_.between(40, 400);
  }
  if (f == Faults::Chaos) invalid_per_mille_ = 100;
  if (f == Faults::Partition || f == Faults::Chaos) {
    std::uint64_t t = rng_.between(0, 1500);
    while (t < fault_end_) {
      Window w{t, std::min(fault_end_, t + rng_.between(500, 5000)), std::vector<std::uint8_t>(n)};
      for (auto& s : w.side) s = static_cast<std::uint8_t>(rng_.below(2));
      partitions_.push_back(w);
      t = w.end + rng_.between(200, 2000);
    }
  }
  if (f == Faults::Fork) {
    // Honest validators split in two for the whole run; the colluding majority-of-faults talks
    // to both sides and tells each what it wants to hear.
    echo_mode_ = true;
    fault_end_ = 60000;
    Window w{0, ~std::uint64_t{0}, std::vector<std::uint8_t>(n)};
    std::uint8_t next = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (nodes_[i].byzantine) continue;
      w.side[i] = next;
      next ^= 1;
    }
    partitions_.push_back(w);
  }
  if (f == Faults::Crash || f == Faults::Chaos) {
    std::uint64_t t = rng_.between(200, 2000);
    while (t < fault_end_) {
      const auto victim = static_cast<std::uint32_t>(rng_.below(n));
      if (honest(victim)) {
        const std::uint64_t back = std::min(fault_end_, t + rng_.between(100, 4000));
        queue_.push(Event{t, seq_++, Crash{victim}});
        queue_.push(Event{back, seq_++, Restart{victim}});
        t = back;
      }
      t += rng_.between(300, 3000);
    }
  }
}

const c::ValidatorSet& Simulation::set_at(std::uint64_t height) {
  while (sets_.size() < height) sets_.push_back(sets_.back().next_height().value());
  return sets_[height - 1];
}

// ---- crypto --------------------------------------------------------------------------------

c::Signature Simulation::sign(std::uint32_t validator, const c::Hash& digest) {
  const auto key = std::make_pair(validator, digest);
  const auto it = signatures_.find(key);
  if (it != signatures_.end()) return it->second;
  const auto sig = ted::sign(keys_[validator], digest);
  signatures_.emplace(key, sig);
  return sig;
}

bool Simulation::verify(const c::PublicKey& key, const c::Hash& digest, const c::Signature& sig) {
  CacheKey k{};
  std::copy(key.begin(), key.end(), k.bytes.begin());
  std::copy(digest.begin(), digest.end(), k.bytes.begin() + 32);
  std::copy(sig.begin(), sig.end(), k.bytes.begin() + 64);
  const auto it = verified_.find(k);
  if (it != verified_.end()) return it->second;
  const bool ok = crypto::ed25519::verify(key, digest, sig);
  verified_.emplace(k, ok);
  return ok;
}

// The real verify_commit (batch verification included), once per distinct commit: every node
// builds or receives the same few commits.
bool Simulation::commit_ok(const c::Commit& commit) {
  const auto h = c::commit_hash(commit);
  const auto it = commits_checked_.find(h);
  if (it != commits_checked_.end()) return it->second;
  const bool ok =
      c::verify_commit(kChainId, set_at(commit.height), commit, commit.height, commit.block).ok();
  commits_checked_.emplace(h, ok);
  return ok;
}

// Votes and proposals name validators by set index; keys_ is by node. Sets here never change
// membership, so the index is the same at every height.
std::uint32_t set_index_of(const c::ValidatorSet& set, const c::PublicKey& key) {
  return set.index_of(key).value_or(0);
}

Bytes Simulation::signed_vote(std::uint32_t validator, c::Vote vote) {
  vote.validator_index = set_index_of(sets_.front(), keys_[validator].public_key);
  vote.signature = sign(validator, c::vote_sign_digest(kChainId, vote));
  encoding::Writer w;
  w.u8(kTagVote);
  c::write_vote(w, vote);
  return std::move(w).take();
}

Bytes Simulation::signed_proposal(std::uint32_t validator, c::Proposal proposal) {
  proposal.signature = sign(validator, c::proposal_sign_digest(kChainId, proposal));
  encoding::Writer w;
  w.u8(kTagProposal);
  c::write_proposal(w, proposal);
  return std::move(w).take();
}

c::BlockId Simulation::new_block(std::uint64_t height, std::uint32_t round, std::uint32_t proposer,
                                 bool valid) {
  encoding::Writer w;
  w.u64(cfg_.seed);
  w.u64(height);
  w.u32(round);
  w.u32(proposer);
  w.u64(block_counter_++);
  const auto id = crypto::sha256(w.data());
  oracle_[id] = valid;
  return id;
}

// ---- network -------------------------------------------------------------------------------

bool Simulation::cut(std::uint32_t a, std::uint32_t b) const {
  for (const auto& w : partitions_) {
    if (now_ < w.start || now_ >= w.end) continue;
    if (echo_mode_ && (nodes_[a].byzantine || nodes_[b].byzantine)) continue;
    if (w.side[a] != w.side[b]) return true;
  }
  return false;
}

void Simulation::send(std::uint32_t from, std::uint32_t to, const Bytes& bytes) {
  if (from == to) {
    push(0, Deliver{from, to, bytes});
    return;
  }
  if (cut(from, to)) return;
  const bool faulty = now_ < fault_end_;
  if (faulty && rng_.chance(drop_per_mille_)) return;
  const std::uint64_t max_delay = faulty ? max_delay_ms_ : 40;
  push(rng_.between(2, max_delay), Deliver{from, to, bytes});
  if (faulty && rng_.chance(dup_per_mille_))
    push(rng_.between(2, max_delay), Deliver{from, to, bytes});
}

void Simulation::broadcast(std::uint32_t from, const Bytes& bytes, bool include_self) {
  for (std::uint32_t to = 0; to < nodes_.size(); ++to) {
    if (to != from || include_self) send(from, to, bytes);
  }
}

// ---- hosts ---------------------------------------------------------------------------------

void Simulation::start_node(Node& node) {
  node.sm = std::make_unique<c::StateMachine>(kTimeouts);
  node.guard = c::SignGuard(node.last_signed);
  node.catchup_sent.clear();
  const std::uint64_t height = decided_height(node) + 1;
  if (node.outbox_height != height) {
    node.outbox.clear();
    node.sticky.clear();
  }
  node.outbox_height = height;
  apply(node, node.sm->start_height(height, set_at(height), keys_[node.index].public_key,
                                    node.last_signed));
  // Replay our own signed messages into the new machine (CometBFT replays its WAL): our votes
  // count toward our own quorums, and peers may never send them back.
  for (const auto& bytes : node.outbox) push(0, Deliver{node.index, node.index, bytes});
  push(kGossipMs, GossipTick{node.index, node.incarnation});
}

void Simulation::receive(Node& node, std::uint32_t from, const Bytes& bytes) {
  ++result_.messages;
  if (bytes.empty()) {
    ++result_.rejected;
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
    auto& last = node.catchup_sent[{from, their_height}];
    if (last != 0 && now_ - last < kGossipMs) return;
    last = now_ == 0 ? 1 : now_;
    encoding::Writer w;
    w.u8(kTagCommit);
    c::write_commit(w, it->second.commit);
    send(node.index, from, std::move(w).take());
  };
  switch (bytes[0]) {
  case kTagProposal: {
    const auto p = c::decode_proposal(payload);
    if (!p) {
      ++result_.rejected;
      return;
    }
    if (p.value().height != h) {
      maybe_catch_up(p.value().height);
      return;
    }
    const auto key = sm.proposer_key(p.value().round);
    if (!key) return;
    if (!verify(*key, c::proposal_sign_digest(kChainId, p.value()), p.value().signature)) {
      ++result_.rejected;
      return;
    }
    apply(node, sm.on_proposal(p.value()));
    return;
  }
  case kTagVote: {
    const auto v = c::decode_vote(payload);
    if (!v) {
      ++result_.rejected;
      return;
    }
    // The attacker echoes whatever it hears, whatever height its own machine is at.
    if (echo_mode_ && node.byzantine) echo(node, from, bytes);
    if (v.value().height != h) {
      maybe_catch_up(v.value().height);
      return;
    }
    const auto& set = sm.validator_set();
    if (v.value().validator_index >= set.size() ||
        !verify(set[v.value().validator_index].public_key, c::vote_sign_digest(kChainId, v.value()),
                v.value().signature)) {
      ++result_.rejected;
      return;
    }
    apply(node, sm.on_vote(v.value()));
    return;
  }
  case kTagCommit: {
    const auto cm = c::decode_commit(payload, nodes_.size());
    if (!cm) {
      ++result_.rejected;
      return;
    }
    const auto& commit = cm.value();
    if (commit.height != h || sm.step() == c::Step::Decided) return;
    if (!commit_ok(commit)) {
      ++result_.rejected;
      return;
    }
    apply(node, sm.on_commit(commit));
    return;
  }
  default:
    ++result_.rejected;
  }
}

void Simulation::apply(Node& node, const c::Actions& actions) {
  for (const auto& action : actions) {
    if (std::holds_alternative<c::BroadcastProposal>(action) ||
        std::holds_alternative<c::BroadcastVote>(action)) {
      if (node.byzantine) {
        byzantine_send(node, action);
      } else {
        sign_and_send(node, action);
      }
    } else if (const auto* t = std::get_if<c::ScheduleTimeout>(&action)) {
      push(t->duration_ms, Timeout{node.index, node.incarnation, t->kind, t->height, t->round});
    } else if (const auto* v = std::get_if<c::RequestValidity>(&action)) {
      push(rng_.between(1, 5), ValidityAnswer{node.index, node.incarnation, v->block});
    } else if (const auto* r = std::get_if<c::RequestProposalBlock>(&action)) {
      bool valid = !rng_.chance(invalid_per_mille_);
      if (node.byzantine && rng_.chance(300)) valid = false;
      const auto block = new_block(r->height, r->round, node.index, valid);
      push(rng_.between(1, 10),
           BlockBuilt{node.index, node.incarnation, r->height, r->round, block});
    } else if (const auto* d = std::get_if<c::Decide>(&action)) {
      on_decide(node, *d);
    } else if (const auto* e = std::get_if<c::EvidenceFound>(&action)) {
      if (!node.byzantine) {
        ++result_.evidence;
        if (!c::verify_evidence(kChainId, node.sm->validator_set(), e->evidence)) {
          violate("evidence", "an honest node produced evidence that does not verify");
        }
      }
    } else if (std::holds_alternative<c::ConflictingCommits>(action)) {
      if (!node.byzantine) {
        violate("agreement", "node " + std::to_string(node.index) +
                                 " saw conflicting commits at height " +
                                 std::to_string(node.sm->height()));
      }
    }
  }
}

void Simulation::sign_and_send(Node& node, const c::Action& action) {
  const c::LastSigned& record = std::holds_alternative<c::BroadcastVote>(action)
                                    ? std::get<c::BroadcastVote>(action).record
                                    : std::get<c::BroadcastProposal>(action).record;
  if (!node.guard.approve(record)) {
    // The state machine must never even ask: report it as a double-sign attempt.
    violate("double-sign",
            "node " + std::to_string(node.index) + " asked to sign against its last-signed record");
    return;
  }
  node.last_signed = record; // persisted before the signature exists
  const auto key = std::make_tuple(node.index, record.height, record.round, record.step);
  const auto content = std::make_pair(record.block, record.pol_round);
  const auto [it, fresh] = signed_log_.emplace(key, content);
  if (!fresh && it->second != content) {
    violate("double-sign", "honest node " + std::to_string(node.index) + " signed two different " +
                               (record.step == c::SignedStep::Proposal ? "proposals" : "votes") +
                               " at height " + std::to_string(record.height) + " round " +
                               std::to_string(record.round));
  }
  Bytes bytes;
  if (const auto* v = std::get_if<c::BroadcastVote>(&action)) {
    bytes = signed_vote(node.index, v->vote);
  } else {
    bytes = signed_proposal(node.index, std::get<c::BroadcastProposal>(action).proposal);
  }
  node.outbox.push_back(bytes);
  const auto* vote = std::get_if<c::BroadcastVote>(&action);
  node.sticky.push_back(vote && vote->vote.type == c::VoteType::Prevote && vote->vote.block);
  broadcast(node.index, bytes, true);
}

// A Byzantine host signs whatever its state machine asks, and more: a conflicting twin sent to
// half the peers (equivocation), nothing at all (withholding), or it stays quiet in echo mode.
void Simulation::byzantine_send(Node& node, const c::Action& action) {
  if (echo_mode_) {
    // In echo mode, only proposals (distinct per partition side) come from our own machine.
    if (const auto* p = std::get_if<c::BroadcastProposal>(&action)) {
      for (std::uint8_t side = 0; side < 2; ++side) {
        auto prop = p->proposal;
        prop.block = new_block(prop.height, prop.round, node.index, true);
        const auto bytes = signed_proposal(node.index, prop);
        for (std::uint32_t to = 0; to < nodes_.size(); ++to) {
          if (!nodes_[to].byzantine && partitions_.front().side[to] == side)
            send(node.index, to, bytes);
        }
      }
    }
    return;
  }
  if (rng_.chance(250)) return; // withhold
  Bytes real;
  Bytes twin;
  if (const auto* v = std::get_if<c::BroadcastVote>(&action)) {
    real = signed_vote(node.index, v->vote);
    auto other = v->vote;
    other.block = other.block
                      ? c::MaybeBlock{}
                      : c::MaybeBlock{new_block(other.height, other.round, node.index, false)};
    twin = signed_vote(node.index, other);
  } else {
    const auto& p = std::get<c::BroadcastProposal>(action).proposal;
    real = signed_proposal(node.index, p);
    auto other = p;
    other.block = new_block(p.height, p.round, node.index, rng_.chance(500));
    twin = signed_proposal(node.index, other);
  }
  node.outbox.push_back(real);
  node.sticky.push_back(false);
  const bool equivocate = rng_.chance(500);
  for (std::uint32_t to = 0; to < nodes_.size(); ++to) {
    send(node.index, to, equivocate && rng_.chance(500) ? twin : real);
  }
}

// Fork attack: repeat each honest vote back to its sender's side as our own vote.
void Simulation::echo(Node& node, std::uint32_t from, const Bytes& bytes) {
  if (nodes_[from].byzantine || bytes[0] != kTagVote) return;
  const auto v = c::decode_vote(std::span<const std::uint8_t>(bytes).subspan(1)).value();
  const auto mine = signed_vote(node.index, v);
  const auto side = partitions_.front().side[from];
  for (std::uint32_t to = 0; to < nodes_.size(); ++to) {
    if (!nodes_[to].byzantine && partitions_.front().side[to] == side) send(node.index, to, mine);
  }
}

void Simulation::on_decide(Node& node, const c::Decide& d) {
  node.decided[d.height] = Decision{d.block, d.commit};
  if (cfg_.trace) {
    std::printf("t=%llu node %u decides height %llu round %u%s\n",
                static_cast<unsigned long long>(now_), node.index,
                static_cast<unsigned long long>(d.height), d.round, node.byzantine ? " (byz)" : "");
  }
  if (!node.byzantine) {
    const auto valid = oracle_.find(d.block);
    if (valid == oracle_.end() || !valid->second) {
      violate("validity", "node " + std::to_string(node.index) +
                              " decided an invalid block at height " + std::to_string(d.height));
    }
    const auto [it, fresh] = decided_.emplace(d.height, d.block);
    if (!fresh && it->second != d.block) {
      violate("agreement", "two different blocks decided at height " + std::to_string(d.height));
    }
    if (!commit_ok(d.commit)) {
      violate("commit",
              "node " + std::to_string(node.index) + " built a commit that does not verify");
    }
  }
  push(kCommitWaitMs, StartHeight{node.index, node.incarnation, d.height + 1});
}

void Simulation::gossip(Node& node) {
  // Retransmit our own messages at this height — the last few, and every prevote for a block,
  // since a later round's proposal may cite it as its proof of lock (CometBFT gossips POL
  // prevotes for the same reason) — so loss and partitions only delay.
  const std::size_t keep = 4;
  const std::size_t first = node.outbox.size() > keep ? node.outbox.size() - keep : 0;
  for (std::size_t i = 0; i < node.outbox.size(); ++i) {
    if (i < first && !node.sticky[i]) continue;
    if (node.byzantine && rng_.chance(300)) continue;
    broadcast(node.index, node.outbox[i], false);
  }
  // Relay the proof of lock behind our valid value once we are past its round: peers that
  // missed some of its prevotes (Byzantine voters may have sent them to us alone) need them to
  // accept a proposal citing it (CometBFT gossips POL votes the same way).
  const auto& sm = *node.sm;
  if (!node.byzantine && sm.valid_block() && sm.round() > sm.valid_round() &&
      sm.step() != c::Step::Decided) {
    for (const auto& v : sm.votes(sm.valid_round(), c::VoteType::Prevote)) {
      if (v.block != sm.valid_block()) continue;
      encoding::Writer w;
      w.u8(kTagVote);
      c::write_vote(w, v);
      broadcast(node.index, w.data(), false);
    }
  }
  if (node.byzantine && !echo_mode_ && rng_.chance(400)) send_garbage(node);
}

void Simulation::send_garbage(Node& node) {
  Bytes junk;
  if (!node.outbox.empty() && rng_.chance(600)) {
    // A real message with flipped bits, a cut tail or extra bytes: decode or verify must fail.
    junk = node.outbox[rng_.below(node.outbox.size())];
    switch (rng_.below(3)) {
    case 0:
      junk[1 + rng_.below(junk.size() - 1)] ^= static_cast<std::uint8_t>(1u << rng_.below(8));
      break;
    case 1:
      junk.resize(1 + rng_.below(junk.size() - 1));
      break;
    default:
      junk.push_back(static_cast<std::uint8_t>(rng_.next()));
    }
  } else {
    junk.resize(rng_.below(200));
    for (auto& b : junk) b = static_cast<std::uint8_t>(rng_.next());
    if (!junk.empty()) junk[0] = static_cast<std::uint8_t>(rng_.between(1, 3));
  }
  broadcast(node.index, junk, false);
}

void Simulation::dispatch(EventBody& body) {
  auto live = [&](std::uint32_t i, std::uint64_t incarnation) {
    return nodes_[i].up && nodes_[i].incarnation == incarnation;
  };
  if (auto* e = std::get_if<Deliver>(&body)) {
    if (nodes_[e->to].up) receive(nodes_[e->to], e->from, e->bytes);
  } else if (auto* t = std::get_if<Timeout>(&body)) {
    if (live(t->node, t->incarnation)) {
      apply(nodes_[t->node], nodes_[t->node].sm->on_timeout(t->kind, t->height, t->round));
    }
  } else if (auto* va = std::get_if<ValidityAnswer>(&body)) {
    if (live(va->node, va->incarnation)) {
      const auto it = oracle_.find(va->block);
      const bool valid = it != oracle_.end() && it->second;
      apply(nodes_[va->node], nodes_[va->node].sm->on_block_validity(va->block, valid));
    }
  } else if (auto* b = std::get_if<BlockBuilt>(&body)) {
    if (live(b->node, b->incarnation)) {
      apply(nodes_[b->node], nodes_[b->node].sm->on_proposal_block(b->height, b->round, b->block));
    }
  } else if (auto* s = std::get_if<StartHeight>(&body)) {
    auto& node = nodes_[s->node];
    if (live(s->node, s->incarnation) && node.sm->height() + 1 == s->height) {
      node.outbox.clear();
      node.sticky.clear();
      node.outbox_height = s->height;
      apply(node, node.sm->start_height(s->height, set_at(s->height), keys_[node.index].public_key,
                                        node.last_signed));
    }
  } else if (auto* g = std::get_if<GossipTick>(&body)) {
    if (live(g->node, g->incarnation)) {
      gossip(nodes_[g->node]);
      push(kGossipMs, GossipTick{g->node, g->incarnation});
    }
  } else if (auto* cr = std::get_if<Crash>(&body)) {
    auto& node = nodes_[cr->node];
    if (node.up) {
      node.up = false;
      ++node.incarnation; // every pending timer of the old process is void
      node.sm.reset();
    }
  } else if (auto* re = std::get_if<Restart>(&body)) {
    auto& node = nodes_[re->node];
    if (!node.up) {
      node.up = true;
      start_node(node);
    }
  }
}

Result Simulation::run() {
  setup();
  for (auto& node : nodes_) start_node(node);
  std::uint64_t target = cfg_.heights;
  std::uint64_t deadline = 0;
  bool fault_window_closed = false;
  while (!queue_.empty() && result_.ok) {
    Event ev = queue_.top();
    queue_.pop();
    now_ = ev.time;
    if (!fault_window_closed && now_ >= fault_end_) {
      // Liveness clock: from here every honest node must reach the target within a bound, and
      // at least two more heights than anyone had when the faults stopped.
      fault_window_closed = true;
      std::uint64_t best = 0;
      for (const auto& n : nodes_) {
        if (!n.byzantine) best = std::max(best, decided_height(n));
      }
      target = std::max(target, best + 2);
      deadline = now_ + kLivenessBaseMs + kLivenessPerHeightMs * target;
      if (echo_mode_) deadline = now_; // the unsafe profile only checks safety
    }
    dispatch(ev.body);
    bool all_done = true;
    for (const auto& n : nodes_) {
      if (!n.byzantine && decided_height(n) < target) all_done = false;
    }
    if (all_done && fault_window_closed) break;
    if (fault_window_closed && now_ > deadline) {
      if (cfg_.trace) {
        for (const auto& n : nodes_) {
          if (!n.up) {
            std::printf("node %u down\n", n.index);
            continue;
          }
          std::printf("  round0 prevote power %llu\n",
                      static_cast<unsigned long long>(n.sm->power_seen(0, c::VoteType::Prevote)));
          std::printf("  prevote power %llu precommit power %llu of %llu, outbox %zu\n",
                      static_cast<unsigned long long>(
                          n.sm->power_seen(n.sm->round(), c::VoteType::Prevote)),
                      static_cast<unsigned long long>(
                          n.sm->power_seen(n.sm->round(), c::VoteType::Precommit)),
                      static_cast<unsigned long long>(n.sm->validator_set().total_power()),
                      n.outbox.size());
          std::printf("node %u%s: height %llu round %u step %d locked %u valid %u decided %llu\n",
                      n.index, n.byzantine ? " (byz)" : "",
                      static_cast<unsigned long long>(n.sm->height()), n.sm->round(),
                      static_cast<int>(n.sm->step()), n.sm->locked_round(), n.sm->valid_round(),
                      static_cast<unsigned long long>(decided_height(n)));
        }
      }
      if (!echo_mode_) {
        violate("liveness", "honest nodes did not all decide height " + std::to_string(target) +
                                " within " + std::to_string(deadline - fault_end_) +
                                " ms after faults stopped");
      }
      break;
    }
  }
  result_.virtual_ms = now_;
  result_.min_decided = ~std::uint64_t{0};
  for (const auto& n : nodes_) {
    if (!n.byzantine) result_.min_decided = std::min(result_.min_decided, decided_height(n));
  }
  return result_;
}

} // namespace

Result run(const Config& config) {
  Simulation sim(config);
  return sim.run();
}

} // namespace weft::sim
