// The systemd notification protocol against a real datagram socket standing in for systemd.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "kiosk/platform/systemd_notify.hpp"
#include "temp_dir.hpp"

using kiosk::platform::SystemdNotifier;

TEST_CASE("READY=1 and WATCHDOG=1 arrive on NOTIFY_SOCKET, the loop pings at half the watchdog") {
  testing::TempDir dir;
  const std::string path = (dir / "notify").string();
  const int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);

  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  setenv("WATCHDOG_USEC", "30000000", 1);
  const auto notifier = SystemdNotifier::fromEnvironment();
  REQUIRE(notifier);
  CHECK(notifier->pingInterval() == std::chrono::milliseconds(15000));
  CHECK(notifier->ready());
  CHECK(notifier->watchdog());
  char buf[64] = {0};
  CHECK(std::string(buf, static_cast<std::size_t>(recv(fd, buf, sizeof buf, 0))) == "READY=1");
  CHECK(std::string(buf, static_cast<std::size_t>(recv(fd, buf, sizeof buf, 0))) == "WATCHDOG=1");
  close(fd);

  unsetenv("NOTIFY_SOCKET");
  CHECK_FALSE(SystemdNotifier::fromEnvironment());
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  unsetenv("WATCHDOG_USEC");
  CHECK_FALSE(SystemdNotifier::fromEnvironment()->pingInterval());
  unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("pingIfDue pings once per interval and says how long until the next ping") {
  testing::TempDir dir;
  const std::string path = (dir / "notify").string();
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const auto received = [fd] {
    int n = 0;
    char buf[64];
    while (recv(fd, buf, sizeof buf, 0) > 0) ++n;
    return n;
  };

  SystemdNotifier notifier(path, std::chrono::seconds(30));
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(notifier.pingIfDue(t0) == std::chrono::milliseconds(15000));
  CHECK(received() == 1);
  CHECK(notifier.pingIfDue(t0 + std::chrono::seconds(10)) == std::chrono::milliseconds(5000));
  CHECK(received() == 0);  // not due yet: no datagram
  CHECK(notifier.pingIfDue(t0 + std::chrono::seconds(15)) == std::chrono::milliseconds(15000));
  CHECK(received() == 1);
  SystemdNotifier noWatchdog(path, std::nullopt);
  CHECK_FALSE(noWatchdog.pingIfDue(t0));
  CHECK(received() == 0);
  close(fd);
}
