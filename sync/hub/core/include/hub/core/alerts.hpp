// Alerts where staff already are (企业微信 / 钉钉 group robots, or any JSON webhook): which change of a
// case or a kiosk is worth one message, the message in each robot's format, 钉钉's URL signature,
// and how long to wait before retrying a failed delivery. Pure: the console keeps the states and
// the outbox, a worker thread sends. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/core/case_lifecycle.hpp"

namespace hub {

enum class AlertKind {
  CaseOpened,   // a case opened (by the rule or by hand) or reopened
  CaseOverdue,  // its working-day deadline passed before the work was reported done
  KioskSilent,  // no heartbeat for [rules] silent_after_min
  KioskBack,    // heard from again after being silent
};
std::string_view nameOf(AlertKind k);  // "case_opened" …

struct Alert {
  AlertKind kind = AlertKind::CaseOpened;
  std::string hall;
  std::string subject;  // "case:12", "kiosk:hall-01-k1"
  std::string text;     // one line of Chinese for people: "【整改立案】hall-01 承诺 c-0002 …"
  std::string at;       // ISO-8601 in hall time
};

// What changed for one subject since the last look: the state to remember and the alerts it is
// worth (none when nothing changed). Subjects seen for the first time are remembered without an
// alert unless they need action (an open case), so switching alerts on does not flood a group.
struct AlertDecision {
  std::string state;
  std::vector<AlertKind> alerts;
};
// Case states remembered: "open", "overdue", "done" (closed, explained or disputed).
AlertDecision decideCase(const std::optional<std::string>& previous, CaseState state, bool overdue);
// Kiosk states remembered: "ok", "silent".
AlertDecision decideKiosk(const std::optional<std::string>& previous, bool silent);

enum class WebhookFormat {
  Json,      // {"event","hall","subject","text","at"}
  WeCom,     // 企业微信 group robot: {"msgtype":"text","text":{"content":…}}
  DingTalk,  // 钉钉 group robot: the same shape; signed in the URL when it has a secret
};
std::string_view nameOf(WebhookFormat f);  // "json", "wecom", "dingtalk"
std::optional<WebhookFormat> webhookFormatFrom(std::string_view text);

struct WebhookTarget {
  std::string url;  // https://…
  WebhookFormat format = WebhookFormat::Json;
  std::vector<std::string> halls;  // empty: every hall
  std::string secret;              // 钉钉 加签 secret ("SEC…"); "" for none
  std::string caFile;              // extra CA to trust (a private receiver); "" = the system's
  bool wants(const std::string& hall) const;
};

std::string webhookBody(const Alert& alert, WebhookFormat format);
// 钉钉's 加签: the URL with &timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256 of "<ms>\n<secret>">.
std::string signedDingTalkUrl(const std::string& url, const std::string& secret, std::int64_t unixMillis);
// Seconds before retry number `attempts` (1, 2, …): base, 2×base, 4×base … at most an hour.
std::int64_t retryDelaySeconds(std::int64_t attempts, std::int64_t baseSeconds);

}  // namespace hub
