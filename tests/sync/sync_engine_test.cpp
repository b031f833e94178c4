// The kiosk's sync client against the real kiosk-hub over real TLS on 127.0.0.1 (certificates
// made at test time): everything arrives exactly once whatever fails in between, TLS problems
// are refused before any batch byte leaves, and a stalled hub neither hangs sync nor the UI.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <thread>

#include "hub/server/dev_certificates.hpp"
#include "hub_process.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/link/store_outbox.hpp"
#include "kiosk/store/batch_queue.hpp"
#include "kiosk_transport.hpp"
#include "sync/curl_transport.hpp"
#include "sync/failover_transport.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_worker.hpp"
#include "test_png.hpp"
#include "wire/crypto.hpp"
#include "wire/heartbeat.hpp"
#include "wire/kiosk_command.hpp"
#include "wire/kiosk_screenshot.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/rating_batch.hpp"
#include "wire/results_board.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using nlohmann::json;
using testing::HubProcess;

namespace {

struct Kiosk {
  testing::TempDir dir;
  std::shared_ptr<store::VoteStore> store = std::make_shared<store::VoteStore>(dir / "kiosk.db");
  ManualClock clock;
  std::vector<std::int64_t> appliedVersions;

  sync::SyncSettings settings() const {
    sync::SyncSettings s;
    s.kioskId = "hall-01-k1";
    s.deployment = "zibo-zhangdian";
    s.hall = "hall-01";
    s.appVersion = "test";
    s.dataDir = dir.path();
    s.batchInterval = 5min;
    return s;
  }
  std::unique_ptr<sync::SyncEngine> engine(sync::HttpTransport& t, sync::SyncSettings s) {
    auto outbox = link::outboxOver([this] { return store; }, s.kioskId);
    return std::make_unique<sync::SyncEngine>(
        std::move(s), t, std::move(outbox), clock,
        [this](const wire::CommitmentList& l, const std::string&) { appliedVersions.push_back(l.version); },
        [] { return 0.5; });
  }
  // An engine over `t` that has run its first round on an hour of two votes, frozen into batch 1.
  std::unique_ptr<sync::SyncEngine> afterFirstBatch(sync::HttpTransport& t) {
    auto e = engine(t, settings());
    vote(1, 2);
    clock.advance(6min);
    e->runOnce();
    return e;
  }
  // Votes spread over `hours` hours of (fake) time.
  std::int64_t vote(int hours, int perHour) {
    std::int64_t n = 0;
    for (int h = 0; h < hours; ++h) {
      for (int i = 0; i < perHour; ++i, ++n)
        store->record({"c-000" + std::to_string(1 + i % 5), 1, bucketLabel(clock.wallNow(), 60min),
                       i % 3 == 0 ? Rating::Poor : Rating::Good, std::nullopt, true});
      clock.advance(1h);
    }
    return n;
  }
  std::int64_t localTotal() {
    std::int64_t n = 0;
    for (const auto& row : store->localTally()) n += row.n;
    return n;
  }
};

using testing::kioskTransportTo;

std::int64_t requestsLogged(const HubProcess& hub, const std::string& path) {
  const std::string log = hub.log(), needle = "path=" + path + " ";
  std::int64_t n = 0;
  for (auto pos = log.find(needle); pos != std::string::npos; pos = log.find(needle, pos + 1)) ++n;
  return n;
}

// An administrator's command to hall-01-k1, queued on the hub; its id.
std::string queueCommand(HubProcess& hub, const std::string& kind) {
  const auto r =
      hub.post("/api/v1/kiosks/command", R"({"kiosk_id":"hall-01-k1","kind":")" + kind + "\"}", hub.token("admin"));
  REQUIRE(r.status == 201);
  return json::parse(r.body)["id"].get<std::string>();
}

// Passes requests to the real transport but can lose the answer, as a kiosk killed mid-upload would.
struct LossyTransport final : sync::HttpTransport {
  sync::HttpTransport& real;
  int loseNext = 0;
  explicit LossyTransport(sync::HttpTransport& r) : real(r) {}
  sync::HttpResponse send(const sync::HttpRequest& req) override {
    sync::HttpResponse res = real.send(req);
    if (loseNext > 0 && req.path == "/api/v1/batches") {
      --loseNext;
      return {0, "", "", std::nullopt, sync::Failure::Timeout, "answer lost"};
    }
    return res;
  }
};

// Runs rounds until the queue is empty (bounded).
void drain(sync::SyncEngine& engine, Kiosk& k) {
  for (int i = 0; i < 50; ++i) {
    engine.runOnce();
    const auto s = engine.status();
    if (s.lastError.empty() && s.queuedBatches == 0 && s.openVotes == 0) return;
    k.clock.advance(6min);
  }
  FAIL("sync did not drain: " << engine.status().lastError);
}

// A TCP listener on 127.0.0.1 at a free port, for hub stand-ins that misbehave on purpose.
std::pair<int, int> listenOnLoopback() {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(listener, 4) == 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  return {listener, ntohs(addr.sin_port)};
}

}  // namespace

