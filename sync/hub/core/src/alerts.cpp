#include "hub/core/alerts.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/names.hpp"
#include "common/url_encode.hpp"
#include "wire/crypto.hpp"

namespace hub {

namespace {

constexpr common::NameTable<AlertKind, 4> kKinds({{{AlertKind::CaseOpened, "case_opened"},
                                                   {AlertKind::CaseOverdue, "case_overdue"},
                                                   {AlertKind::KioskSilent, "kiosk_silent"},
                                                   {AlertKind::KioskBack, "kiosk_back"}}});
constexpr common::NameTable<WebhookFormat, 3> kFormats(
    {{{WebhookFormat::Json, "json"}, {WebhookFormat::WeCom, "wecom"}, {WebhookFormat::DingTalk, "dingtalk"}}});

bool finished(CaseState s) { return s == CaseState::Closed || s == CaseState::Explained || s == CaseState::Disputed; }

}  // namespace

std::string_view nameOf(AlertKind k) { return kKinds.nameOf(k); }
std::string_view nameOf(WebhookFormat f) { return kFormats.nameOf(f); }
std::optional<WebhookFormat> webhookFormatFrom(std::string_view text) { return kFormats.parse(text); }

AlertDecision decideCase(const std::optional<std::string>& previous, CaseState state, bool overdue) {
  if (finished(state)) return {"done", {}};
  const std::string now = overdue ? "overdue" : "open";
  if (!previous || *previous == "done") {  // new, or reopened after it was finished
    std::vector<AlertKind> alerts{AlertKind::CaseOpened};
    if (overdue) alerts.push_back(AlertKind::CaseOverdue);
    return {now, alerts};
  }
  if (*previous == "open" && overdue) return {now, {AlertKind::CaseOverdue}};
  return {now, {}};  // unchanged, or back within its deadline (sent back and re-dated): no message
}

AlertDecision decideKiosk(const std::optional<std::string>& previous, bool silent) {
  const std::string now = silent ? "silent" : "ok";
  if (!previous || *previous == now) return {now, {}};
  return {now, {silent ? AlertKind::KioskSilent : AlertKind::KioskBack}};
}

bool WebhookTarget::wants(const std::string& hall) const {
  return halls.empty() || std::find(halls.begin(), halls.end(), hall) != halls.end();
}

std::string webhookBody(const Alert& alert, WebhookFormat format) {
  using nlohmann::json;
  switch (format) {
    case WebhookFormat::Json:
      return json{{"event", nameOf(alert.kind)},
                  {"hall", alert.hall},
                  {"subject", alert.subject},
                  {"text", alert.text},
                  {"at", alert.at}}
          .dump();
    case WebhookFormat::WeCom:
    case WebhookFormat::DingTalk:
      // Both robots take {"msgtype":"text","text":{"content":…}}; a robot set up with a keyword
      // filter needs the keyword in the text, which the 【…】 tag of every alert provides.
      return json{{"msgtype", "text"}, {"text", {{"content", alert.text}}}}.dump();
  }
  return {};
}

std::string signedDingTalkUrl(const std::string& url, const std::string& secret, std::int64_t unixMillis) {
  if (secret.empty()) return url;
  const std::string timestamp = std::to_string(unixMillis);
  const std::string toSign = timestamp + "\n" + secret;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int macLength = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(toSign.data()), toSign.size(), mac, &macLength);
  const std::string sign = wire::base64Encode(std::string_view(reinterpret_cast<const char*>(mac), macLength));
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "timestamp=" + timestamp +
         "&sign=" + common::urlEncode(sign);
}

std::int64_t retryDelaySeconds(std::int64_t attempts, std::int64_t baseSeconds) {
  constexpr std::int64_t kMax = 3600;
  std::int64_t delay = std::max<std::int64_t>(baseSeconds, 1);
  for (std::int64_t i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

}  // namespace hub
