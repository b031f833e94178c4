// Alerts where staff already are: every [alerts] check_interval_s the worker looks at every case
// (opened, overdue) and every kiosk (silent, back), records each change once in the AlertStore
// with one queued message per webhook, and sends due messages over HTTPS — retried with backoff
// ([alerts] retry_base_s, doubling to an hour) until a 2xx (and errcode 0 from a 企业微信 / 钉钉
// robot), given up after give_up_hours; each decision, delivery and give-up is audited.
// runOnce() is one wake-up's whole work, for tests with a back-dated clock and a plug-in
// transport; start() runs it on a thread of its own (never the ingest thread) until stop().
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "hub/config/hub_config.hpp"
#include "hub/config/settings.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/alert_store.hpp"
#include "hub/store/case_store.hpp"
#include "hub/store/read_pool.hpp"
#include "sync/transport.hpp"

namespace hub {

// A transport to `origin` ("https://host:port") for this webhook (its CA, no bearer token).
using WebhookTransportFactory =
    std::function<std::unique_ptr<kiosk::sync::HttpTransport>(const WebhookTarget& hook, const std::string& origin)>;

struct AlertSources {
  ReadPool& readers;  // hub.db, for the kiosks' last heartbeats
  CaseStore& cases;
  AlertStore& alerts;
  AccountStore& accounts;  // the audit log
};

class AlertWorker {
 public:
  AlertWorker(AlertSources sources, AlertConfig config, ApiConfig api, std::int64_t utcOffsetMinutes,
              std::function<std::int64_t()> clock, WebhookTransportFactory transports,
              std::function<void(const std::string&)> log);
  ~AlertWorker();  // stops and joins
  AlertWorker(const AlertWorker&) = delete;
  AlertWorker& operator=(const AlertWorker&) = delete;

  // Looks (when a look is due) and delivers what is due; returns the unix second to wake next.
  std::int64_t runOnce();
  // `mayRun`: asked before each wake-up's work; false skips it (another hub leads, see
  // hub/background_leader.hpp). Empty: always run.
  void start(std::function<bool()> mayRun = {});
  void stop();

 private:
  void look(std::int64_t now);
  void deliver(std::int64_t now);

  AlertSources sources_;
  AlertConfig config_;
  ApiConfig api_;
  std::int64_t utcOffsetMinutes_;
  std::function<std::int64_t()> clock_;
  WebhookTransportFactory transports_;
  std::function<void(const std::string&)> log_;
  std::int64_t nextLook_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hub