TEST_CASE("a kiosk offline for hours delivers everything exactly once when the hub returns") {
  HubProcess hub;
  hub.start();
  const int port = hub.port();
  hub.stop();  // the hub is down; its port is known
  Kiosk k;
  sync::TransportSettings ts = kioskTransportTo(hub, hub.token("kiosk"));
  ts.baseUrl = "https://127.0.0.1:" + std::to_string(port);
  sync::CurlTransport transport(ts);
  auto engine = k.engine(transport, k.settings());

  const std::int64_t votes = k.vote(8, 30);
  std::vector<Millis> delays;
  for (int i = 0; i < 4; ++i) {
    k.clock.advance(6min);
    delays.push_back(engine->runOnce());
    CHECK(engine->status().lastError.find("cannot reach the hub") != std::string::npos);
    CHECK(engine->status().problem == "unreachable");
  }
  CHECK(delays[1] > delays[0]);  // backing off (jitter fixed at 0.5 here)
  CHECK(delays[3] > delays[2]);
  CHECK(engine->status().queuedBatches >= 1);

  hub.start("127.0.0.1:" + std::to_string(port));
  drain(*engine, k);
  CHECK(hub.totalVotes() == votes);
  CHECK(k.localTotal() == votes);
  // More rounds change nothing.
  engine->runOnce();
  CHECK(hub.totalVotes() == votes);
}

TEST_CASE("with several hub URLs a dead first hub is passed over and every vote arrives once") {
  HubProcess hub;
  hub.start();
  HubProcess gone;  // a hub that was there and is not: its port refuses connections
  gone.start();
  const int deadPort = gone.port();
  gone.stop();
  Kiosk k;
  std::vector<std::unique_ptr<sync::HttpTransport>> hubs;
  auto dead = kioskTransportTo(hub, hub.token("kiosk"));
  dead.baseUrl = "https://127.0.0.1:" + std::to_string(deadPort);
  hubs.push_back(std::make_unique<sync::CurlTransport>(dead));
  hubs.push_back(std::make_unique<sync::CurlTransport>(kioskTransportTo(hub, hub.token("kiosk"))));
  sync::FailoverTransport transport(std::move(hubs));
  auto engine = k.engine(transport, k.settings());

  const std::int64_t votes = k.vote(6, 20);
  drain(*engine, k);
  CHECK(engine->status().problem.empty());  // the dead hub is not a problem while another answers
  CHECK(hub.totalVotes() == votes);
  CHECK(transport.current() == 1);
}

TEST_CASE("hub killed with SIGKILL during uploads, and answers lost on the way back: totals still match") {
  HubProcess hub;
  hub.start();
  const int port = hub.port();
  Kiosk k;
  sync::CurlTransport real(kioskTransportTo(hub, hub.token("kiosk")));
  LossyTransport transport(real);
  auto settings = k.settings();
  settings.batchVotes = 10;
  auto engine = k.engine(transport, settings);

  std::int64_t votes = 0;
  for (int round = 0; round < 6; ++round) {
    votes += k.vote(1, 25);
    if (round % 2 == 1) transport.loseNext = 1;  // the hub commits, the kiosk never hears
    if (round == 3) hub.stop(SIGKILL);           // the hub dies between rounds ...
    engine->runOnce();
    if (round == 3) hub.start("127.0.0.1:" + std::to_string(port));  // ... and comes back
    k.clock.advance(6min);
  }
  drain(*engine, k);
  CHECK(hub.totalVotes() == votes);
  CHECK(k.localTotal() == votes);
  CHECK(hub.log().find("status=200") != std::string::npos);  // a lost answer was re-sent as a duplicate
}

TEST_CASE("a valid signed list from the hub is applied, the same list is not offered twice") {
  HubProcess hub;
  hub.start();
  const auto admin = wire::Ed25519PrivateKey::generate();
  testing::writeFile(hub.dir() / "admin.pub", admin.publicKey().toPem());
  REQUIRE(testing::run(testing::hubBinary() + " key add --dir " + hub.dir().string() + " --key-id admin-2026 " +
                       (hub.dir() / "admin.pub").string() + " 2>&1")
              .status == 0);
  json list = json::parse(testing::readFile(testing::sourceRoot() / "config/demo/commitments.json"));
  list["version"] = 5;
  REQUIRE(hub.post("/api/v1/lists", wire::signList(list.dump(), "admin-2026", admin), hub.token("admin")).status ==
          201);

  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  settings.trustedKeys.emplace("admin-2026", admin.publicKey());
  settings.shownListVersion = 1;
  auto engine = k.engine(transport, settings);
  engine->runOnce();
  REQUIRE(k.appliedVersions == std::vector<std::int64_t>{5});
  CHECK(engine->status().listVersion == 5);
  k.clock.advance(2min);
  engine->runOnce();  // 304 Not Modified
  CHECK(k.appliedVersions.size() == 1);
  CHECK(engine->status().lastListRejection.empty());
}

