// Tells systemd the kiosk is up and still drawing (sd_notify's datagram protocol, no libsystemd):
// READY=1 once the first frame is on screen, WATCHDOG=1 from the main loop, so a hung UI thread
// gets the kiosk restarted. Main thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kiosk::platform {

class SystemdNotifier {
 public:
  // From $NOTIFY_SOCKET and $WATCHDOG_USEC; nullopt when not started by systemd with Type=notify.
  static std::optional<SystemdNotifier> fromEnvironment();
  SystemdNotifier(std::string socketPath, std::optional<std::chrono::microseconds> watchdog);

  bool ready() const { return send("READY=1"); }
  bool watchdog() const { return send("WATCHDOG=1"); }
  // How often the loop should ping: half the watchdog interval; nullopt when there is no watchdog.
  std::optional<std::chrono::milliseconds> pingInterval() const;
  // Pings the watchdog if a ping is due at `now`; returns how long until the next one is (nullopt
  // without a watchdog), for the loop's wake schedule.
  std::optional<std::chrono::milliseconds> pingIfDue(std::chrono::steady_clock::time_point now);

 private:
  bool send(const std::string& message) const;
  std::string socketPath_;
  std::optional<std::chrono::microseconds> watchdog_;
  std::chrono::steady_clock::time_point nextPing_{};
};

}  // namespace kiosk::platform
