// Counts wrong staff PINs and locks the PIN pad out, exponentially longer, after kFreeTries of
// them in a row. Knows nothing of hashing (the caller checks the PIN). Pure; single-threaded.
#pragma once

#include <optional>

#include "kiosk/core/clock.hpp"

namespace kiosk {

class PinGate {
 public:
  static constexpr int kFreeTries = 5;
  static constexpr Millis kFirstLockout{30'000};
  static constexpr Millis kMaxLockout{60 * 60'000};

  // `failures` restored from storage: a restart must not hand out fresh tries, so a gate that was
  // locked out is locked again from `now` for its full time.
  explicit PinGate(int failures = 0, Instant now = {});

  // How long the pad stays locked from `now`; nullopt when a PIN may be tried.
  std::optional<Millis> lockedFor(Instant now) const;
  // Wrong PINs left before the next lockout (0 while locked out).
  int triesLeft() const;
  int failures() const { return failures_; }

  void failed(Instant now);
  void succeeded() {
    failures_ = 0;
    lockedUntil_.reset();
  }

  // The lockout after the n-th wrong PIN in a row: none before kFreeTries, then 30 s, doubling with
  // every further wrong PIN, at most an hour.
  static Millis lockoutAfter(int failures);

 private:
  int failures_ = 0;
  std::optional<Instant> lockedUntil_;
};

}  // namespace kiosk