TEST_CASE("signed settings reach the kiosk once each: the hall's and its own, newer only, a forged one refused") {
  HubProcess hub;
  hub.start();
  const auto admin = wire::Ed25519PrivateKey::generate();
  const auto retired = wire::Ed25519PrivateKey::generate();  // the hub trusts it still, this kiosk no longer
  for (const auto& [id, key] : {std::pair{"admin-2026", &admin}, std::pair{"admin-2019", &retired}}) {
    testing::writeFile(hub.dir() / "k.pub", key->publicKey().toPem());
    REQUIRE(testing::run(testing::hubBinary() + " key add --dir " + hub.dir().string() + " --key-id " + id + " " +
                         (hub.dir() / "k.pub").string() + " 2>&1")
                .status == 0);
  }
  const auto publish = [&](std::int64_t version, const std::string& kiosk, const wire::Ed25519PrivateKey& key,
                           const std::string& keyId) {
    wire::KioskSettings s{"zibo-zhangdian", "hall-01", kiosk, version, {{"timing.idle_timeout_s", 30 + version}}};
    return hub
        .post("/api/v1/settings", wire::signSettings(wire::encodeKioskSettings(s), keyId, key), hub.token("admin"))
        .status;
  };
  REQUIRE(publish(2, "", admin, "admin-2026") == 201);
  REQUIRE(publish(1, "hall-01-k1", admin, "admin-2026") == 201);

  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  settings.trustedKeys.emplace("admin-2026", admin.publicKey());
  std::vector<std::string> offered;
  settings.settings = [&offered](const wire::KioskSettings& s, const std::string& envelope) {
    CHECK_FALSE(envelope.empty());
    offered.push_back((s.kiosk.empty() ? "hall v" : "kiosk v") + std::to_string(s.version));
  };
  std::atomic<std::int64_t> appliedHall{0};
  settings.health = [&appliedHall] {
    sync::KioskHealth h;
    h.hallSettingsVersion = appliedHall.load();
    h.kioskSettingsVersion = 0;
    return h;
  };
  auto engine = k.engine(transport, settings);
  engine->runOnce();
  CHECK(offered == std::vector<std::string>{"hall v2", "kiosk v1"});
  CHECK(engine->status().lastSettingsRejection.empty());
  k.clock.advance(2min);
  engine->runOnce();  // 304: nothing offered again
  CHECK(offered.size() == 2);

  // Signed by a key the hub trusts and this kiosk does not: refused by the kiosk, named.
  REQUIRE(publish(3, "", retired, "admin-2019") == 201);
  k.clock.advance(2min);
  engine->runOnce();
  CHECK(offered.size() == 2);
  CHECK(engine->status().lastSettingsRejection.find("key_id") != std::string::npos);

  // The applied versions travel in the heartbeat to the fleet view.
  appliedHall = 2;
  k.clock.advance(2min);
  engine->runOnce();
  const auto fleet = json::parse(hub.get("/api/v1/kiosks", hub.token("admin")).body);
  CHECK(fleet.dump().find("\"settings_hall\":2") != std::string::npos);
}

TEST_CASE("commands from the hub: 立即同步 carried out by the engine, a restart handed over once, both acknowledged") {
  HubProcess hub;
  hub.start();
  const std::string sync = queueCommand(hub, "sync"), restart = queueCommand(hub, "restart");
  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  std::vector<std::pair<std::string, Millis>> restarts;
  settings.commands = [&restarts](const wire::KioskCommand& c, Millis validFor) {
    restarts.emplace_back(c.id, validFor);
  };
  auto engine = k.engine(transport, settings);
  const Millis next = engine->runOnce();
  REQUIRE(restarts.size() == 1);
  CHECK(restarts[0].first == restart);
  CHECK(restarts[0].second > 25min);  // 30 minutes from the hub's clock, counted on the kiosk's steady one
  CHECK(next <= 100ms);               // 立即同步: the next round at once
  // The restart is not acknowledged yet: handed over again, but not carried out twice.
  k.clock.advance(1s);
  engine->runOnce();
  CHECK(restarts.size() == 1);
  engine->acknowledge({restart, "done"});
  k.clock.advance(1s);
  engine->runOnce();
  // Both acknowledged: the hub hands nothing more over.
  wire::Heartbeat hb{"t", 1, 0, 0, 0, "", 1, ""};
  const auto answer = hub.post("/api/v1/heartbeat", wire::encodeHeartbeat(hb), hub.token("kiosk"));
  REQUIRE(answer.status == 200);
  CHECK(wire::parseHeartbeatAnswer(answer.body).commands.empty());
  CHECK(hub.log().find("path=/api/v1/heartbeat") != std::string::npos);
  CHECK(sync != restart);
}

TEST_CASE("截屏: handed over once, the frame made on the sync thread, stored by the hub once, and acknowledged") {
  HubProcess hub;
  hub.start();
  const std::string id = queueCommand(hub, "screenshot");
  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  std::vector<std::string> asked, journal;
  settings.commands = [&asked](const wire::KioskCommand& c, Millis) { asked.push_back(c.id); };
  settings.journal = [&journal](const std::string& line) { journal.push_back(line); };
  auto engine = k.engine(transport, settings);
  engine->runOnce();
  REQUIRE(asked == std::vector<std::string>{id});
  // The UI thread hands over a job; the engine makes the PNG and posts it in its next round.
  int made = 0;
  const auto shot = [&made, id](const std::string& png) {
    return [&made, id, png]() -> std::optional<wire::ScreenshotUpload> {
      ++made;
      if (png.empty()) return std::nullopt;
      return wire::ScreenshotUpload{id, "attract", 96, 54, png};
    };
  };
  engine->postScreenshot(id, shot(test_png::flat(96, 54)));
  CHECK(made == 0);  // not on the caller's thread
  k.clock.advance(1s);
  engine->runOnce();
  CHECK(made == 1);
  CHECK(requestsLogged(hub, "/api/v1/kiosks/screenshot") == 1);
  CHECK(hub.log().find("path=/api/v1/kiosks/screenshot status=201") != std::string::npos);
  CHECK(std::find(journal.begin(), journal.end(),
                  "screenshot-sent id=" + id + " bytes=" + std::to_string(test_png::flat(96, 54).size())) !=
        journal.end());
  // Acknowledged "done" in the same round's heartbeat: the hub hands nothing more over, and takes
  // no second screenshot for that command (nobody asked for it).
  wire::Heartbeat hb{"t", 1, 0, 0, 0, "", 1, ""};
  CHECK(wire::parseHeartbeatAnswer(hub.post("/api/v1/heartbeat", wire::encodeHeartbeat(hb), hub.token("kiosk")).body)
            .commands.empty());
  engine->postScreenshot(id, shot(test_png::flat(96, 54)));
  k.clock.advance(1s);
  engine->runOnce();
  CHECK(std::find(journal.begin(), journal.end(), "screenshot-refused id=" + id + " status=409") != journal.end());
  // A frame that cannot be made into a PNG is acknowledged as refused, and nothing is posted.
  engine->postScreenshot("cmd-999", shot(""));
  k.clock.advance(1s);
  engine->runOnce();
  CHECK(requestsLogged(hub, "/api/v1/kiosks/screenshot") == 2);
  CHECK(std::any_of(journal.begin(), journal.end(),
                    [](const std::string& line) { return line.find("screenshot-refused id=cmd-999 reason=") == 0; }));
}

