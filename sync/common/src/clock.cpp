#include "common/clock.hpp"

#include <ctime>

namespace common {

Instant SystemClock::now() const { return std::chrono::steady_clock::now(); }

WallTime SystemClock::wallNow() const {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  return {static_cast<std::int64_t>(t), static_cast<std::int32_t>(local.tm_gmtoff)};
}

}  // namespace common
