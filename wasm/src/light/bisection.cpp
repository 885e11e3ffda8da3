// Bisection (docs/protocol/light-client.md, "Bisection"). Each NotEnoughTrust pushes a pivot
// strictly between the trusted height and the block that lacked trust; each success makes that
// block trusted and retries the one above it. Adjacent steps never answer NotEnoughTrust, so the
// stack cannot grow past the gap and every run ends.
#include "light/bisection.hpp"

#include <cassert>
#include <iterator>
#include <utility>

namespace weft::light {

void Bisection::start(TrustedBlock trusted, std::uint64_t target_height, std::uint64_t now_ms) {
  trusted_ = std::move(trusted);
  target_ = target_height;
  now_ms_ = now_ms;
  started_ = true;
  pending_.clear();
  failed_.reset();
  fetched_ = 0;
  // Blocks at or below the trusted height can never be needed again; above the target neither.
  std::erase_if(cache_, [&](const auto& entry) {
    return entry.first <= trusted_.height() || entry.first > target_;
  });
  if (target_ < trusted_.height()) {
    failed_ = Failed{LightError::NotAfterTrusted, target_};
  } else if (target_ > trusted_.height()) {
    pending_.push_back(target_);
  }
}

Step Bisection::next() {
  assert(started_);
  if (failed_) return *failed_;
  while (!pending_.empty()) {
    const std::uint64_t height = pending_.back();
    const auto it = cache_.find(height);
    if (it == cache_.end()) return NeedBlock{height};
    const auto verdict = verify(trusted_, it->second, options_, now_ms_);
    if (verdict) {
      trusted_ = TrustedBlock{std::move(it->second), std::nullopt};
      // Nothing at or below a trusted height is ever needed again.
      cache_.erase(cache_.begin(), std::next(it));
      pending_.pop_back();
      continue;
    }
    if (verdict.error() == LightError::NotEnoughTrust && height - trusted_.height() >= 2) {
      pending_.push_back(pivot(trusted_.height(), height));
      continue;
    }
    cache_.erase(it);
    failed_ = Failed{verdict.error(), height};
    return *failed_;
  }
  return Verified{trusted_.block};
}

bool Bisection::provide(LightBlock block) {
  const std::uint64_t height = block.header.height;
  if (!started_ || height <= trusted_.height() || height > target_) return false;
  if (!failed_ && !pending_.empty() && pending_.back() == height && !cache_.contains(height)) {
    ++fetched_;
  }
  cache_.insert_or_assign(height, std::move(block));
  return true;
}

std::uint64_t Bisection::pivot(std::uint64_t lo, std::uint64_t hi) const {
  const std::uint64_t mid = lo + (hi - lo) / 2;
  const std::uint64_t margin = (hi - lo) / 4 > 0 ? (hi - lo) / 4 : 1;
  const std::uint64_t first = lo + margin;
  const std::uint64_t last = hi - margin;
  // The cached heights nearest the midpoint on either side.
  std::optional<std::uint64_t> best;
  const auto above = cache_.lower_bound(mid);
  if (above != cache_.end() && above->first <= last) best = above->first;
  if (above != cache_.begin()) {
    const std::uint64_t below = std::prev(above)->first;
    if (below >= first && (!best || mid - below < *best - mid)) best = below;
  }
  return best ? *best : mid;
}

} // namespace weft::light
