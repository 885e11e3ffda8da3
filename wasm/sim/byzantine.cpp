// Byzantine behaviours (byzantine.hpp). Every draw here comes from the run's one Rng, so an
// attack is as reproducible as the rest of the seed.
#include "byzantine.hpp"

#include <span>
#include <variant>

namespace weft::sim {

namespace c = weft::consensus;

void Byzantine::send(Node& node, const c::Action& action) {
  if (plan_.echo_mode) {
    // In echo mode, only proposals (distinct per partition side) come from our own machine.
    if (const auto* p = std::get_if<c::BroadcastProposal>(&action)) {
      for (std::uint8_t side = 0; side < 2; ++side) {
        auto prop = p->proposal;
        prop.block = oracle_.new_block(prop.height, prop.round, node.index, true);
        const auto bytes = signatures_.signed_proposal(node.index, prop);
        for (std::uint32_t to = 0; to < network_.nodes(); ++to) {
          if (!plan_.byzantine[to] && plan_.partitions.front().side[to] == side)
            network_.send(node.index, to, bytes);
        }
      }
    }
    return;
  }
  if (rng_.chance(250)) return; // withhold
  Bytes real;
  Bytes twin;
  if (const auto* v = std::get_if<c::BroadcastVote>(&action)) {
    real = signatures_.signed_vote(node.index, v->vote);
    auto other = v->vote;
    other.block =
        other.block
            ? c::MaybeBlock{}
            : c::MaybeBlock{oracle_.new_block(other.height, other.round, node.index, false)};
    twin = signatures_.signed_vote(node.index, other);
  } else {
    const auto& p = std::get<c::BroadcastProposal>(action).proposal;
    real = signatures_.signed_proposal(node.index, p);
    auto other = p;
    other.block = oracle_.new_block(p.height, p.round, node.index, rng_.chance(500));
    twin = signatures_.signed_proposal(node.index, other);
  }
  node.outbox.push_back(real);
  node.sticky.push_back(false);
  const bool equivocate = rng_.chance(500);
  for (std::uint32_t to = 0; to < network_.nodes(); ++to) {
    network_.send(node.index, to, equivocate && rng_.chance(500) ? twin : real);
  }
}

void Byzantine::echo(Node& node, std::uint32_t from, const Bytes& bytes) {
  if (plan_.byzantine[from] || bytes[0] != kTagVote) return;
  const auto v = c::decode_vote(std::span<const std::uint8_t>(bytes).subspan(1)).value();
  const auto mine = signatures_.signed_vote(node.index, v);
  const auto side = plan_.partitions.front().side[from];
  for (std::uint32_t to = 0; to < network_.nodes(); ++to) {
    if (!plan_.byzantine[to] && plan_.partitions.front().side[to] == side)
      network_.send(node.index, to, mine);
  }
}

void Byzantine::maybe_send_garbage(Node& node) {
  if (!plan_.echo_mode && rng_.chance(400)) send_garbage(node);
}

void Byzantine::send_garbage(Node& node) {
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
  network_.broadcast(node.index, junk, false);
}

} // namespace weft::sim
