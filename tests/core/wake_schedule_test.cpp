// waitTimeoutMs: what the main loop sleeps for. The 0 % idle-CPU figure rests on it: with nothing
// to do it waits for input only, and every source wakes it exactly once, just after it is due.
#include <doctest/doctest.h>

#include "kiosk/core/wake_schedule.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("nothing pending: wait for input only") { CHECK(waitTimeoutMs({}) == -1); }

TEST_CASE("a frame to draw or queued input does not wait at all, whatever else is due") {
  WakeSources s;
  s.renderPending = true;
  s.animating = true;
  s.untilDeadline = 5s;
  s.staffMode = true;
  CHECK(waitTimeoutMs(s) == 0);
}

TEST_CASE("an animation runs at about 60 frames a second, and only while it runs") {
  WakeSources s;
  s.animating = true;
  s.untilDeadline = 3s;
  CHECK(waitTimeoutMs(s) == 16);
  s.animating = false;
  CHECK(waitTimeoutMs(s) == 3001);
}

TEST_CASE("a deadline wakes just after it, never later than a minute, never in the past") {
  WakeSources s;
  s.untilDeadline = 250ms;
  CHECK(waitTimeoutMs(s) == 251);
  s.untilDeadline = 24h;  // the next opening, tomorrow
  CHECK(waitTimeoutMs(s) == 60'000);
  s.untilDeadline = -5s;  // overdue: wake at once
  CHECK(waitTimeoutMs(s) == 0);
}

TEST_CASE("the staff gesture, staff screens and the watchdog each shorten the wait") {
  WakeSources s;
  s.untilDeadline = 30s;
  s.untilGesture = 4200ms;
  CHECK(waitTimeoutMs(s) == 4201);
  s.staffMode = true;
  CHECK(waitTimeoutMs(s) == 1000);
  s.untilWatchdog = 400ms;
  CHECK(waitTimeoutMs(s) == 401);
  WakeSources watchdogOnly;
  watchdogOnly.untilWatchdog = 14'999ms;
  CHECK(waitTimeoutMs(watchdogOnly) == 15'000);
  WakeSources gestureOnly;
  gestureOnly.untilGesture = 10ms;
  CHECK(waitTimeoutMs(gestureOnly) == 11);
}
