// hub::AlertWorker over the console fixture's real files, with a plug-in transport and a
// back-dated clock: one message per change and webhook, retried after a failure, robots' refusals
// seen, nothing repeated, nothing lost when the worker (the hub) is made anew.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <deque>

#include "console_fixture.hpp"
#include "hub/jobs/alert_worker.hpp"
#include "wire/heartbeat.hpp"

namespace {

struct Sent {
  std::string origin, path, body;
};

// Answers from a script (200 {"errcode":0} when it runs out) and keeps every request.
struct Receivers {
  std::vector<Sent> sent;
  std::deque<kiosk::sync::HttpResponse> script;
  hub::WebhookTransportFactory factory() {
    return [this](const hub::WebhookTarget&, const std::string& origin) {
      struct Transport final : kiosk::sync::HttpTransport {
        Receivers& r;
        std::string origin;
        Transport(Receivers& rr, std::string o) : r(rr), origin(std::move(o)) {}
        kiosk::sync::HttpResponse send(const kiosk::sync::HttpRequest& req) override {
          r.sent.push_back({origin, req.path, req.body});
          if (r.script.empty()) return {200, R"({"errcode":0,"errmsg":"ok"})", "", {}, {}, ""};
          auto next = r.script.front();
          r.script.pop_front();
          return next;
        }
      };
      return std::make_unique<Transport>(*this, origin);
    };
  }
  std::vector<Sent> to(const std::string& origin) const {
    std::vector<Sent> out;
    for (const auto& s : sent)
      if (s.origin == origin) out.push_back(s);
    return out;
  }
};

hub::AlertConfig threeWebhooks() {
  hub::AlertConfig c;
  c.retryBaseSeconds = 30;
  c.checkIntervalSeconds = 60;
  c.giveUpSeconds = 48 * 3600;
  c.webhooks = {
      {"https://hooks.example.org/alerts", hub::WebhookFormat::Json, {}, "", ""},
      {"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY1", hub::WebhookFormat::WeCom, {"hall-01"}, "", ""},
      {"https://oapi.dingtalk.com/robot/send?access_token=T2",
       hub::WebhookFormat::DingTalk,
       {"hall-02"},
       "SECsecret",
       ""}};
  return c;
}

// The fixture's cases swept, alerts to the two robots only (the receivers whose answers are read),
// a clock the test moves, and receivers answering from a script.
struct RobotAlerts {
  testing::ConsoleFixture f;
  hub::AlertStore store{f.dir / "console.db"};
  Receivers receivers;
  std::int64_t now = f.now;
  hub::AlertWorker alerts{{*f.readers, *f.cases, store, *f.accounts},
                          [] {
                            auto c = threeWebhooks();
                            c.webhooks.erase(c.webhooks.begin());
                            return c;
                          }(),
                          hub::ApiConfig{"zibo-zhangdian"},
                          480,
                          [this] { return now; },
                          receivers.factory(),
                          [](const std::string&) {}};
  RobotAlerts() { f.console->sweepCases(); }
};

std::int64_t audited(testing::ConsoleFixture& f, const std::string& action) {
  std::int64_t n = 0;
  for (const auto& e : f.accounts->auditEntries(1000)) n += e.action == action;
  return n;
}

}  // namespace

