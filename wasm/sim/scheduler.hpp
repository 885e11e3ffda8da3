// The virtual clock and its event queue. Events run in time order and, at equal times, in the
// order they were scheduled, so a run depends on nothing but its seed: no wall clock, no threads,
// and no tie left to the heap's internal order.
#pragma once

#include <cstdint>
#include <queue>
#include <utility>
#include <vector>

#include "events.hpp"

namespace weft::sim {

struct Event {
  std::uint64_t time;
  std::uint64_t seq; // FIFO among equal times, so the order is fully determined
  EventBody body;
};

class Scheduler {
public:
  std::uint64_t now() const { return now_; }
  bool empty() const { return queue_.empty(); }

  void at(std::uint64_t time, EventBody body) { queue_.push(Event{time, seq_++, std::move(body)}); }
  void after(std::uint64_t delay, EventBody body) { at(now_ + delay, std::move(body)); }

  // Removes the earliest event and moves the clock to its time.
  Event next() {
    Event ev = queue_.top();
    queue_.pop();
    now_ = ev.time;
    return ev;
  }

private:
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.time != b.time ? a.time > b.time : a.seq > b.seq;
    }
  };

  std::uint64_t now_ = 0;
  std::uint64_t seq_ = 0;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
};

} // namespace weft::sim
