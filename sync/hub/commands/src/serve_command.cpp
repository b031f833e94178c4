// `kiosk-hub serve`, the composition root: every layer made and wired, HTTPS until SIGTERM.
#include "hub/commands/commands.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <chrono>

#include "hub/api/api.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/console/console.hpp"
#include "hub/core/hub_metrics.hpp"
#include "hub/jobs/alert_worker.hpp"
#include "hub/jobs/case_sweeper.hpp"
#include "hub/phone/resident_pages.hpp"
#include "hub/server/https_server.hpp"
#include "hub/server/hub_router.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/alert_store.hpp"
#include "hub/store/background_leader.hpp"
#include "hub/store/case_store.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/list_drafts.hpp"
#include "hub/store/read_pool.hpp"
#include "hub/store/review_store.hpp"
#include "hub/store/second_factor_store.hpp"
#include "hub/store/store_connections.hpp"
#include "sync/curl_transport.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

int serve(const fs::path& dir, const std::string& listenOverride) {
  auto cfg = hub::loadHubConfig(dir);
  if (!listenOverride.empty()) cfg.listen = listenOverride;
  const auto [host, port] = hub::parseListen(cfg.listen);
  auto tls = hub::makeServerTlsContext(cfg.tlsCertificate.string(), cfg.tlsKey.string());
  hub::HubStore store(hub::connectHubStore(cfg));
  // Reports and the console read through their own connections, one per reader thread.
  hub::ReadPool readers(hub::readerOpener(cfg), cfg.limits.readerThreads, cfg.queryTimeLimit);
  hub::Api api(cfg.api, store, unixNow, &readers);
  hub::AccountStore accounts(hub::connectConsoleStore(cfg));
  hub::CaseStore cases(hub::connectConsoleStore(cfg));
  hub::ReviewStore reviews(hub::connectConsoleStore(cfg));
  hub::ListDraftStore drafts(hub::connectConsoleStore(cfg));
  hub::SecondFactorStore secondFactors(hub::connectConsoleStore(cfg));
  hub::HallDirectory halls(hub::connectConsoleStore(cfg));
  hub::PanelStore panels(hub::connectConsoleStore(cfg));
  hub::SelectionWeightsStore weights(hub::connectConsoleStore(cfg));
  hub::SuggestionStore suggestions(hub::connectConsoleStore(cfg));
  hub::console::Console console(cfg.console, cfg.api,
                                {accounts, cases, reviews, drafts, secondFactors, halls, panels, weights, suggestions},
                                readers, unixNow);
  api.useCaseRecords(cases, reviews);
  api.usePanels(panels);
  api.useSuggestions(suggestions);
  api.useNames(halls, accounts);
  // The residents' pages (phone votes, public results): always routed; each answers that it is
  // switched off until hub.toml's [phone] / [poster] / [public] enabled say otherwise.
  hub::phone::ResidentPages residents(cfg.phone, cfg.publicPage, cfg.api.deployment, api, readers, halls, unixNow,
                                      &panels, &suggestions);
  hub::HubRouter router(api, console, &residents);
  hub::HubMetrics metrics;
  api.setMetrics(&metrics, hub::usesPostgres(cfg) ? std::vector<fs::path>{}
                                                  : std::vector<fs::path>{cfg.database, cfg.consoleDatabase});
  // Alerts to 企业微信 / 钉钉 / JSON webhooks, on a thread of their own: a slow receiver never holds
  // a request, and the outbox in console.db carries what is unsent across a restart.
  kiosk::sync::initTransportLibrary();
  hub::AlertStore alertStore(hub::connectConsoleStore(cfg));
  hub::AlertWorker alerts(
      {readers, cases, alertStore, accounts}, cfg.alerts, cfg.api, cfg.console.utcOffsetMinutes, unixNow,
      [](const hub::WebhookTarget& hook, const std::string& origin) {
        kiosk::sync::TransportSettings t{origin, hook.caFile, "", ""};
        t.totalTimeout = std::chrono::seconds(20);
        return std::make_unique<kiosk::sync::CurlTransport>(t);
      },
      logLine);
  // With several hubs on one PostgreSQL, one of them sweeps and alerts (whichever holds the lead).
  hub::BackgroundLeader leader(
      hub::usesPostgres(cfg) ? std::function<common::sql::Database()>([&cfg] { return hub::connectHubStore(cfg); })
                             : std::function<common::sql::Database()>());
  alerts.start([&leader] { return leader.lead(); });
  boost::asio::io_context io(1);
  hub::HttpsServer server(io, tls, {boost::asio::ip::make_address(host), port}, router, cfg.limits, logLine);
  server.setObserver([&metrics](const std::string& method, const std::string& target, int status,
                                std::chrono::duration<double> took,
                                bool anonymous) { metrics.observeRequest(method, target, status, took, anonymous); });
  server.start();
  logLine("event=listening address=" + server.endpoint().address().to_string() +
          " port=" + std::to_string(server.endpoint().port()) + " deployment=" + cfg.api.deployment);
  boost::asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    logLine("event=stopping signal=" + std::to_string(sig));
    server.stop(std::chrono::seconds(5), [&io] { io.stop(); });  // in-flight requests, then out: within 10 s
  });
  // The rectification rule, applied now and every five minutes, so cases open by themselves.
  hub::CaseSweeper sweeper([&console] { console.sweepCases(); }, std::chrono::minutes(5), logLine);
  sweeper.start([&leader] { return leader.lead(); });
  // Nothing thrown while serving one connection may end the process: log it and keep serving.
  for (;;) {
    try {
      io.run();
      break;
    } catch (const std::exception& e) {
      logLine("event=loop_error reason=\"" + std::string(e.what()) + "\"");
    }
  }
  sweeper.stop();
  alerts.stop();
  logLine("event=stopped");
  return 0;  // the store closes as it goes out of scope, after the last request
}

}  // namespace hub::commands