TEST_CASE("alerts: one message per change and webhook, retried after a failure, never repeated") {
  testing::ConsoleFixture f;
  f.console->sweepCases();  // hall-01's c-0101 is over the rule: a case opens
  hub::AlertStore store(f.dir / "console.db");
  Receivers receivers;
  std::int64_t now = f.now;
  const auto worker = [&] {
    return std::make_unique<hub::AlertWorker>(
        hub::AlertSources{*f.readers, *f.cases, store, *f.accounts}, threeWebhooks(), hub::ApiConfig{"zibo-zhangdian"},
        480, [&now] { return now; }, receivers.factory(), [](const std::string&) {});
  };
  auto alerts = worker();

  // The generic receiver is down at first; the 企业微信 robot takes its message.
  receivers.script.push_back({503, "busy", "", {}, {}, ""});
  alerts->runOnce();
  REQUIRE(receivers.sent.size() == 2);  // hall-01's case: the JSON webhook and hall-01's robot
  const auto wecom = receivers.to("https://qyapi.weixin.qq.com");
  REQUIRE(wecom.size() == 1);
  CHECK(wecom[0].path == "/cgi-bin/webhook/send?key=KEY1");
  const auto text = nlohmann::json::parse(wecom[0].body)["text"]["content"].get<std::string>();
  CHECK(text.find("【整改立案】hall-01 承诺 c-0101") == 0);
  CHECK(text.find("整改期限") != std::string::npos);
  CHECK(store.counts().delivered == 1);
  CHECK(store.counts().pending == 1);

  now += 10;  // not due yet, and nothing new happened: nothing is sent
  alerts->runOnce();
  CHECK(receivers.sent.size() == 2);
  now += 25;  // 35 s after the failure: retried, delivered
  alerts->runOnce();
  REQUIRE(receivers.sent.size() == 3);
  const auto generic = nlohmann::json::parse(receivers.sent.back().body);
  CHECK(generic["event"] == "case_opened");
  CHECK(generic["hall"] == "hall-01");
  CHECK(store.counts().delivered == 2);
  CHECK(store.counts().pending == 0);
  CHECK(audited(f, "alert") == 1);
  CHECK(audited(f, "alert_sent") == 2);

  // Both kiosks go silent (15 minutes without a heartbeat): each told once, to the JSON webhook
  // and to its own hall's robot.
  now = f.now + 14 * 60;
  alerts->runOnce();
  CHECK(receivers.sent.size() == 3);  // 14.5 minutes: not silent yet
  now = f.now + 16 * 60;
  alerts->runOnce();
  REQUIRE(receivers.sent.size() == 7);
  const auto ding = receivers.to("https://oapi.dingtalk.com");
  REQUIRE(ding.size() == 1);
  CHECK(ding[0].path.find("/robot/send?access_token=T2&timestamp=") == 0);
  CHECK(ding[0].path.find("&sign=") != std::string::npos);
  CHECK(nlohmann::json::parse(ding[0].body)["text"]["content"].get<std::string>().find("【终端离线】hall-02") == 0);
  now += 600;
  alerts->runOnce();
  CHECK(receivers.sent.size() == 7);  // still silent: no repeat

  // hall-01's kiosk is back; the hub restarts (a new worker, a new store on the same file).
  wire::Heartbeat hb{"1.4.0", 1, 0, 0, 0, "", 5'000'000'000, ""};
  f.store->heartbeat("hall-01-k1", "hall-01", wire::encodeHeartbeat(hb), now, 0);
  receivers.script.push_back({0, "", "", {}, kiosk::sync::Failure::Connect, "connection refused"});
  alerts.reset();
  alerts = worker();
  alerts->runOnce();
  const auto backs = [&] {
    std::int64_t n = 0;
    for (const auto& s : receivers.sent) n += s.body.find("【终端恢复】hall-01") != std::string::npos;
    return n;
  };
  CHECK(backs() == 2);  // one failed (connection refused), one delivered
  CHECK(store.counts().pending == 1);
  alerts.reset();  // the hub stops with a message unsent ...
  alerts = worker();
  now += 30;
  alerts->runOnce();  // ... and sends it after the restart, exactly once
  CHECK(backs() == 3);
  CHECK(store.counts().pending == 0);
  CHECK(store.counts().delivered == 8);
  CHECK(receivers.sent.size() == 10);
  now += 600;
  alerts->runOnce();
  CHECK(receivers.sent.size() == 10);  // every state told once: nothing new
  now += 600;  // hall-01's kiosk silent again, 20 minutes after it was back: a new change, told again
  alerts->runOnce();
  REQUIRE(receivers.sent.size() == 12);
  CHECK(receivers.sent[10].body.find("【终端离线】hall-01") != std::string::npos);
}

TEST_CASE("alerts: a case gone overdue is told once, a robot's refusal is retried and given up in the end") {
  RobotAlerts robots;
  auto& [f, store, receivers, now, alerts] = robots;
  alerts.runOnce();
  REQUIRE(receivers.sent.size() == 1);

  now += 30 * 86400;  // far past the 15 working days
  receivers.script.assign(1000, {200, R"({"errcode":93000,"errmsg":"invalid webhook url"})", "", {}, {}, ""});
  alerts.runOnce();
  std::int64_t overdue = 0;
  for (const auto& s : receivers.sent) overdue += s.body.find("【整改逾期】hall-01 承诺 c-0101") != std::string::npos;
  CHECK(overdue == 1);
  CHECK(store.counts().pending >= 1);  // errcode 93000 is a refusal, not a delivery
  CHECK(audited(f, "alert_sent") == 1);
  for (int i = 0; i < 20 && store.counts().gaveUp == 0; ++i) {
    now += 3600;
    alerts.runOnce();
  }
  CHECK(store.counts().gaveUp == 0);  // still within 48 h: keeps trying
  now += 48 * 3600;
  alerts.runOnce();
  CHECK(store.counts().gaveUp >= 1);
  CHECK(audited(f, "alert_given_up") >= 1);
  overdue = 0;
  for (const auto& s : receivers.sent) overdue += s.body.find("【整改逾期】") != std::string::npos;
  CHECK(overdue > 1);               // the same message retried, never a second alert
  CHECK(audited(f, "alert") == 4);  // opened, overdue, and both kiosks silent by now
}

TEST_CASE("alerts: a hostile receiver's answer nested 200,000 deep is a refusal, not a crash") {
  RobotAlerts robots;
  auto& [f, store, receivers, now, alerts] = robots;
  const std::string deep = R"({"errcode":)" + std::string(200'000, '[') + std::string(200'000, ']') + "}";
  receivers.script.assign(3, {200, deep, "", {}, {}, ""});
  receivers.script.push_back({200, R"({"errcode":{"nested":[1,2,3]},"errmsg":["not","text"]})", "", {}, {}, ""});
  alerts.runOnce();  // would overflow the stack on a recursive parse
  REQUIRE(receivers.sent.size() >= 1);
  CHECK(store.counts().pending >= 1);  // not delivered: kept to retry, within its time limit
  CHECK(audited(f, "alert_sent") == 0);
  for (int i = 0; i < 40 && audited(f, "alert_sent") == 0; ++i) {
    now += 3600;
    alerts.runOnce();
  }
  CHECK(receivers.script.empty());       // every hostile answer was read, the odd-shaped one too
  CHECK(audited(f, "alert_sent") >= 1);  // and then the receiver's ordinary answer delivered it
}
