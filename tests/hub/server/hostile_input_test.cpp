// What one stranger can send the real kiosk-hub over TLS on 127.0.0.1, and what it must survive:
// a connect followed by a reset, JSON nested 65,000 deep, numbers no double holds, bytes that are
// not ASCII in the request target. After each, the hub is still up and still counting.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using testing::HubProcess;

namespace {
// Connects and resets at once (SO_LINGER 0): the hub's accept sees a socket already dead.
void connectAndReset(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  linger reset{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  ::close(fd);
}

std::string status(const std::string& reply) { return reply.substr(0, reply.find("\r\n")); }
}  // namespace

TEST_CASE("connections reset right after connecting do not stop the hub") {
  HubProcess hub;
  hub.start();
  for (int i = 0; i < 50; ++i) connectAndReset(hub.port());
  CHECK(hub.get("/healthz").status == 200);
  CHECK(hub.running());
}

TEST_CASE("deeply nested JSON, huge numbers and non-ASCII targets get a named 400, and the hub stays up") {
  HubProcess hub;
  hub.start();
  const std::string deep = R"({"app_version":"x","list_version":1,"queued_batches":0,"disk_free_bytes":5,"x":)" +
                           std::string(65'000, '[') + std::string(65'000, ']') + "}";
  auto r = hub.post("/api/v1/heartbeat", deep, hub.token("kiosk"));
  CHECK(r.status == 400);
  CHECK(r.body.find("nests deeper than") != std::string::npos);

  wire::RatingBatch b{"hall-01-k1", "epoch-1", 1, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 3, 0});
  std::string overflow = wire::encodeBatch(b);
  overflow.replace(overflow.find("\"n\":3"), 5, "\"n\":1e400");
  r = hub.post("/api/v1/batches", overflow, hub.token("kiosk"));
  CHECK(r.status == 400);
  CHECK(r.body.find("out of range") != std::string::npos);

  for (const std::string target : {"/api/v1/tallies?hall=\xff\xfe", "/healthz\x80", "/api/v1/\xe4\xb8"}) {
    const std::string reply = testing::rawTlsExchange(
        hub.port(), hub.caFile(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n", std::chrono::seconds(5));
    CHECK_MESSAGE(status(reply) == "HTTP/1.1 400 Bad Request", reply);
  }

  // And it still counts votes.
  r = hub.post("/api/v1/batches", wire::encodeBatch(b), hub.token("kiosk"));
  CHECK(r.status == 201);
  CHECK(hub.get("/healthz").status == 200);
}

TEST_CASE("an id that could become a spreadsheet formula is refused at the wire") {
  HubProcess hub;
  hub.start();
  wire::RatingBatch b{"hall-01-k1", "epoch-1", 1, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"=HYPERLINK(\"http://x\")", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 3, 0});
  const auto r = hub.post("/api/v1/batches", wire::encodeBatch(b), hub.token("kiosk"));
  CHECK(r.status == 400);
  CHECK(r.body.find("counts[0].commitment_id") != std::string::npos);
  const auto csv = hub.get("/api/v1/tallies?format=csv", hub.token("admin"));
  CHECK(csv.body.find("HYPERLINK") == std::string::npos);
}
