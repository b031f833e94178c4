// The real kiosk-hub process over real TLS on 127.0.0.1, certificates made at test time:
// idempotent ingest over HTTPS, hostile requests (huge body, huge header, endless chunked body)
// answered or cut off while other clients are still served, and durability across SIGKILL.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <csignal>
#include <thread>

#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using nlohmann::json;
using testing::HubProcess;

namespace {

using testing::goodBatch;

std::int64_t goodVotes(const HubProcess& hub) {
  const auto r = hub.get("/api/v1/tallies", hub.token("admin"));
  REQUIRE(r.status == 200);
  const json doc = json::parse(r.body);  // named: a range-for over a temporary's member dangles
  std::int64_t n = 0;
  // The batches hold only 好 votes, so the totals count them: a row under the privacy floor gives
  // its total and withholds the ratings.
  for (const auto& row : doc["rows"]) n += row["total"].get<std::int64_t>();
  return n;
}

// Shortens the hub's read timeout so the stalled-client tests end quickly.
void setReadTimeout(const HubProcess& hub, int seconds) {
  const auto file = hub.dir() / "hub.toml";
  std::string toml = testing::readFile(file);
  const auto at = toml.find("read_timeout_s = ");
  REQUIRE(at != std::string::npos);
  toml.replace(at, toml.find('\n', at) - at, "read_timeout_s = " + std::to_string(seconds));
  testing::writeFile(file, toml);
}

}  // namespace

TEST_CASE("over HTTPS a batch posted 100 times counts once, a changed body is a conflict") {
  HubProcess hub;
  hub.start();
  CHECK(hub.get("/healthz").status == 200);
  const std::string body = goodBatch(1, 7);
  CHECK(hub.post("/api/v1/batches", body, hub.token("kiosk")).status == 201);
  for (int i = 0; i < 99; ++i) REQUIRE(hub.post("/api/v1/batches", body, hub.token("kiosk")).status == 200);
  CHECK(goodVotes(hub) == 7);
  CHECK(hub.post("/api/v1/batches", goodBatch(1, 8), hub.token("kiosk")).status == 409);
  CHECK(goodVotes(hub) == 7);
  CHECK(hub.log().find("event=request method=POST path=/api/v1/batches status=201") != std::string::npos);
}

TEST_CASE("hostile requests are refused or cut off and the hub keeps serving others") {
  HubProcess hub;
  setReadTimeout(hub, 2);
  hub.start();

  // A 10 MB body announced up front: refused before it is read.
  const std::string head = "POST /api/v1/batches HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                           hub.token("kiosk") + "\r\nContent-Type: application/json\r\n";
  auto reply = testing::rawTlsExchange(hub.port(), hub.caFile(),
                                       head + "Content-Length: 10485760\r\n\r\n" + std::string(65536, 'x'),
                                       std::chrono::seconds(5));
  CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);

  // The console's upload path takes more than 1 MiB (a USB export), but not 10 MB either; the
  // ordinary limit still holds everywhere else.
  const std::string upload =
      "POST /console/admin/import HTTP/1.1\r\nHost: localhost\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\n";
  reply = testing::rawTlsExchange(hub.port(), hub.caFile(), upload + "Content-Length: 10485760\r\n\r\n" + "x",
                                  std::chrono::seconds(5));
  CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);
  reply = testing::rawTlsExchange(hub.port(), hub.caFile(),
                                  upload + "Content-Length: 2097152\r\n\r\n" + std::string(2097152, 'u'),
                                  std::chrono::seconds(5));
  // No session and no token: refused at its header, before any of its body is held (an anonymous
  // request never reserves more than a small body).
  CHECK_MESSAGE(reply.rfind("HTTP/1.1 401", 0) == 0, reply.substr(0, 600));
  reply = testing::rawTlsExchange(hub.port(), hub.caFile(),
                                  "POST /console/admin/users HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                                  "2097152\r\n\r\n" +
                                      std::string(65536, 'u'),
                                  std::chrono::seconds(5));
  CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);

  // The same amount streamed as chunks: cut off at the limit.
  std::string chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) chunked += "10000\r\n" + std::string(0x10000, 'y') + "\r\n";
  reply = testing::rawTlsExchange(hub.port(), hub.caFile(), chunked, std::chrono::seconds(5));
  CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);

  // A 100 KB header line.
  reply = testing::rawTlsExchange(
      hub.port(), hub.caFile(),
      "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + std::string(100 * 1024, 'z') + "\r\n\r\n",
      std::chrono::seconds(5));
  CHECK((reply.rfind("HTTP/1.1 431", 0) == 0 || reply.rfind("HTTP/1.1 400", 0) == 0));

  // A compressed body is refused rather than inflated.
  reply = testing::rawTlsExchange(hub.port(), hub.caFile(),
                                  head + "Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd",
                                  std::chrono::seconds(5));
  CHECK(reply.rfind("HTTP/1.1 415", 0) == 0);

  // An unterminated chunked body: the hub closes it after its read timeout, and while that
  // connection hangs, other clients are served.
  std::string stalled;
  std::thread slow([&] {
    stalled = testing::rawTlsExchange(hub.port(), hub.caFile(), head + "Transfer-Encoding: chunked\r\n\r\n5\r\nab",
                                      std::chrono::seconds(8));
  });
  for (int i = 0; i < 5; ++i) CHECK(hub.get("/healthz").status == 200);
  CHECK(hub.post("/api/v1/batches", goodBatch(1, 1), hub.token("kiosk")).status == 201);
  slow.join();
  CHECK(stalled.find("<closed>") != std::string::npos);
  CHECK(stalled.find("201") == std::string::npos);
  // The hub logs the timeout as it closes: the client may see the close first. Poll, bounded.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (hub.log().find("event=timeout") == std::string::npos && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // between polls, not the wait itself
  CHECK(hub.log().find("event=timeout") != std::string::npos);
  CHECK(goodVotes(hub) == 1);
}