TEST_CASE("a restart's acknowledgement kept across the restart is sent first, and that command never runs again") {
  HubProcess hub;
  hub.start();
  const std::string id = queueCommand(hub, "restart");
  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  settings.acksAtStart = {{id, "done"}};  // as app::loadRestartAcks gives it after the restart
  int restarts = 0;
  settings.commands = [&restarts](const wire::KioskCommand&, Millis) { ++restarts; };
  auto engine = k.engine(transport, settings);
  engine->runOnce();
  CHECK(restarts == 0);
  wire::Heartbeat hb{"t", 1, 0, 0, 0, "", 1, ""};
  CHECK(wire::parseHeartbeatAnswer(hub.post("/api/v1/heartbeat", wire::encodeHeartbeat(hb), hub.token("kiosk")).body)
            .commands.empty());
}

TEST_CASE("results come with the list: only commitments over the minimum, and none once the hub switches them off") {
  HubProcess hub;
  hub.start();
  const int port = hub.port();
  Kiosk k;
  // The hub's window is counted back from its own (real) today, so the votes are filed today.
  const std::string bucket = bucketLabel(common::SystemClock().wallNow(), 60min);
  for (int i = 0; i < 35; ++i)
    k.store->record({"c-0001", 1, bucket, i < 28 ? Rating::Good : Rating::Poor, std::nullopt, true});
  for (int i = 0; i < 29; ++i) k.store->record({"c-0002", 1, bucket, Rating::Good, std::nullopt, true});
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  std::vector<wire::ResultsBoard> boards;
  settings.results = [&boards](const wire::ResultsBoard& b) { boards.push_back(b); };
  auto engine = k.engine(transport, settings);
  drain(*engine, k);
  k.clock.advance(2min);
  engine->runOnce();
  REQUIRE_FALSE(boards.empty());
  const wire::ResultsBoard shown = boards.back();
  CHECK(shown.hall == "hall-01");
  CHECK(shown.windowDays() == 90);
  REQUIRE(shown.results.size() == 1);  // c-0002's 29 votes never reach the kiosk
  REQUIRE(shown.find("c-0001") != nullptr);
  CHECK(shown.find("c-0001")->total == 35);
  CHECK(shown.find("c-0001")->satisfaction == doctest::Approx(0.8));
  CHECK(shown.find("c-0002") == nullptr);

  const std::size_t seen = boards.size();
  k.clock.advance(2min);
  engine->runOnce();
  CHECK(boards.size() == seen);  // unchanged: 304, nothing handed on
  CHECK(hub.log().find("path=/api/v1/results status=304") != std::string::npos);

  hub.stop();
  std::string toml = testing::readFile(hub.dir() / "hub.toml");
  const auto at = toml.find("enabled = true", toml.find("[results]"));
  REQUIRE(at != std::string::npos);
  toml.replace(at, 14, "enabled = false");
  testing::writeFile(hub.dir() / "hub.toml", toml);
  hub.start("127.0.0.1:" + std::to_string(port));
  k.clock.advance(2min);
  engine->runOnce();
  REQUIRE(boards.size() == seen + 1);
  CHECK(boards.back().results.empty());  // switched off: the kiosk stops showing what it had
  k.clock.advance(2min);
  engine->runOnce();
  CHECK(boards.size() == seen + 1);  // said once
  CHECK(engine->status().lastError.empty());
}

TEST_CASE("results for another hall, or broken ones, are refused and the shown ones stay") {
  struct ResultsServer final : sync::HttpTransport {
    std::string body;
    int etag = 0;
    sync::HttpResponse send(const sync::HttpRequest& r) override {
      if (r.path == "/api/v1/results") return {200, body, "\"" + std::to_string(++etag) + "\"", {}, {}, ""};
      if (r.path == "/api/v1/lists/current") return {404, "", "", {}, {}, ""};
      return {200, "{}", "", {}, {}, ""};
    }
  } server;
  Kiosk k;
  auto settings = k.settings();
  settings.resultsMinimum = 40;
  std::vector<wire::ResultsBoard> boards;
  settings.results = [&boards](const wire::ResultsBoard& b) { boards.push_back(b); };
  auto engine = k.engine(server, settings);
  const auto board = [](const std::string& hall, std::int64_t total) {
    return wire::encodeResults(
        {hall, "2026-08-29", "2026-11-26", {{"c-0001", total, 0.9, "2026-08-29", "2026-11-26", ""}}});
  };
  const std::vector<std::pair<std::string, std::string>> refused{
      {board("hall-02", 100), "for hall hall-02"},
      {"{\"hall\":", "not valid JSON"},
      {R"({"hall":"hall-01","from":"2026-08-29","to":"2026-11-26","results":[{"id":"c-1","total":50,"satisfaction":7}]})",
       "satisfaction"},
  };
  for (const auto& [body, reason] : refused) {
    CAPTURE(reason);
    server.body = body;
    k.clock.advance(2min);
    engine->runOnce();
    CHECK(boards.empty());
    CHECK(engine->status().lastResultsRejection.find(reason) != std::string::npos);
  }
  server.body = board("hall-01", 39);  // the hub's minimum is lower than this kiosk's floor
  k.clock.advance(2min);
  engine->runOnce();
  REQUIRE(boards.size() == 1);
  CHECK(boards.back().results.empty());
  CHECK(engine->status().lastResultsRejection.empty());
  server.body = board("hall-01", 40);
  k.clock.advance(2min);
  engine->runOnce();
  REQUIRE(boards.size() == 2);
  CHECK(boards.back().results.size() == 1);
}

