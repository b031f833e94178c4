#include "sync/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::sync {

Backoff::Seconds Backoff::failed(double random01, std::optional<Seconds> retryAfter) {
  const double ceiling = std::min(cap_.count(), base_.count() * std::pow(2.0, std::min(failures_, 30)));
  ++failures_;
  Seconds delay(std::clamp(random01, 0.0, 1.0) * ceiling);
  if (retryAfter) delay = std::max(delay, std::min(*retryAfter, Seconds(cap_)));
  return delay;
}

}  // namespace kiosk::sync
