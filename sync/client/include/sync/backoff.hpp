// When to try the hub again: exponential backoff with full jitter (AWS architecture blog's
// "Full Jitter"), base 5 s, cap 15 min, at least what Retry-After asks, reset after a success.
// Pure: randomness is passed in. Owned by the sync engine (one thread).
#pragma once

#include <chrono>
#include <optional>

namespace kiosk::sync {

class Backoff {
 public:
  using Seconds = std::chrono::duration<double>;
  Backoff(Seconds base = std::chrono::seconds(5), Seconds cap = std::chrono::minutes(15)) : base_(base), cap_(cap) {}

  // The delay after one more failure; `random01` is uniform in [0, 1).
  Seconds failed(double random01, std::optional<Seconds> retryAfter = std::nullopt);
  // A failure that will not fix itself by retrying soon (TLS, pins): wait the full cap.
  Seconds failedHard() {
    ++failures_;
    return cap_;
  }
  void succeeded() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  Seconds base_, cap_;
  int failures_ = 0;
};

}  // namespace kiosk::sync
