// One simulated validator: its consensus::StateMachine and what its host keeps around it, split
// the way a real node's memory and disk are. A crash loses the machine, the sign guard and the
// catch-up bookkeeping; the last-signed record, the decided blocks, the node's own signed
// messages of the current height and the peers' messages it accepted at that height (its WAL)
// survive it, as a real node keeps them beside its vote record.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "consensus/state_machine.hpp"
#include "wire.hpp"

namespace weft::sim {

struct Decision {
  consensus::BlockId block;
  consensus::Commit commit;
};

struct Node {
  std::uint32_t index = 0;
  bool byzantine = false;
  bool up = true;
  std::uint64_t incarnation = 0;
  std::unique_ptr<consensus::StateMachine> sm;
  // Survives a crash (the node's disk).
  std::optional<consensus::LastSigned> last_signed;
  std::map<std::uint64_t, Decision> decided;
  // Our signed messages at outbox_height, kept so a restarted node can re-send them (a real node
  // keeps its last signatures beside the last-signed record).
  std::vector<Bytes> outbox;
  std::vector<bool> sticky; // prevotes for a block: a later proof-of-lock may need them
  // Peers' verified votes and proposals at outbox_height, in arrival order (the node's WAL):
  // replayed after a restart so the machine gets back the prevotes behind a restored lock.
  std::vector<Bytes> received;
  std::set<Bytes> received_set;
  std::uint64_t outbox_height = 0;
  // Lost on a crash.
  consensus::SignGuard guard;
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::uint64_t> catchup_sent; // (peer, h)

  std::uint64_t decided_height() const { return decided.empty() ? 0 : decided.rbegin()->first; }

  // The process dies: every pending timer of the old incarnation is void from here on.
  void crash() {
    up = false;
    ++incarnation;
    sm.reset();
  }
};

} // namespace weft::sim
