// ClockChangeWatch against the real kernel: setting CLOCK_REALTIME (to the time it already shows,
// so the machine's clock does not move) wakes the watcher; without a set nothing calls back; the
// destructor ends the thread. Setting the clock needs CAP_SYS_TIME (CI runs as root); without it
// the test says so and checks only the rest.
#include <doctest/doctest.h>

#include <time.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "kiosk/platform/clock_change_watch.hpp"

using kiosk::platform::ClockChangeWatch;

namespace {

bool setClockToItself() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return clock_settime(CLOCK_REALTIME, &now) == 0;
}

template <typename Done>
bool within(std::chrono::seconds limit, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling a condition, with a deadline
  }
  return true;
}

}  // namespace

TEST_CASE("a set of the wall clock wakes the watcher, and each set is seen once") {
  std::atomic<int> wakes{0};
  ClockChangeWatch watch([&] { wakes.fetch_add(1); });
  CHECK(wakes.load() == 0);
  if (!setClockToItself()) {
    MESSAGE("no CAP_SYS_TIME here (errno " << errno << "): the clock-set wake-up is not exercised");
    return;
  }
  CHECK(within(std::chrono::seconds(30), [&] { return wakes.load() == 1; }));
  REQUIRE(setClockToItself());
  CHECK(within(std::chrono::seconds(30), [&] { return wakes.load() == 2; }));  // re-armed after the first
  CHECK(watch.changesSeen() == 2);
}

TEST_CASE("the watcher's thread ends with it, promptly, whatever the clock does") {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    ClockChangeWatch watch([] {});
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
}
