#include "kiosk/platform/clock_change_watch.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace kiosk::platform {

namespace {
[[noreturn]] void fail(const char* what) { throw std::system_error(errno, std::generic_category(), what); }
}  // namespace

ClockChangeWatch::ClockChangeWatch(std::function<void()> onChange) : onChange_(std::move(onChange)) {
  timerFd_ = ::timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (timerFd_ < 0) fail("timerfd_create");
  stopFd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stopFd_ < 0) {
    ::close(timerFd_);
    fail("eventfd");
  }
  try {
    arm();
  } catch (...) {
    ::close(timerFd_);
    ::close(stopFd_);
    throw;
  }
  thread_ = std::thread([this] { run(); });
}

ClockChangeWatch::~ClockChangeWatch() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(stopFd_, &one, sizeof one);  // an eventfd write cannot block here
  thread_.join();
  ::close(timerFd_);
  ::close(stopFd_);
}

void ClockChangeWatch::arm() {
  // An absolute expiry far in the future: only the cancel-on-set matters, never the expiry.
  itimerspec spec{};
  spec.it_value.tv_sec = static_cast<time_t>(INT32_MAX);
  if (::timerfd_settime(timerFd_, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr) != 0)
    fail("timerfd_settime");
}

void ClockChangeWatch::run() {
  for (;;) {
    pollfd fds[2] = {{timerFd_, POLLIN, 0}, {stopFd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;  // cannot watch any more; the loop's periodic look still notices a change
    }
    if (fds[1].revents != 0) return;
    if (fds[0].revents == 0) continue;
    std::uint64_t expirations = 0;
    if (::read(timerFd_, &expirations, sizeof expirations) < 0 && errno == ECANCELED) {
      changes_.fetch_add(1);
      if (onChange_) onChange_();
    }
    try {
      arm();  // a cancelled timer stays cancelled until set again
    } catch (const std::system_error&) {
      return;
    }
  }
}

}  // namespace kiosk::platform
