// Wakes the kiosk's main loop when the wall clock is set — an NTP step, `date -s`, a corrected
// RTC after a power cut. The loop sleeps on the steady clock until the next opening or closing,
// and a step of the wall clock does not move that sleep: without this, a kiosk whose clock was
// corrected while closed keeps the closed screen (or stays open) until its next periodic look.
// Linux: a thread blocks in a timerfd armed with TFD_TIMER_CANCEL_ON_SET, whose read fails with
// ECANCELED on every set of CLOCK_REALTIME; it then calls `onChange` and re-arms.
// Owns its thread: `onChange` runs on it (it must be safe from any thread, e.g.
// SdlGlWindow::wakeFromAnyThread); the destructor stops and joins it.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace kiosk::platform {

class ClockChangeWatch {
 public:
  // Throws std::system_error when the kernel refuses the timer or the stop signal.
  explicit ClockChangeWatch(std::function<void()> onChange);
  ~ClockChangeWatch();
  ClockChangeWatch(const ClockChangeWatch&) = delete;
  ClockChangeWatch& operator=(const ClockChangeWatch&) = delete;

  // How many clock sets were seen (for tests and the journal).
  int changesSeen() const { return changes_.load(); }

 private:
  void run();
  void arm();

  std::function<void()> onChange_;
  int timerFd_ = -1;
  int stopFd_ = -1;  // an eventfd the destructor writes to end the thread's poll
  std::atomic<int> changes_{0};
  std::thread thread_;
};

}  // namespace kiosk::platform
