// When the kiosk's main loop must wake next. The loop sleeps in the OS (SDL_WaitEventTimeout)
// until input or this timeout, which is what keeps an idle kiosk at 0 % CPU: nothing here may
// ask for a wake-up that is not needed. Pure; thread-safe.
#pragma once

#include <chrono>
#include <optional>

#include "kiosk/core/clock.hpp"

namespace kiosk {

struct WakeSources {
  bool renderPending = false;           // frames still to draw, or input queued for the UI
  bool animating = false;               // a list gliding after a fling
  std::optional<Millis> untilDeadline;  // the app's next deadline (idle reset, thanks, retry, hours)
  std::optional<Millis> untilGesture;   // a finger held still for the staff gesture fires then
  bool staffMode = false;               // staff screens show live figures
  std::optional<Millis> untilWatchdog;  // systemd's watchdog wants a ping then
};

// A frame at ~60 fps while something animates, and only then.
inline constexpr Millis kAnimationFrame{16};
// Staff screens (sync status, a lockout countdown) refresh once a second.
inline constexpr Millis kStaffTick{1'000};
// Even with no deadline at all the loop looks again once a minute.
inline constexpr Millis kLongestDeadlineWait{60'000};

// Milliseconds to wait for input before waking anyway; -1 to wait for input only.
int waitTimeoutMs(const WakeSources& sources);

}  // namespace kiosk