TEST_CASE("a hub killed with SIGKILL keeps every batch it acknowledged") {
  HubProcess hub;
  hub.start();
  for (int seq = 1; seq <= 20; ++seq)
    REQUIRE(hub.post("/api/v1/batches", goodBatch(seq, 2), hub.token("kiosk")).status == 201);
  hub.stop(SIGKILL);
  hub.start();
  CHECK(goodVotes(hub) == 40);
  CHECK(hub.post("/api/v1/batches", goodBatch(20, 2), hub.token("kiosk")).status == 200);  // still known: duplicate
  hub.stop(SIGTERM);
  CHECK(hub.log().find("event=stopped") != std::string::npos);
}

TEST_CASE("kiosk-hub refuses bad commands with a clear message") {
  HubProcess hub;
  const std::string bin = testing::hubBinary(), d = hub.dir().string();
  CHECK(testing::run(bin + " init --dir " + d + " --deployment x 2>&1").status == 2);  // never overwrites
  CHECK(testing::run(bin + " token create --dir " + d + " --role kiosk --hall hall-01 2>&1").out.find("--kiosk-id") !=
        std::string::npos);
  CHECK(testing::run(bin + " token create --dir " + d + " --role root 2>&1").status == 2);
  testing::writeFile(hub.dir() / "not-a-key.pem", "hello");
  const auto bad = testing::run(bin + " key add --dir " + d + " --key-id k " + d + "/not-a-key.pem 2>&1");
  CHECK(bad.status == 1);
  CHECK(bad.out.find("public key") != std::string::npos);
  CHECK(testing::run(bin + " serve --dir " + d + " --listen nowhere 2>&1").out.find("listen") != std::string::npos);
  // Tokens are stored only as hashes.
  const auto dump = testing::run("sqlite3 " + d + "/hub.db 'SELECT hash FROM token'").out;
  CHECK(dump.find(hub.token("admin")) == std::string::npos);
}

TEST_CASE("a revoked token gets 401 at once, revoking asks for exactly one token or kiosk") {
  HubProcess hub;
  hub.start();
  const std::string bin = testing::hubBinary(), d = hub.dir().string();
  CHECK(hub.post("/api/v1/batches", goodBatch(1, 1), hub.token("kiosk")).status == 201);
  testing::writeFile(hub.dir() / "kiosk.token", hub.token("kiosk") + "\n");
  CHECK(testing::run(bin + " token revoke --dir " + d + " --token-file " + d + "/kiosk.token 2>&1").status == 0);
  CHECK(hub.post("/api/v1/batches", goodBatch(2, 1), hub.token("kiosk")).status == 401);
  CHECK(hub.get("/api/v1/kiosks", hub.token("staff")).status == 200);  // other tokens unaffected
  // Again: nothing left to revoke is a usage error with a message, not a silent success.
  const auto again = testing::run(bin + " token revoke --dir " + d + " --token-file " + d + "/kiosk.token 2>&1");
  CHECK(again.status == 2);
  CHECK(again.out.find("no such token") != std::string::npos);
  CHECK(testing::run(bin + " token revoke --dir " + d + " --kiosk-id hall-02-k1 2>&1").status == 0);
  CHECK(hub.get("/api/v1/lists/current", hub.token("kiosk2")).status == 401);
  CHECK(testing::run(bin + " token revoke --dir " + d + " 2>&1").out.find("exactly one") != std::string::npos);
}

TEST_CASE("TLS 1.2 offers AEAD suites only: a client that knows only CBC is refused") {
  HubProcess hub;
  hub.start();
  const auto handshake = [&](const std::string& cipher) {
    return testing::run("openssl s_client -connect 127.0.0.1:" + std::to_string(hub.port()) + " -CAfile " +
                        hub.caFile().string() + " -tls1_2 -cipher " + cipher + " </dev/null >/dev/null 2>&1")
        .status;
  };
  CHECK(handshake("ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384") !=
        0);
  CHECK(handshake("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256") == 0);
}

TEST_CASE("each answer has one Cache-Control: no-store, or the handler's own for static files") {
  HubProcess hub;
  hub.start();
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  const auto css = testing::rawTlsExchange(hub.port(), hub.caFile(),
                                           "GET /console/static/console.css HTTP/1.1\r\nHost: hub\r\n"
                                           "Connection: close\r\n\r\n",
                                           std::chrono::seconds(30));
  CHECK(css.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(count(css, "Cache-Control:") == 1);
  CHECK(css.find("Cache-Control: no-cache") != std::string::npos);  // unversioned: checked each time (ETag)
  CHECK(css.find("ETag: \"") != std::string::npos);
  const auto page = testing::rawTlsExchange(hub.port(), hub.caFile(),
                                            "GET /console/login HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n",
                                            std::chrono::seconds(30));
  CHECK(count(page, "Cache-Control:") == 1);
  CHECK(page.find("Cache-Control: no-store") != std::string::npos);
}
