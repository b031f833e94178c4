#include "kiosk/platform/systemd_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kiosk::platform {

std::optional<SystemdNotifier> SystemdNotifier::fromEnvironment() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  if (!socket || !*socket) return std::nullopt;
  std::optional<std::chrono::microseconds> watchdog;
  if (const char* usec = std::getenv("WATCHDOG_USEC"); usec && *usec) {
    const long long v = std::atoll(usec);
    if (v > 0) watchdog = std::chrono::microseconds(v);
  }
  return SystemdNotifier(socket, watchdog);
}

SystemdNotifier::SystemdNotifier(std::string socketPath, std::optional<std::chrono::microseconds> watchdog)
    : socketPath_(std::move(socketPath)), watchdog_(watchdog) {}

std::optional<std::chrono::milliseconds> SystemdNotifier::pingInterval() const {
  if (!watchdog_) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*watchdog_ / 2);
}

bool SystemdNotifier::send(const std::string& message) const {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socketPath_.size() >= sizeof addr.sun_path) return false;
  std::memcpy(addr.sun_path, socketPath_.data(), socketPath_.size());
  if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace socket
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socketPath_.size());
  const ssize_t sent =
      ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr), len);
  ::close(fd);
  return sent == static_cast<ssize_t>(message.size());
}

std::optional<std::chrono::milliseconds> SystemdNotifier::pingIfDue(std::chrono::steady_clock::time_point now) {
  const auto every = pingInterval();
  if (!every) return std::nullopt;
  if (now >= nextPing_) {
    watchdog();
    nextPing_ = now + *every;
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(nextPing_ - now);
}

}  // namespace kiosk::platform
