#include "hub/core/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace hub {

RateLimiter::Bucket& RateLimiter::refilled(const std::string& key, std::int64_t nowSeconds) {
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity_, nowSeconds});
  Bucket& b = it->second;
  // A clock that stepped back gives nothing and takes nothing.
  const auto elapsed = static_cast<double>(std::max<std::int64_t>(0, nowSeconds - b.at));
  b.tokens = std::min(capacity_, b.tokens + elapsed * refillPerSecond_);
  b.at = std::max(b.at, nowSeconds);
  return b;
}

std::optional<std::int64_t> RateLimiter::take(const std::string& key, double cost, std::int64_t nowSeconds) {
  Bucket& b = refilled(key, nowSeconds);
  if (cost <= b.tokens) {
    b.tokens -= cost;
    b.owed = 0;
    return std::nullopt;
  }
  b.owed = cost;
  return static_cast<std::int64_t>(std::ceil((cost - b.tokens) / refillPerSecond_));
}

void RateLimiter::charge(const std::string& key, double cost, std::int64_t nowSeconds) {
  if (take(key, cost, nowSeconds)) buckets_[key].tokens = 0;
}

std::optional<std::int64_t> RateLimiter::owedWait(const std::string& key, std::int64_t nowSeconds) {
  Bucket& b = refilled(key, nowSeconds);
  if (b.owed <= b.tokens) return std::nullopt;
  return static_cast<std::int64_t>(std::ceil((b.owed - b.tokens) / refillPerSecond_));
}

}  // namespace hub
