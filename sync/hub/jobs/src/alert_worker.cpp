#include "hub/jobs/alert_worker.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

#include "common/clock.hpp"
#include "common/iso_time.hpp"
#include "hub/store/tally_queries.hpp"
#include "wire/json_input.hpp"

namespace hub {

namespace {

constexpr std::int64_t kBatch = 50;  // messages sent per wake-up at most; the rest on the next

std::string hallTime(std::int64_t unix, std::int64_t offsetMinutes) {
  return common::isoTimestamp({unix, static_cast<std::int32_t>(offsetMinutes * 60)});
}

// "https://host:port" and "/path?query" of an https:// URL.
std::pair<std::string, std::string> splitUrl(const std::string& url) {
  const auto slash = url.find('/', 8);
  if (slash == std::string::npos) return {url, "/"};
  return {url.substr(0, slash), url.substr(slash)};
}

std::string hostOf(const std::string& url) { return splitUrl(url).first.substr(8); }

Alert caseAlert(AlertKind kind, const RectCase& c, const std::string& at) {
  const std::string where = c.hall + " 承诺 " + c.commitmentId;
  const std::string ref = "（案件 " + std::to_string(c.id) + "）";
  std::string text;
  if (kind == AlertKind::CaseOpened) {
    const std::string by = c.openedBy == "rule" ? "" : "由 " + c.openedBy + " 立案：";
    text = "【整改立案】" + where + "：" + by + c.trigger + "。整改期限 " + c.deadline + ref + "。";
  } else {
    text = "【整改逾期】" + where + " 的整改期限 " + c.deadline + " 已过，尚未报告整改完成" + ref + "。";
  }
  return {kind, c.hall, "case:" + std::to_string(c.id), text, at};
}

Alert kioskAlert(AlertKind kind, const KioskStatus& k, std::int64_t now, std::int64_t offsetMinutes,
                 const std::string& at) {
  const std::string last = hallTime(k.lastSeenUnix, offsetMinutes).substr(0, 16);
  std::string text;
  if (kind == AlertKind::KioskSilent)
    text = "【终端离线】" + k.hall + " 的评价终端 " + k.kioskId + " 已 " + std::to_string((now - k.lastSeenUnix) / 60) +
           " 分钟没有消息（最后一次 " + last.substr(0, 10) + " " + last.substr(11) + "）。";
  else
    text = "【终端恢复】" + k.hall + " 的评价终端 " + k.kioskId + " 恢复联系（" + last.substr(0, 10) + " " +
           last.substr(11) + "）。";
  return {kind, k.hall, "kiosk:" + k.kioskId, text, at};
}

// A robot answers 200 with {"errcode":N,"errmsg":…}; anything but errcode 0 is a refusal.
std::string robotRefusal(const WebhookTarget& hook, const std::string& body) {
  if (hook.format == WebhookFormat::Json) return {};
  // A receiver is outside the hub: its answer is read with the depth-limited parser, and only
  // scalars are taken from it (a nested errcode is "no errcode", never walked into).
  const auto doc = wire::parseJsonBounded(body);
  if (!doc || !doc->is_object() || !doc->contains("errcode") || !(*doc)["errcode"].is_number())
    return "no errcode in the robot's answer";
  if ((*doc)["errcode"] == 0) return {};
  const auto& message = (*doc)["errmsg"];
  return "robot refused: errcode " + (*doc)["errcode"].dump() + " " +
         (message.is_string() ? message.get<std::string>().substr(0, 200) : std::string());
}

}  // namespace

AlertWorker::AlertWorker(AlertSources sources, AlertConfig config, ApiConfig api, std::int64_t utcOffsetMinutes,
                         std::function<std::int64_t()> clock, WebhookTransportFactory transports,
                         std::function<void(const std::string&)> log)
    : sources_(sources), config_(std::move(config)), api_(std::move(api)), utcOffsetMinutes_(utcOffsetMinutes),
      clock_(std::move(clock)), transports_(std::move(transports)), log_(std::move(log)) {}

AlertWorker::~AlertWorker() { stop(); }

void AlertWorker::look(std::int64_t now) {
  const std::string at = hallTime(now, utcOffsetMinutes_);
  const std::string today = at.substr(0, 10);
  const auto states = sources_.alerts.states();
  const auto previous = [&states](const std::string& subject) -> std::optional<std::string> {
    const auto it = states.find(subject);
    return it == states.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  const auto apply = [&](const std::string& subject, const std::optional<std::string>& before, const AlertDecision& d,
                         std::vector<Alert> alerts) {
    if (before == d.state && alerts.empty()) return;
    const auto queued = sources_.alerts.record(subject, d.state, alerts, config_.webhooks, now);
    for (const Alert& a : alerts) {
      sources_.accounts.audit("alerts", "alert", std::string(nameOf(a.kind)) + " " + subject, "local", now);
      log_("event=alert kind=" + std::string(nameOf(a.kind)) + " subject=" + subject +
           " queued=" + std::to_string(queued));
    }
  };

  for (const RectCase& c : sources_.cases.list(std::nullopt)) {
    const std::string subject = "case:" + std::to_string(c.id);
    const auto before = previous(subject);
    const AlertDecision d = decideCase(before, c.state, isOverdue(c.state, c.deadline, today));
    std::vector<Alert> alerts;
    for (AlertKind k : d.alerts) alerts.push_back(caseAlert(k, c, at));
    apply(subject, before, d, std::move(alerts));
  }
  std::vector<KioskStatus> kiosks;
  {
    auto lease = sources_.readers.lease();
    kiosks = queries::kiosks(lease.db());
  }
  for (const KioskStatus& k : kiosks) {
    if (k.lastSeenUnix == 0) continue;  // enrolled, never heard from: the kiosks page says so
    const std::string subject = "kiosk:" + k.kioskId;
    const auto before = previous(subject);
    const AlertDecision d = decideKiosk(before, now - k.lastSeenUnix > api_.silentAfterSeconds);
    std::vector<Alert> alerts;
    for (AlertKind kind : d.alerts) alerts.push_back(kioskAlert(kind, k, now, utcOffsetMinutes_, at));
    apply(subject, before, d, std::move(alerts));
  }
}

void AlertWorker::deliver(std::int64_t now) {
  for (const OutboxMessage& m : sources_.alerts.due(now, kBatch)) {
    const auto hook = std::find_if(config_.webhooks.begin(), config_.webhooks.end(),
                                   [&m](const WebhookTarget& w) { return w.url == m.url; });
    const std::string host = hostOf(m.url);  // never the whole URL: robot keys are secrets
    const std::string what = std::string(nameOf(m.kind)) + " " + m.subject + " to " + host;
    if (hook == config_.webhooks.end()) {
      sources_.alerts.gaveUp(m.id, "the webhook is no longer configured", now);
      sources_.accounts.audit("alerts", "alert_given_up", what + ": no longer configured", "local", now);
      continue;
    }
    const std::string url =
        hook->format == WebhookFormat::DingTalk ? signedDingTalkUrl(m.url, hook->secret, now * 1000) : m.url;
    const auto [origin, path] = splitUrl(url);
    std::string error;
    try {
      const auto transport = transports_(*hook, origin);
      const kiosk::sync::HttpResponse r = transport->send({"POST", path, m.body, ""});
      if (r.failure != kiosk::sync::Failure::None) error = r.error;
      else if (r.status < 200 || r.status > 299) error = "HTTP " + std::to_string(r.status);
      else error = robotRefusal(*hook, r.body);
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (error.empty()) {
      sources_.alerts.delivered(m.id, now);
      sources_.accounts.audit("alerts", "alert_sent", what, "local", now);
      log_("event=alert_sent kind=" + std::string(nameOf(m.kind)) + " subject=" + m.subject + " host=" + host);
    } else if (now - m.createdUnix >= config_.giveUpSeconds) {
      sources_.alerts.gaveUp(m.id, error, now);
      sources_.accounts.audit("alerts", "alert_given_up", what + ": " + error, "local", now);
      log_("event=alert_given_up subject=" + m.subject + " host=" + host + " reason=\"" + error + "\"");
    } else {
      const std::int64_t retryAt = now + retryDelaySeconds(m.attempts + 1, config_.retryBaseSeconds);
      sources_.alerts.failed(m.id, error, retryAt);
      log_("event=alert_failed subject=" + m.subject + " host=" + host + " attempt=" + std::to_string(m.attempts + 1) +
           " retry_at=" + std::to_string(retryAt) + " reason=\"" + error + "\"");
    }
  }
}

std::int64_t AlertWorker::runOnce() {
  const std::int64_t now = clock_();
  if (now >= nextLook_) {
    look(now);
    nextLook_ = now + config_.checkIntervalSeconds;
  }
  deliver(now);
  const auto due = sources_.alerts.nextDue();
  return due ? std::min(nextLook_, std::max(*due, now + 1)) : nextLook_;
}

void AlertWorker::start(std::function<bool()> mayRun) {
  thread_ = std::thread([this, mayRun = std::move(mayRun)] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      std::int64_t wakeAt = clock_() + config_.checkIntervalSeconds;
      try {
        if (!mayRun || mayRun()) wakeAt = runOnce();
      } catch (const std::exception& e) {
        log_("event=alert_error reason=\"" + std::string(e.what()) + "\"");
      }
      lock.lock();
      const auto wait = std::chrono::seconds(std::max<std::int64_t>(1, wakeAt - clock_()));
      wake_.wait_for(lock, wait, [this] { return stopping_; });
    }
  });
}

void AlertWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hub