TEST_CASE("TLS problems are refused before any batch byte is sent, and not retried in a hot loop") {
  struct Case {
    const char* name;
    std::function<void(HubProcess&, sync::TransportSettings&)> setup;
  };
  const std::vector<Case> cases{
      {"unknown CA",
       [](HubProcess& hub, sync::TransportSettings& t) {
         const auto other = hub::makeCertificateAuthority("someone else");
         testing::writeFile(hub.dir() / "other-ca.pem", other.certificatePem);
         t.caFile = (hub.dir() / "other-ca.pem").string();
       }},
      {"wrong host name",
       [](HubProcess& hub, sync::TransportSettings&) {
         hub::KeyAndCertificate ca{testing::readFile(hub.dir() / "tls/ca.key"), testing::readFile(hub.caFile())};
         const auto cert = hub::makeServerCertificate(ca, {"hub.elsewhere", {"hub.elsewhere"}, {}, 0, 30});
         testing::writeFile(hub.dir() / "tls/server.pem", cert.certificatePem);
         testing::writeFile(hub.dir() / "tls/server.key", cert.keyPem);
       }},
      {"expired certificate",
       [](HubProcess& hub, sync::TransportSettings&) {
         hub::KeyAndCertificate ca{testing::readFile(hub.dir() / "tls/ca.key"), testing::readFile(hub.caFile())};
         hub::ServerCertificateSpec spec;
         spec.validFromDays = -30;
         spec.validToDays = -1;
         const auto cert = hub::makeServerCertificate(ca, spec);
         testing::writeFile(hub.dir() / "tls/server.pem", cert.certificatePem);
         testing::writeFile(hub.dir() / "tls/server.key", cert.keyPem);
       }},
      {"wrong pin",
       [](HubProcess&, sync::TransportSettings& t) {
         t.pinnedPublicKeys = "sha256//" + wire::base64Encode(std::string(32, 'p'));
       }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    HubProcess hub;
    sync::TransportSettings ts;
    c.setup(hub, ts);
    hub.start();
    auto base = kioskTransportTo(hub, hub.token("kiosk"));
    if (!ts.caFile.empty()) base.caFile = ts.caFile;
    base.pinnedPublicKeys = ts.pinnedPublicKeys;
    Kiosk k;
    sync::CurlTransport transport(base);
    auto engine = k.engine(transport, k.settings());
    k.vote(1, 3);
    k.clock.advance(6min);
    const Millis delay = engine->runOnce();
    CHECK(engine->status().lastError.find("TLS refused") != std::string::npos);
    CHECK(engine->status().problem == "tls");
    CHECK(delay >= 15min);  // a configuration problem: wait the full cap, do not hammer
    CHECK(engine->status().queuedBatches == 1);
    CHECK(requestsLogged(hub, "/api/v1/batches") == 0);
  }
}

TEST_CASE("a stalled hub: sync gives up within its timeouts while votes keep being stored") {
  // A listener that accepts and then says nothing (or trickles a byte a second); it stops itself.
  for (bool trickle : {false, true}) {
    CAPTURE(trickle);
    const auto [listener, port] = listenOnLoopback();
    std::atomic<bool> done{false};
    std::thread stall([&] {
      const int conn = accept(listener, nullptr, nullptr);
      const char header[] = "\x16\x03\x03\x40\x00";  // a TLS record that promises 16 KiB
      for (int i = 0; i < 30 && !done; ++i) {        // at most ~15 s
        if (trickle && i < 5) (void)!write(conn, header + i, 1);
        std::this_thread::sleep_for(500ms);  // the stall being simulated, not a wait for a condition
      }
      close(conn);
    });

    HubProcess hub;  // only for its CA file and a token
    sync::TransportSettings ts = kioskTransportTo(hub, hub.token("kiosk"));
    ts.baseUrl = "https://127.0.0.1:" + std::to_string(port);
    ts.connectTimeout = 2s;
    ts.totalTimeout = 4s;
    ts.lowSpeedTime = 2s;
    Kiosk k;
    k.vote(1, 2);
    k.clock.advance(6min);
    sync::CurlTransport transport(ts);
    auto engine = k.engine(transport, k.settings());
    std::atomic<bool> roundOver{false};
    std::thread worker([&] {
      engine->runOnce();
      roundOver = true;
    });
    // Meanwhile the UI thread records votes: none of them waits for the network.
    int recordedDuringStall = 0;
    for (int i = 0; i < 20; ++i) {
      k.store->record({"c-0009", 1, "2026-11-21T10:00+08:00", Rating::Good, std::nullopt, true});
      if (!roundOver) ++recordedDuringStall;
    }
    worker.join();
    done = true;
    stall.join();
    close(listener);
    CHECK(recordedDuringStall == 20);
    CHECK(engine->status().lastError.find("did not answer in time") != std::string::npos);
    CHECK(engine->status().problem == "timeout");
  }
}

TEST_CASE("a forged, stale, foreign or broken list is refused, the shown list stays and the reason is kept") {
  // A hub (compromised or misconfigured) serving whatever it likes: a plug-in transport.
  struct ListServer final : sync::HttpTransport {
    std::string envelope;
    int etag = 0;
    sync::HttpResponse send(const sync::HttpRequest& r) override {
      if (r.path == "/api/v1/lists/current") return {200, envelope, "\"" + std::to_string(++etag) + "\"", {}, {}, ""};
      return {200, "{}", "", {}, {}, ""};
    }
  } server;
  const auto admin = wire::Ed25519PrivateKey::generate();
  const auto intruder = wire::Ed25519PrivateKey::generate();
  const auto listWith = [](std::int64_t version, const std::string& hall, const std::string& deployment) {
    json l = json::parse(testing::readFile(testing::sourceRoot() / "config/demo/commitments.json"));
    l["version"] = version;
    l["hall"] = hall;
    l["deployment"] = deployment;
    return l.dump();
  };
  const std::string good = listWith(7, "hall-01", "zibo-zhangdian");
  json flipped = json::parse(wire::signList(good, "admin-2026", admin));
  std::string payload = wire::base64Decode(flipped["payload"].get<std::string>());
  payload[payload.size() / 2] ^= 0x01;
  flipped["payload"] = wire::base64Encode(payload);

  const std::vector<std::pair<std::string, std::string>> cases{
      {flipped.dump(), "signature"},
      {wire::signList(good, "admin-2026", intruder), "signature"},
      {wire::signList(good, "intruder", intruder), "key_id"},
      {wire::signList(listWith(3, "hall-01", "zibo-zhangdian"), "admin-2026", admin), "not newer"},
      {wire::signList(listWith(5, "hall-01", "zibo-zhangdian"), "admin-2026", admin), "not newer"},
      {wire::signList(listWith(7, "hall-01", "jinan"), "admin-2026", admin), "deployment"},
      {wire::signList(listWith(7, "hall-02", "zibo-zhangdian"), "admin-2026", admin), "hall"},
      {"{\"format\": \"signed-commitment-list/1\", \"key_id\": ", "not valid JSON"},
      {std::string(12u * 1024u * 1024u, '{'), "too large"},
  };
  Kiosk k;
  auto settings = k.settings();
  settings.trustedKeys.emplace("admin-2026", admin.publicKey());
  settings.shownListVersion = 5;
  auto engine = k.engine(server, settings);
  for (const auto& [envelope, reason] : cases) {
    CAPTURE(reason);
    server.envelope = envelope;
    k.clock.advance(2min);
    engine->runOnce();
    CHECK(k.appliedVersions.empty());
    CHECK(engine->status().listVersion == 5);
    CHECK(engine->status().lastListRejection.find(reason) != std::string::npos);
  }
  server.envelope = wire::signList(good, "admin-2026", admin);
  k.clock.advance(2min);
  engine->runOnce();
  CHECK(k.appliedVersions == std::vector<std::int64_t>{7});
  CHECK(engine->status().lastListRejection.empty());
}

TEST_CASE("a refused token is reported as an auth problem and nothing is marked sent") {
  HubProcess hub;
  hub.start();
  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, "not-a-token-the-hub-issued"));
  auto engine = k.engine(transport, k.settings());
  k.vote(3, 1);
  k.clock.advance(6min);
  engine->runOnce();
  const auto status = engine->status();
  CHECK(status.problem == "auth");
  CHECK(status.lastError.find("401") != std::string::npos);
  CHECK(status.queuedBatches >= 1);
  CHECK(hub.totalVotes() == 0);
}

