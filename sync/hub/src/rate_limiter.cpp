#include "hub/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace hub {

std::optional<std::int64_t> RateLimiter::take(const std::string& key, double cost, std::int64_t nowSeconds) {
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity_, nowSeconds});
  Bucket& b = it->second;
  // A clock that stepped back gives nothing and takes nothing.
  const auto elapsed = static_cast<double>(std::max<std::int64_t>(0, nowSeconds - b.at));
  b.tokens = std::min(capacity_, b.tokens + elapsed * refillPerSecond_);
  b.at = std::max(b.at, nowSeconds);
  if (cost <= b.tokens) {
    b.tokens -= cost;
    return std::nullopt;
  }
  return static_cast<std::int64_t>(std::ceil((cost - b.tokens) / refillPerSecond_));
}

}  // namespace hub
