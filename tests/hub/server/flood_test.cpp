// Floods one stranger can aim at the real kiosk-hub (127.0.0.1 only, bounded in count and time,
// stopping by themselves), with a legitimate kiosk measured beside them: 300 slow or half-finished
// TLS handshakes kept topped up, stalled large uploads with and without credentials, and
// connections trickling in a second request's body; and a password lane filled to its bound. The
// kiosk must keep being served, and buffered upload bytes must stay within the configured budget.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "hub/server/https_server.hpp"
#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using testing::HubProcess;
using Clock = std::chrono::steady_clock;

namespace {

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
                                 if (!testing::closedByPeer(fd)) return false;
                                 ::close(fd);
                                 return true;
                               }),
                fds.end());
      while (fds.size() < 300 && opened < 5'000) {  // top up to 300, at most 5,000 in all
        const int fd = testing::openStalledHandshake(hub.port());
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

namespace {

std::string largeBatch(std::int64_t seq) {  // ~100 KB: a body that must reserve from the budget
  wire::RatingBatch b{"hall-01-k1", "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
  for (int i = 0; i < 1'000; ++i)
    b.counts.push_back({"c-" + std::to_string(i), 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 1, 0});
  return wire::encodeBatch(b);
}

}  // namespace

TEST_CASE("large bodies need credentials: strangers cannot take the budget a kiosk's large batch needs") {
  HubProcess hub;
  setLimit(hub, "read_timeout_s", "10");
  hub.start();
  REQUIRE(hub.post("/api/v1/batches", batch(1), hub.token("kiosk")).status == 201);  // a kiosk the hub knows
  REQUIRE(largeBatch(2).size() > 64 * 1024);
  // Eight strangers start 8 MiB uploads to the console's import without a session (the whole
  // 64 MiB budget, had they been let in): each refused at its header, nothing reserved.
  const std::string anonymous =
      "POST /console/admin/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\n"
      "Content-Length: 8388608\r\n\r\n";
  std::vector<std::unique_ptr<testing::TlsConnection>> held;
  for (int i = 0; i < 8; ++i) {
    auto& c = held.emplace_back(std::make_unique<testing::TlsConnection>(hub.port(), hub.caFile()));
    c->send(anonymous + std::string(1024, 'x'));
    CHECK(c->receive(std::chrono::seconds(20), "\r\n\r\n").rfind("HTTP/1.1 401", 0) == 0);
  }
  // Eight more with a session cookie the hub never issued: they share an eighth of the budget, so
  // one holds 8 MiB and the rest are told to come back.
  const std::string forged =
      "POST /console/admin/import HTTP/1.1\r\nHost: localhost\r\nCookie: __Host-session=forged\r\n"
      "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 8388608\r\n\r\n";
  int busy = 0;
  for (int i = 0; i < 8; ++i) {
    auto& c = held.emplace_back(std::make_unique<testing::TlsConnection>(hub.port(), hub.caFile()));
    c->send(forged + std::string(1024, 'x'));
    busy += c->receive(std::chrono::seconds(2), "\r\n\r\n").rfind("HTTP/1.1 503", 0) == 0;
  }
  CHECK_MESSAGE(busy >= 7, hub.log().substr(hub.log().size() > 3000 ? hub.log().size() - 3000 : 0));
  // Meanwhile the kiosk's large batch gets its reservation from the budget strangers cannot touch.
  CHECK(hub.post("/api/v1/batches", largeBatch(2), hub.token("kiosk")).status == 201);
}

TEST_CASE("connections trickling in the body of a second request are shed for new ones and cut at the deadline") {
  HubProcess hub;
  setLimit(hub, "max_connections", "8");
  setLimit(hub, "read_timeout_s", "4");
  hub.start();
  // Eight connections, each answered once and then sending a second request's body a byte at a time.
  std::vector<std::unique_ptr<testing::TlsConnection>> slow;
  for (int i = 0; i < 8; ++i) {
    auto& c = slow.emplace_back(std::make_unique<testing::TlsConnection>(hub.port(), hub.caFile()));
    c->send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    REQUIRE(c->receive(std::chrono::seconds(20), "\"ok\"}").find("HTTP/1.1 200") == 0);
    c->send(
        "POST /api/v1/heartbeat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000\r\n\r\n{");
  }
  std::atomic<bool> stop{false};
  std::atomic<int> cut{0};
  const auto started = Clock::now();
  std::atomic<long long> lastCutMs{0};
  std::thread trickle([&] {
    const auto until = Clock::now() + std::chrono::seconds(30);  // stops by itself whatever happens
    std::vector<bool> closed(slow.size(), false);
    while (!stop && Clock::now() < until && cut < static_cast<int>(slow.size())) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (closed[i]) continue;
        if (slow[i]->send(" ") == 0 ||
            slow[i]->receive(std::chrono::milliseconds(1)).find("<closed>") != std::string::npos) {
          closed[i] = true;
          ++cut;
          lastCutMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the trickle's pace, not a wait
    }
  });
  // A kiosk still gets in: at the cap the hub sheds a connection that has been trickling for a while.
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  long status = 0;
  while (status != 201 && Clock::now() < deadline)
    status = hub.post("/api/v1/batches", batch(1), hub.token("kiosk")).status;
  CHECK(status == 201);
  CHECK(Clock::now() - started < std::chrono::seconds(15));  // long before the 30 s idle timeout
  trickle.join();
  stop = true;
  CHECK(cut == 8);  // every trickler was cut: shed, or at the read deadline from its header
  MESSAGE("the last trickling connection was cut after " << lastCutMs.load() << " ms (read deadline 4 s)");
  CHECK(lastCutMs < 12'000);
}

namespace {

// An in-process HTTPS server whose password-lane requests (POST /login) wait until released, so
// the lane's bounded queue can be filled exactly; everything else is answered on the I/O thread.
class GatedLogins final : public hub::RequestHandler {
 public:
  GatedLogins(const std::filesystem::path& tlsDir, std::size_t maxQueuedLogins)
      : tls_(hub::makeServerTlsContext((tlsDir / "server.pem").string(), (tlsDir / "server.key").string())),
        server_(io_, tls_, {boost::asio::ip::make_address("127.0.0.1"), 0}, *this, limits(maxQueuedLogins),
                [](const std::string&) {}) {
    server_.start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~GatedLogins() override {
    release();
    io_.stop();
    thread_.join();
  }
  int port() const { return server_.endpoint().port(); }
  Lane laneOf(const hub::Request& r) const override { return r.target == "/login" ? Lane::Password : Lane::Inline; }
  hub::Response handle(const hub::Request& r) override {
    if (r.target == "/login") {
      std::unique_lock lock(mutex_);
      ++checking_;
      changed_.wait(lock, [this] { return open_; });
    }
    return {200, "text/plain", "ok", {}};
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }

 private:
  static hub::ServerLimits limits(std::size_t maxQueuedLogins) {
    hub::ServerLimits l;
    l.maxQueuedLogins = maxQueuedLogins;
    return l;
  }
  boost::asio::io_context io_{1};
  boost::asio::ssl::context tls_;
  hub::HttpsServer server_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int checking_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("password checks beyond the password lane's queue get 503 with Retry-After, other requests go on") {
  HubProcess hub;  // for its TLS files only
  GatedLogins server(hub.dir() / "tls", 4);
  const std::string login = "POST /login HTTP/1.1\r\nHost: hub\r\nContent-Length: 0\r\n\r\n";
  std::vector<std::unique_ptr<testing::TlsConnection>> logins;
  for (int i = 0; i < 7; ++i) {
    logins.push_back(std::make_unique<testing::TlsConnection>(server.port(), hub.caFile()));
    REQUIRE(logins.back()->failure().empty());
    REQUIRE(logins.back()->send(login) == login.size());
  }
  // Four are queued or being checked (the check waits); the other three are told to come back.
  std::vector<std::string> answers(logins.size());
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  const auto count = [&](const std::string& status) {
    return std::count_if(answers.begin(), answers.end(),
                         [&](const std::string& a) { return a.rfind("HTTP/1.1 " + status, 0) == 0; });
  };
  while (count("503") < 3 && Clock::now() < deadline)
    for (std::size_t i = 0; i < logins.size(); ++i)
      if (answers[i].empty()) answers[i] = logins[i]->receive(std::chrono::milliseconds(50), "\r\n\r\n");
  CHECK(count("503") == 3);
  CHECK(count("200") == 0);
  for (const auto& a : answers)
    if (a.rfind("HTTP/1.1 503", 0) == 0) CHECK(a.find("Retry-After: 2") != std::string::npos);
  // The full password lane holds up nobody else.
  testing::TlsConnection other(server.port(), hub.caFile());
  other.send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n");
  CHECK(other.receive(std::chrono::seconds(30), "\r\n\r\n").rfind("HTTP/1.1 200", 0) == 0);
  // Released, the four queued checks are answered.
  server.release();
  for (std::size_t i = 0; i < logins.size(); ++i)
    if (answers[i].empty()) answers[i] = logins[i]->receive(std::chrono::seconds(30), "\r\n\r\n");
  CHECK(count("200") == 4);
  CHECK(count("503") == 3);
}
