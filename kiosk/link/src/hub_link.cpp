#include "kiosk/link/hub_link.hpp"

#include "kiosk/app/list_source.hpp"
#include "kiosk/link/store_outbox.hpp"

namespace kiosk::link {

void ListMailbox::put(wire::CommitmentList list) {
  std::lock_guard lock(mutex_);
  list_ = std::move(list);
}

std::optional<wire::CommitmentList> ListMailbox::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(list_, std::nullopt);
}

namespace {

sync::SyncSettings syncSettings(const config::KioskConfig& config, const HubLinkSettings& link) {
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
  return s;
}

}  // namespace

HubLink::HubLink(const config::KioskConfig& config, HubLinkSettings settings,
                 std::function<std::shared_ptr<store::VoteStore>()> currentStore, const Clock& clock)
    : transport_(sync::TransportSettings{config.sync->hubUrl, config.sync->caFile.string(),
                                         config.sync->pinnedPublicKeys, settings.token}),
      engine_(syncSettings(config, settings), transport_, outboxOver(std::move(currentStore), config.kioskId), clock,
              [this, dataDir = config.dataDir, wake = settings.wakeUi](const wire::CommitmentList& list,
                                                                       const std::string& envelope) {
                app::persistSignedList(dataDir, envelope);  // on disk first: a restart shows it too
                mailbox_.put(list);
                if (wake) wake();
              }) {
  worker_ = std::make_unique<sync::SyncWorker>(engine_);
}

HubLink::~HubLink() { worker_.reset(); }  // joins the sync thread before the engine goes

void HubLink::syncNow() { worker_->syncNow(); }

SyncSummary HubLink::summary() const {
  const sync::SyncStatus s = engine_.status();
  SyncSummary summary;
  summary.configured = true;
  summary.lastSuccessUnix = s.lastSuccessUnix;
  summary.problem = s.problem;
  summary.detail = s.lastError;
  return summary;
}

}  // namespace kiosk::link
