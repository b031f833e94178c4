// hub/alerts: which change is worth a message, the messages in each robot's format, 钉钉's URL
// signature and the retry schedule.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "hub/core/alerts.hpp"

using hub::AlertKind;
using hub::CaseState;

namespace {
std::vector<AlertKind> caseAlerts(std::optional<std::string> before, CaseState s, bool overdue,
                                  const std::string& expectState) {
  const auto d = hub::decideCase(before, s, overdue);
  CHECK(d.state == expectState);
  return d.alerts;
}
using V = std::vector<AlertKind>;
}  // namespace

TEST_CASE("a case is told when it opens, when it becomes overdue, and again only after it changed") {
  CHECK(caseAlerts(std::nullopt, CaseState::Verifying, false, "open") == V{AlertKind::CaseOpened});
  CHECK(caseAlerts(std::nullopt, CaseState::Rectifying, true, "overdue") ==
        V{AlertKind::CaseOpened, AlertKind::CaseOverdue});
  CHECK(caseAlerts(std::nullopt, CaseState::Closed, false, "done").empty());  // history, not news
  CHECK(caseAlerts("open", CaseState::Verifying, false, "open").empty());     // no repeat
  CHECK(caseAlerts("open", CaseState::Rectifying, true, "overdue") == V{AlertKind::CaseOverdue});
  CHECK(caseAlerts("overdue", CaseState::Rectifying, true, "overdue").empty());  // no repeat
  CHECK(caseAlerts("overdue", CaseState::Rectifying, false, "open").empty());    // re-dated: quiet
  CHECK(caseAlerts("open", CaseState::Appealed, false, "open").empty());
  for (CaseState done : {CaseState::Closed, CaseState::Explained, CaseState::Disputed}) {
    CHECK(caseAlerts("open", done, false, "done").empty());
    CHECK(caseAlerts("overdue", done, false, "done").empty());
  }
  CHECK(caseAlerts("done", CaseState::Verifying, false, "open") == V{AlertKind::CaseOpened});  // reopened
  CHECK(caseAlerts("done", CaseState::Closed, false, "done").empty());
}

TEST_CASE("a kiosk is told when it goes silent and when it is back, once each") {
  CHECK(hub::decideKiosk(std::nullopt, true).alerts.empty());  // first look: remembered only
  CHECK(hub::decideKiosk(std::nullopt, false).state == "ok");
  CHECK(hub::decideKiosk("ok", true).alerts == V{AlertKind::KioskSilent});
  CHECK(hub::decideKiosk("silent", true).alerts.empty());
  CHECK(hub::decideKiosk("silent", false).alerts == V{AlertKind::KioskBack});
  CHECK(hub::decideKiosk("ok", false).alerts.empty());
  CHECK(hub::decideKiosk("ok", true).state == "silent");
}

TEST_CASE("messages in the generic JSON, 企业微信 and 钉钉 formats") {
  const hub::Alert a{AlertKind::CaseOpened, "hall-01", "case:12", "【整改立案】hall-01 承诺 c-0002",
                     "2026-11-26T10:00:00+08:00"};
  const auto generic = nlohmann::json::parse(hub::webhookBody(a, hub::WebhookFormat::Json));
  CHECK(generic["event"] == "case_opened");
  CHECK(generic["hall"] == "hall-01");
  CHECK(generic["subject"] == "case:12");
  CHECK(generic["text"] == a.text);
  CHECK(generic["at"] == a.at);
  for (auto f : {hub::WebhookFormat::WeCom, hub::WebhookFormat::DingTalk}) {
    const auto robot = nlohmann::json::parse(hub::webhookBody(a, f));
    CHECK(robot["msgtype"] == "text");
    CHECK(robot["text"]["content"] == a.text);
  }
  CHECK(hub::webhookFormatFrom("wecom") == hub::WebhookFormat::WeCom);
  CHECK(hub::webhookFormatFrom("dingtalk") == hub::WebhookFormat::DingTalk);
  CHECK(hub::webhookFormatFrom("json") == hub::WebhookFormat::Json);
  CHECK_FALSE(hub::webhookFormatFrom("slack"));
  hub::WebhookTarget only{"https://x", hub::WebhookFormat::Json, {"hall-02"}, "", ""};
  CHECK_FALSE(only.wants("hall-01"));
  CHECK(only.wants("hall-02"));
  CHECK(hub::WebhookTarget{}.wants("any"));
}

TEST_CASE("钉钉 加签: timestamp and the URL-encoded HMAC-SHA256 signature, as 钉钉's documentation gives it") {
  // Expected value computed independently (Python: hmac, hashlib.sha256, base64, quote_plus).
  CHECK(hub::signedDingTalkUrl("https://oapi.dingtalk.com/robot/send?access_token=T", "SEC0123456789abcdef",
                               1'795'226'400'000) ==
        "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1795226400000"
        "&sign=%2BJ4vhEEZAihGvDvorFpj3BGIMn5%2BsuqvjEBV%2BIEiyXI%3D");
  CHECK(hub::signedDingTalkUrl("https://x/send", "", 5) == "https://x/send");  // no secret: as configured
  CHECK(hub::signedDingTalkUrl("https://x/send", "s", 5).rfind("https://x/send?timestamp=5&sign=", 0) == 0);
}

TEST_CASE("retries back off by doubling, to at most an hour") {
  CHECK(hub::retryDelaySeconds(1, 30) == 30);
  CHECK(hub::retryDelaySeconds(2, 30) == 60);
  CHECK(hub::retryDelaySeconds(4, 30) == 240);
  CHECK(hub::retryDelaySeconds(20, 30) == 3600);
  CHECK(hub::retryDelaySeconds(1'000'000, 30) == 3600);
  CHECK(hub::retryDelaySeconds(1, 0) == 1);
}
