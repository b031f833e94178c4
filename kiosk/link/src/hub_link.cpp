#include "kiosk/link/hub_link.hpp"

#include "kiosk/app/list_source.hpp"
#include "kiosk/app/results_source.hpp"
#include "kiosk/link/store_outbox.hpp"
#include "sync/curl_transport.hpp"

namespace kiosk::link {

namespace {

sync::SyncSettings syncSettings(const config::KioskConfig& config, const HubLinkSettings& link,
                                sync::ResultsSink results, sync::SettingsSink settings, sync::CommandSink commands) {
  sync::SyncSettings s;
  s.kioskId = config.kioskId;
  s.deployment = config.sync->deployment;
  s.hall = config.sync->hall;
  s.trustedKeys = link.trustedKeys;
  s.appVersion = link.appVersion;
  s.dataDir = config.dataDir;
  s.batchInterval = config.sync->batchInterval;
  s.batchVotes = config.sync->batchVotes;
  s.shownListVersion = link.shownListVersion;
  s.journal = link.journal;
  s.signingKey = link.signingKey;
  s.health = link.health;
  s.heartbeatAccepted = link.heartbeatAccepted;
  if (config.results.show) s.results = std::move(results);
  s.resultsMinimum = config.results.minVotes;
  s.settings = std::move(settings);
  s.commands = std::move(commands);
  s.acksAtStart = link.acksAtStart;
  s.hallSettingsVersion = link.hallSettingsVersion;
  s.kioskSettingsVersion = link.kioskSettingsVersion;
  return s;
}

}  // namespace

HubLink::HubLink(const config::KioskConfig& config, HubLinkSettings settings,
                 std::function<std::shared_ptr<store::VoteStore>()> currentStore, const Clock& clock)
    : wakeUi_(settings.wakeUi), transport_(sync::curlTransports(config.sync->hubUrls, config.sync->caFile.string(),
                                                                config.sync->pinnedPublicKeys, settings.token)),
      engine_(syncSettings(
                  config, settings,
                  [this, dataDir = config.dataDir, wake = settings.wakeUi,
                   journal = settings.journal](const wire::ResultsBoard& board) {
                    try {
                      app::persistResults(dataDir, board);
                    } catch (const std::exception& e) {  // shown anyway; a restart asks the hub again
                      if (journal) journal(std::string("results-not-saved reason=\"") + e.what() + "\"");
                    }
                    resultsMailbox_.put(board);
                    if (wake) wake();
                  },
                  [this, wake = settings.wakeUi](const wire::KioskSettings& offered, const std::string& envelope) {
                    settingsMailbox_.update([&](SettingsOffer& offer) {
                      (offered.kiosk.empty() ? offer.hall : offer.kiosk) = std::pair{offered, envelope};
                    });
                    if (wake) wake();
                  },
                  [this, &clock, wake = settings.wakeUi](const wire::KioskCommand& command, sync::Millis validFor) {
                    (command.kind == wire::CommandKind::Screenshot ? screenshotMailbox_ : restartMailbox_)
                        .put({command, clock.now() + validFor});
                    if (wake) wake();
                  }),
              transport_, outboxOver(std::move(currentStore), config.kioskId), clock,
              [this, dataDir = config.dataDir, wake = settings.wakeUi](const wire::CommitmentList& list,
                                                                       const std::string& envelope) {
                app::persistSignedList(dataDir, envelope);  // on disk first: a restart shows it too
                listMailbox_.put(list);
                if (wake) wake();
              }) {
  worker_ = std::make_unique<sync::SyncWorker>(engine_);
}

HubLink::~HubLink() { worker_.reset(); }  // joins the sync thread before the engine goes

void HubLink::syncNow() { worker_->syncNow(); }

void HubLink::sendPanelRequest(const app::PanelRequest& request) {
  const bool post = request.method == app::PanelRequest::Method::Post;
  engine_.sendOnce({post ? "POST" : "GET", request.path, request.body, ""},
                   [this, ticket = request.ticket](const sync::HttpResponse& r) {
                     panelMailbox_.put({ticket, static_cast<int>(r.status), r.body});
                     if (wakeUi_) wakeUi_();
                   });
  worker_->syncNow();
}

void HubLink::postScreenshot(std::string commandId, sync::SyncEngine::ScreenshotJob make) {
  engine_.postScreenshot(std::move(commandId), std::move(make));
  worker_->syncNow();
}

SyncSummary HubLink::summary() const {
  const sync::SyncStatus s = engine_.status();
  SyncSummary summary;
  summary.configured = true;
  summary.lastSuccessUnix = s.lastSuccessUnix;
  summary.problem = s.problem;
  summary.detail = s.lastError;
  summary.settingsRefused = s.lastSettingsRejection;
  return summary;
}

}  // namespace kiosk::link
