// Time sources shared by the kiosk, its sync client and the hub: a monotonic instant for intervals
// and a wall time (Unix seconds + the hall's UTC offset) for buckets and timestamps. Injected
// everywhere so tests drive time by hand. SystemClock is safe to share between threads;
// ManualClock belongs to the one thread (test) that advances it.
#pragma once

#include <chrono>
#include <cstdint>

namespace common {

using Instant = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;

// Seconds since the Unix epoch plus the hall's UTC offset at that moment (DST-aware).
struct WallTime {
  std::int64_t unix_seconds = 0;
  std::int32_t utc_offset_seconds = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  virtual WallTime wallNow() const = 0;
};

// The machine's steady clock and local time zone.
class SystemClock final : public Clock {
 public:
  Instant now() const override;
  WallTime wallNow() const override;
};

// A clock that moves only when told; for tests and benchmarks.
class ManualClock final : public Clock {
 public:
  // Default start: 2026-11-21 10:00 in Beijing (+08:00).
  explicit ManualClock(WallTime start = {1'795'226'400, 8 * 3600}) : wall_(start) {}
  Instant now() const override { return Instant{} + elapsed_; }
  WallTime wallNow() const override {
    return {wall_.unix_seconds + std::chrono::duration_cast<std::chrono::seconds>(elapsed_).count(),
            wall_.utc_offset_seconds};
  }
  void advance(Millis d) { elapsed_ += d; }

 private:
  WallTime wall_;
  Millis elapsed_{0};
};

}  // namespace common