TEST_CASE("a reset during the TLS handshake is a network blip, backed off normally, not a configuration error") {
  // A listener that reads the ClientHello and resets the connection, as a load balancer in front of
  // a restarting hub does; it serves a bounded number of connections and stops itself.
  const auto [listener, port] = listenOnLoopback();
  std::thread resetter([listener] {
    for (int i = 0; i < 2; ++i) {  // the round's upload; at most one more
      const int conn = accept(listener, nullptr, nullptr);
      if (conn < 0) return;
      char hello[512];
      (void)!read(conn, hello, sizeof hello);
      linger reset{1, 0};
      setsockopt(conn, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      close(conn);
    }
  });

  HubProcess hub;  // only for its CA file and a token
  sync::TransportSettings ts = kioskTransportTo(hub, hub.token("kiosk"));
  ts.baseUrl = "https://127.0.0.1:" + std::to_string(port);
  Kiosk k;
  sync::CurlTransport transport(ts);
  auto engine = k.engine(transport, k.settings());
  k.vote(1, 2);
  k.clock.advance(6min);
  const Millis delay = engine->runOnce();
  CHECK(engine->status().problem == "unreachable");
  CHECK(engine->status().lastError.find("TLS refused") == std::string::npos);
  CHECK(delay < 1min);  // the first failure's backoff, not the 15-minute configuration wait
  CHECK(engine->status().queuedBatches == 1);
  shutdown(listener, SHUT_RDWR);
  close(listener);
  resetter.join();
}

TEST_CASE("a batch the hub refuses for good is set aside and the newer ones still go") {
  // A hub stand-in: down at first, then refusing the first batch (403, as after a kiosk rename),
  // taking every other batch.
  struct RefusingHub final : sync::HttpTransport {
    bool up = false;
    std::vector<std::int64_t> accepted;
    sync::HttpResponse send(const sync::HttpRequest& r) override {
      if (!up) return {503, "{\"error\":\"starting\"}", "", 1L, sync::Failure::None, ""};
      if (r.path != "/api/v1/batches") return {r.path == "/api/v1/heartbeat" ? 200L : 404L, "{}", "", {}, {}, ""};
      const auto seq = wire::parseBatch(r.body).batchSeq;
      if (seq == 1) return {403, "{\"error\":\"this token belongs to kiosk hall-01-k2\"}", "", {}, {}, ""};
      accepted.push_back(seq);
      return {201, "{\"status\":\"accepted\"}", "", {}, {}, ""};
    }
  } hub;
  Kiosk k;
  auto engine = k.afterFirstBatch(hub);  // hub down: batch 1 waits
  REQUIRE(engine->status().queuedBatches == 1);
  k.vote(1, 3);
  k.clock.advance(6min);
  hub.up = true;
  engine->runOnce();
  CHECK(hub.accepted == std::vector<std::int64_t>{2});
  CHECK(engine->status().conflicts == 1);  // kept for staff and the USB export, not dropped
  CHECK(engine->status().queuedBatches == 0);
  CHECK(engine->status().problem.empty());
  // 401 is about the token, not the batch: nothing is set aside, everything waits.
  struct LockedOut final : sync::HttpTransport {
    sync::HttpResponse send(const sync::HttpRequest&) override { return {401, "{}", "", {}, {}, ""}; }
  } locked;
  Kiosk k2;
  auto engine2 = k2.afterFirstBatch(locked);
  CHECK(engine2->status().conflicts == 0);
  CHECK(engine2->status().queuedBatches == 1);
  CHECK(engine2->status().problem == "auth");
}

TEST_CASE("uploads are signed: the key is registered with the token, then a forged stand-in is kept out") {
  HubProcess hub;
  hub.start();
  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto settings = k.settings();
  const auto key = wire::Ed25519PrivateKey::generate();
  settings.signingKey = key;
  auto engine = k.engine(transport, settings);
  const std::int64_t votes = k.vote(3, 4);
  drain(*engine, k);
  CHECK(hub.totalVotes() == votes);
  CHECK(requestsLogged(hub, "/api/v1/kiosk-key") == 1);

  // The hub now takes only this key's batches from hall-01-k1: unsigned bytes are refused, and
  // the same round trip from a kiosk with the stolen token but another key never reaches an upload.
  wire::RatingBatch forged{"hall-01-k1", "epoch-forged", 1, "2026-11-21T10:00:00+08:00", {}};
  forged.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 500, 0});
  CHECK(hub.post("/api/v1/batches", wire::encodeBatch(forged), hub.token("kiosk")).status == 422);

  const std::int64_t uploadsBefore = requestsLogged(hub, "/api/v1/batches");
  Kiosk impostor;
  auto other = impostor.settings();
  other.signingKey = wire::Ed25519PrivateKey::generate();
  auto stolen = impostor.engine(transport, other);
  impostor.vote(1, 5);
  impostor.clock.advance(6min);
  stolen->runOnce();
  const auto status = stolen->status();
  CHECK(status.lastError.find("registering this kiosk's signing key") != std::string::npos);
  CHECK(status.lastError.find("409") != std::string::npos);
  CHECK(status.queuedBatches >= 1);  // kept, not set aside: the batches are fine, the key is not
  CHECK(status.conflicts == 0);
  CHECK(requestsLogged(hub, "/api/v1/batches") == uploadsBefore);  // no upload was tried
  CHECK(hub.totalVotes() == votes);
}

