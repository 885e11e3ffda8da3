// Delivery, loss, duplication and partitions on the simulated network (network.hpp).
#include "network.hpp"

namespace weft::sim {

bool Network::cut(std::uint32_t a, std::uint32_t b) const {
  const std::uint64_t now = scheduler_.now();
  for (const auto& w : plan_.partitions) {
    if (now < w.start || now >= w.end) continue;
    // The fork attackers are on both sides at once.
    if (plan_.echo_mode && (plan_.byzantine[a] || plan_.byzantine[b])) continue;
    if (w.side[a] != w.side[b]) return true;
  }
  return false;
}

void Network::send(std::uint32_t from, std::uint32_t to, const Bytes& bytes) {
  if (from == to) {
    scheduler_.after(0, Deliver{from, to, bytes});
    return;
  }
  if (cut(from, to)) return;
  const bool faulty = scheduler_.now() < plan_.fault_end;
  if (faulty && rng_.chance(plan_.drop_per_mille)) return;
  const std::uint64_t max_delay = faulty ? plan_.max_delay_ms : kReliableMaxDelayMs;
  scheduler_.after(rng_.between(2, max_delay), Deliver{from, to, bytes});
  if (faulty && rng_.chance(plan_.dup_per_mille))
    scheduler_.after(rng_.between(2, max_delay), Deliver{from, to, bytes});
}

void Network::broadcast(std::uint32_t from, const Bytes& bytes, bool include_self) {
  for (std::uint32_t to = 0; to < nodes_; ++to) {
    if (to != from || include_self) send(from, to, bytes);
  }
}

} // namespace weft::sim
