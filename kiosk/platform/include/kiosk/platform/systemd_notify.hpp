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

 private:
  bool send(const std::string& message) const;
  std::string socketPath_;
  std::optional<std::chrono::microseconds> watchdog_;
};

}  // namespace kiosk::platform