TEST_CASE("a set-aside batch is offered again now and then, and clears once the hub has it") {
  // A stand-in hub refusing batch 1 (409) until an administrator imports it from the USB export;
  // after that it answers 200 duplicate for it.
  struct ImportingHub final : sync::HttpTransport {
    bool imported = false;
    int offersOfBatch1 = 0;
    sync::HttpResponse send(const sync::HttpRequest& r) override {
      if (r.path != "/api/v1/batches") return {r.path == "/api/v1/heartbeat" ? 200L : 404L, "{}", "", {}, {}, ""};
      if (wire::parseBatch(r.body).batchSeq == 1) {
        ++offersOfBatch1;
        if (!imported) return {409, "{\"error\":\"same identity, other bytes\"}", "", {}, {}, ""};
        return {200, "{\"status\":\"duplicate\"}", "", {}, {}, ""};
      }
      return {201, "{\"status\":\"accepted\"}", "", {}, {}, ""};
    }
  } hub;
  Kiosk k;
  auto engine = k.afterFirstBatch(hub);
  REQUIRE(engine->status().conflicts == 1);
  k.clock.advance(10min);
  engine->runOnce();
  CHECK(hub.offersOfBatch1 == 1);  // not offered again within the hour
  k.clock.advance(61min);
  engine->runOnce();
  CHECK(hub.offersOfBatch1 == 2);  // offered again, still refused: still set aside
  CHECK(engine->status().conflicts == 1);
  hub.imported = true;
  k.clock.advance(61min);
  engine->runOnce();
  CHECK(hub.offersOfBatch1 == 3);
  CHECK(engine->status().conflicts == 0);  // 200 duplicate: sent, staff see no conflict any more
  CHECK(engine->status().queuedBatches == 0);
}

TEST_CASE("a kiosk whose key is missing keeps its batches queued, says so, and sends them once it signs again") {
  HubProcess hub;
  hub.start();
  Kiosk k;
  sync::CurlTransport transport(kioskTransportTo(hub, hub.token("kiosk")));
  auto signing = k.settings();
  signing.signingKey = wire::Ed25519PrivateKey::generate();
  std::int64_t votes = k.vote(1, 3);
  drain(*k.engine(transport, signing), k);  // the key is registered with the hub
  REQUIRE(hub.totalVotes() == votes);
  // kiosk-key.pem unreadable: the kiosk runs on without signing. The hub refuses the batches for
  // their signature; they are kept, not set aside, and staff are told it is the key.
  auto unsigned_ = k.engine(transport, k.settings());
  votes += k.vote(1, 4);
  k.clock.advance(6min);
  unsigned_->runOnce();
  const auto status = unsigned_->status();
  CHECK(status.problem == "key");
  CHECK(status.conflicts == 0);
  CHECK(status.queuedBatches >= 1);
  CHECK(hub.totalVotes() < votes);
  // The key restored: everything queued goes, once.
  drain(*k.engine(transport, signing), k);
  CHECK(hub.totalVotes() == votes);
}

