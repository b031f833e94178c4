// Alerts end to end: the real kiosk-hub opens a case and tells a local HTTPS receiver, started by
// the test with a certificate made at test time; the receiver fails, the hub retries, is stopped
// with the message unsent and, restarted, delivers it exactly once, in each webhook's format.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "common/clock.hpp"
#include "common/iso_time.hpp"
#include "hub/server/https_server.hpp"
#include "hub/store/account_store.hpp"
#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using nlohmann::json;
using testing::HubProcess;

namespace {

// A webhook receiver on 127.0.0.1: answers 503 while `failing`, else 200 {"errcode":0}.
class Receiver final : public hub::RequestHandler {
 public:
  explicit Receiver(const std::filesystem::path& tlsDir)
      : tls_(hub::makeServerTlsContext((tlsDir / "server.pem").string(), (tlsDir / "server.key").string())),
        server_(io_, tls_, {boost::asio::ip::make_address("127.0.0.1"), 0}, *this, hub::ServerLimits{},
                [](const std::string&) {}) {
    server_.start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Receiver() override {
    io_.stop();
    thread_.join();
  }
  int port() const { return server_.endpoint().port(); }
  Lane laneOf(const hub::Request&) const override { return Lane::Writer; }
  hub::Response handle(const hub::Request& r) override {
    std::lock_guard lock(mutex_);
    const bool fail = failing;
    (fail ? refused_ : accepted_).push_back(r.target + "\n" + r.body);
    if (fail) return {503, "text/plain", "busy", {}};
    return {200, "application/json", R"({"errcode":0,"errmsg":"ok"})", {}};
  }
  std::vector<std::string> accepted() {
    std::lock_guard lock(mutex_);
    return accepted_;
  }
  std::size_t refused() {
    std::lock_guard lock(mutex_);
    return refused_.size();
  }
  std::atomic<bool> failing{true};

 private:
  boost::asio::io_context io_{1};
  boost::asio::ssl::context tls_;
  hub::HttpsServer server_;
  std::mutex mutex_;
  std::vector<std::string> accepted_, refused_;
  std::thread thread_;
};

template <typename Condition>
bool within(std::chrono::seconds limit, Condition done) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling, bounded by the deadline
  }
  return true;
}

// 20 votes for c-0001 today, 8 of them poor: over the rectification rule (≥ 30 % of ≥ 20).
std::string batchOverTheRule() {
  const std::string now = common::isoTimestamp({common::SystemClock().wallNow().unix_seconds, 8 * 3600});
  wire::RatingBatch b{"hall-01-k1", "epoch-alerts", 1, now, {}};
  const std::string bucket = now.substr(0, 13) + ":00+08:00";
  b.counts.push_back({"c-0001", 1, bucket, "good", std::nullopt, 12, 0});
  b.counts.push_back({"c-0001", 1, bucket, "poor", std::nullopt, 8, 0});
  return wire::encodeBatch(b);
}

}  // namespace

TEST_CASE("a case opened by the rule reaches a local HTTPS receiver once, after failures and a hub restart") {
  HubProcess hub;
  Receiver receiver(hub.dir() / "tls");
  const std::string base = "https://127.0.0.1:" + std::to_string(receiver.port());
  std::string toml = testing::readFile(hub.dir() / "hub.toml");
  const auto set = [&toml](const std::string& key, const std::string& value) {
    const auto at = toml.find(key + " = ", toml.find("[alerts]"));
    REQUIRE(at != std::string::npos);
    toml.replace(at, toml.find('\n', at) - at, key + " = " + value);
  };
  set("check_interval_s", "1");
  set("retry_base_s", "1");
  toml += "\n[[alerts.webhooks]]\nurl = \"" + base + "/generic\"\nca_file = \"tls/ca.pem\"\n";
  toml += "\n[[alerts.webhooks]]\nurl = \"" + base +
          "/cgi-bin/webhook/send?key=K1\"\nformat = \"wecom\"\nhalls = [\"hall-01\"]\nca_file = \"tls/ca.pem\"\n";
  toml += "\n[[alerts.webhooks]]\nurl = \"" + base +
          "/robot/send?access_token=T\"\nformat = \"dingtalk\"\nsecret = \"SECx\"\nhalls = [\"hall-02\"]\n"
          "ca_file = \"tls/ca.pem\"\n";
  testing::writeFile(hub.dir() / "hub.toml", toml);

  hub.start();
  const int port = hub.port();
  REQUIRE(hub.post("/api/v1/batches", batchOverTheRule(), hub.token("kiosk")).status == 201);
  hub.stop();
  hub.start("127.0.0.1:" + std::to_string(port));  // the rule is applied at start: the case opens

  // The receiver refuses: the hub retries (1 s, 2 s, …) and keeps the messages.
  REQUIRE(within(std::chrono::seconds(30), [&] { return receiver.refused() >= 3; }));
  CHECK(receiver.accepted().empty());
  hub.stop();  // stopped with both messages unsent
  CHECK(hub.log().find("event=alert_failed") != std::string::npos);

  receiver.failing = false;
  hub.start("127.0.0.1:" + std::to_string(port));
  REQUIRE(within(std::chrono::seconds(30), [&] { return receiver.accepted().size() >= 2; }));
  REQUIRE(within(std::chrono::seconds(30), [&] {
    return hub.log().find("event=alert_sent kind=case_opened subject=case:1 host=127.0.0.1") != std::string::npos;
  }));
  const auto accepted = receiver.accepted();
  std::size_t generic = 0, wecom = 0, dingtalk = 0;
  for (const auto& m : accepted) {
    const std::string target = m.substr(0, m.find('\n'));
    const json body = json::parse(m.substr(m.find('\n') + 1));
    if (target == "/generic") {
      ++generic;
      CHECK(body["event"] == "case_opened");
      CHECK(body["hall"] == "hall-01");
      CHECK(body["text"].get<std::string>().find("【整改立案】hall-01 承诺 c-0001") == 0);
    } else if (target == "/cgi-bin/webhook/send?key=K1") {
      ++wecom;
      CHECK(body["msgtype"] == "text");
      CHECK(body["text"]["content"].get<std::string>().find("【整改立案】") == 0);
    } else {
      ++dingtalk;
    }
  }
  CHECK(generic == 1);   // once, though tried before the restart and after
  CHECK(wecom == 1);     // hall-01's robot
  CHECK(dingtalk == 0);  // hall-02's robot hears nothing of hall-01
  // The audit log has the alert and both deliveries; the robot's key never appears in it.
  std::string audit;
  for (const auto& e : hub::AccountStore(hub.dir() / "console.db").auditEntries(100))
    audit += e.action + "|" + e.detail + "\n";
  CHECK(audit.find("alert|case_opened case:1") != std::string::npos);
  CHECK(audit.find("alert_sent|case_opened case:1 to 127.0.0.1") != std::string::npos);
  CHECK(audit.find("key=K1") == std::string::npos);
}
