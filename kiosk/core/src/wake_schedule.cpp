#include "kiosk/core/wake_schedule.hpp"

#include <algorithm>

namespace kiosk {

namespace {
// A deadline is woken for one millisecond after it, so the wake-up finds it passed.
int afterMs(Millis d, Millis cap) { return static_cast<int>(std::clamp<Millis::rep>(d.count() + 1, 0, cap.count())); }
int sooner(int current, int ms) { return current < 0 ? ms : std::min(current, ms); }
}  // namespace

int waitTimeoutMs(const WakeSources& s) {
  int timeout = -1;
  if (s.renderPending) timeout = 0;
  else if (s.animating) timeout = static_cast<int>(kAnimationFrame.count());
  else if (s.untilDeadline) timeout = afterMs(*s.untilDeadline, kLongestDeadlineWait);
  if (s.untilGesture) timeout = sooner(timeout, afterMs(*s.untilGesture, kLongestDeadlineWait));
  if (s.staffMode) timeout = sooner(timeout, static_cast<int>(kStaffTick.count()));
  if (s.untilWatchdog) timeout = sooner(timeout, afterMs(*s.untilWatchdog, kLongestDeadlineWait));
  return timeout;
}

}  // namespace kiosk