TEST_CASE("the last successful sync is kept across a restart, so staff are not told it never synced") {
  struct QuietHub final : sync::HttpTransport {
    sync::HttpResponse send(const sync::HttpRequest& r) override {
      return {r.path == "/api/v1/batches" ? 201L : r.path == "/api/v1/heartbeat" ? 200L : 404L, "{}", "", {}, {}, ""};
    }
  } hub;
  Kiosk k;
  auto first = k.engine(hub, k.settings());
  CHECK(first->status().lastSuccessUnix == 0);
  first->runOnce();
  const std::int64_t synced = first->status().lastSuccessUnix;
  REQUIRE(synced > 0);
  first.reset();  // the kiosk restarts; the hub is out of reach now
  struct Unreachable final : sync::HttpTransport {
    sync::HttpResponse send(const sync::HttpRequest&) override {
      return {0, "", "", std::nullopt, sync::Failure::Connect, "no route to host"};
    }
  } down;
  auto second = k.engine(down, k.settings());
  second->runOnce();
  CHECK(second->status().lastSuccessUnix == synced);
  CHECK_FALSE(second->status().lastError.empty());
}

TEST_CASE("the heartbeat carries the kiosk's health, and touches and open time since the last heartbeat the hub took") {
  struct RecordingHub final : sync::HttpTransport {
    std::vector<wire::Heartbeat> beats;
    int refuseBeats = 0;
    sync::HttpResponse send(const sync::HttpRequest& r) override {
      if (r.path != "/api/v1/heartbeat") return {404, "{\"error\":\"none\"}", "", {}, {}, ""};
      beats.push_back(wire::parseHeartbeat(r.body));
      if (refuseBeats > 0) {
        --refuseBeats;
        return {503, "{\"error\":\"busy\"}", "", {}, {}, ""};
      }
      return {200, "{}", "", {}, {}, ""};
    }
  } hub;
  Kiosk k;
  std::atomic<std::int64_t> touches{5}, open{600};
  std::atomic<bool> shown{true};
  auto settings = k.settings();
  settings.health = [&] {
    return sync::KioskHealth{.uptimeSeconds = 120,
                             .starts = 4,
                             .uncleanExits = 1,
                             .touchesThisRun = touches.load(),
                             .openSecondsThisRun = open.load(),
                             .screenShown = shown.load()};
  };
  auto engine = k.engine(hub, settings);
  const auto lastBeat = [&] {
    REQUIRE_FALSE(hub.beats.empty());
    return hub.beats.back();
  };
  engine->runOnce();
  CHECK(lastBeat().uptimeSeconds == 120);
  CHECK(lastBeat().starts == 4);
  CHECK(lastBeat().uncleanExits == 1);
  CHECK(lastBeat().touches == 5);
  CHECK(lastBeat().openSeconds == 600);
  CHECK(lastBeat().screen == "shown");
  // Three more touches, but the hub does not take that heartbeat: they are counted again next time.
  touches = 8;
  open = 660;
  shown = false;
  hub.refuseBeats = 1;
  k.clock.advance(1min);
  engine->runOnce();
  CHECK(lastBeat().touches == 3);
  CHECK(lastBeat().openSeconds == 60);
  CHECK(lastBeat().screen == "hidden");
  touches = 10;
  open = 1260;
  k.clock.advance(10min);
  engine->runOnce();
  CHECK(lastBeat().touches == 5);
  CHECK(lastBeat().openSeconds == 660);
  k.clock.advance(10min);
  engine->runOnce();
  CHECK(lastBeat().touches == 0);  // none since: zero, not absent
  CHECK(lastBeat().openSeconds == 0);
}

namespace {

// Records what the engine sends and answers as told (no hub: the order of requests is the point).
struct RecordingTransport : sync::HttpTransport {
  std::vector<std::string> sent;  // "METHOD path"
  long status = 0;                // 0: as if the hub could not be reached
  sync::HttpResponse send(const sync::HttpRequest& r) override {
    sent.push_back(r.method + " " + r.path);
    sync::HttpResponse res;
    res.status = status;
    if (status == 0) res.failure = sync::Failure::Connect;
    res.body = status == 200 ? "{}" : "";
    return res;
  }
};

}  // namespace

TEST_CASE("a request someone waits on at the screen goes first in the next round, once, and its answer comes back") {
  Kiosk k;
  RecordingTransport t;
  auto e = k.engine(t, k.settings());
  std::vector<long> answers;
  e->sendOnce({"GET", "/api/v1/panel-ballots/1234567890", "", ""},
              [&](const sync::HttpResponse& r) { answers.push_back(r.status); });
  e->runOnce();
  REQUIRE(!t.sent.empty());
  CHECK(t.sent.front() == "GET /api/v1/panel-ballots/1234567890");  // before any upload or list pull
  REQUIRE(answers.size() == 1);
  CHECK(answers[0] == 0);  // not reached: the person at the screen is told, the engine does not retry
  const auto sentBefore = t.sent.size();
  t.status = 200;
  e->runOnce();
  CHECK(std::count(t.sent.begin() + static_cast<std::ptrdiff_t>(sentBefore), t.sent.end(),
                   "GET /api/v1/panel-ballots/1234567890") == 0);
  CHECK(answers.size() == 1);
}
