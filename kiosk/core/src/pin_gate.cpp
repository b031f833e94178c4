#include "kiosk/core/pin_gate.hpp"

#include <algorithm>

namespace kiosk {

PinGate::PinGate(int failures, Instant now) : failures_(std::max(0, failures)) {
  if (failures_ >= kFreeTries) lockedUntil_ = now + lockoutAfter(failures_);
}

Millis PinGate::lockoutAfter(int failures) {
  if (failures < kFreeTries) return Millis{0};
  const int doublings = std::min(failures - kFreeTries, 20);  // 2^20 x 30 s is far past the cap
  return std::min(kMaxLockout, Millis(kFirstLockout.count() << doublings));
}

std::optional<Millis> PinGate::lockedFor(Instant now) const {
  if (!lockedUntil_ || now >= *lockedUntil_) return std::nullopt;
  return std::chrono::duration_cast<Millis>(*lockedUntil_ - now);
}

int PinGate::triesLeft() const {
  if (failures_ >= kFreeTries) return 0;  // past the free tries, every wrong PIN locks again
  return kFreeTries - failures_;
}

void PinGate::failed(Instant now) {
  if (lockedFor(now)) return;  // a PIN typed while locked out is not even checked
  ++failures_;
  if (failures_ >= kFreeTries) lockedUntil_ = now + lockoutAfter(failures_);
}

}  // namespace kiosk
