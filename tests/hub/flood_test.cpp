// Floods one stranger can aim at the real kiosk-hub (127.0.0.1 only, bounded in count and time,
// stopping by themselves), with a legitimate kiosk measured beside them: 300 slow or half-finished
// TLS handshakes kept topped up, and stalled large uploads. The kiosk must keep being served, and
// buffered upload bytes must stay within the configured budget.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using testing::HubProcess;
using Clock = std::chrono::steady_clock;

namespace {

int openSlowConnection(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  (void)!::write(fd, "\x16\x03\x01", 3);  // the first bytes of a ClientHello, and then nothing
  return fd;
}

bool closedByPeer(int fd) {
  char b;
  const ssize_t n = ::recv(fd, &b, 1, MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

void setLimit(const HubProcess& hub, const std::string& key, const std::string& value) {
  const auto file = hub.dir() / "hub.toml";
  std::string toml = testing::readFile(file);
  const auto at = toml.find(key + " = ");
  REQUIRE(at != std::string::npos);
  toml.replace(at, toml.find('\n', at) - at, key + " = " + value);
  testing::writeFile(file, toml);
}

std::string batch(std::int64_t seq) {
  wire::RatingBatch b{"hall-01-k1", "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 1, 0});
  return wire::encodeBatch(b);
}

}  // namespace

TEST_CASE("300 slow handshakes kept up by an attacker do not lock a kiosk out") {
  HubProcess hub;
  hub.start();
  std::atomic<bool> stop{false};
  std::atomic<int> opened{0};
  std::thread attacker([&] {
    std::vector<int> fds;
    const auto until = Clock::now() + std::chrono::seconds(40);  // stops by itself whatever happens
    while (!stop && Clock::now() < until) {
      fds.erase(std::remove_if(fds.begin(), fds.end(),
                               [](int fd) {
                                 if (!closedByPeer(fd)) return false;
                                 ::close(fd);
                                 return true;
                               }),
                fds.end());
      while (fds.size() < 300 && opened < 5'000) {  // top up to 300, at most 5,000 in all
        const int fd = openSlowConnection(hub.port());
        if (fd < 0) break;
        fds.push_back(fd);
        ++opened;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the attacker's pace, not a wait for a condition
    }
    for (int fd : fds) ::close(fd);
  });
  // Let the flood fill the hub first (poll: at least 300 opened).
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (opened < 300 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(opened >= 300);

  int ok = 0;
  std::vector<double> ms;
  for (int seq = 1; seq <= 30; ++seq) {
    const auto t0 = Clock::now();
    const auto r = hub.post("/api/v1/batches", batch(seq), hub.token("kiosk"));
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (r.status == 201) ++ok;
  }
  stop = true;
  attacker.join();
  std::sort(ms.begin(), ms.end());
  MESSAGE("legitimate kiosk beside 300 slow handshakes: " << ok << "/30 accepted, p50 " << ms[ms.size() / 2]
                                                          << " ms, p99 " << ms.back() << " ms; attacker opened "
                                                          << opened.load() << " connections");
  CHECK(ok == 30);
  CHECK(hub.log().find("event=connection_shed") != std::string::npos);
}

TEST_CASE("stalled large uploads are held to the body budget, small uploads still go through") {
  HubProcess hub;
  setLimit(hub, "body_budget_bytes", "4194304");  // 4 MiB: four stalled 1 MiB uploads
  setLimit(hub, "upload_bytes", "2097152");       // (the console's uploads must fit the budget too)
  setLimit(hub, "read_timeout_s", "6");
  hub.start();
  const std::string head = "POST /api/v1/batches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                           hub.token("kiosk") + "\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n";
  std::vector<std::string> replies(12);
  std::vector<std::thread> stalled;
  for (std::size_t i = 0; i < replies.size(); ++i)
    stalled.emplace_back([&, i] {
      replies[i] = testing::rawTlsExchange(hub.port(), hub.caFile(), head + std::string(256 * 1024, 'x'),
                                           std::chrono::seconds(3));
    });
  for (auto& t : stalled) t.join();
  const auto busy = std::count_if(replies.begin(), replies.end(),
                                  [](const std::string& r) { return r.rfind("HTTP/1.1 503", 0) == 0; });
  MESSAGE("12 stalled 1 MiB uploads against a 4 MiB budget: " << busy << " answered 503 at once");
  CHECK(busy >= 8);  // at most four hold reservations; the rest are turned away without buffering
  CHECK(hub.log().find("event=body_budget_full") != std::string::npos);
  CHECK(hub.post("/api/v1/batches", batch(1), hub.token("kiosk")).status == 201);
}
