// The kiosk's link to the hub, in one object: the transport (curl, per configured hub URL), the sync engine over the
// kiosk's outbox, the sync thread, and the mailboxes through which a verified newer list and new results reach the UI.
// Made and destroyed on the UI thread (the destructor joins the sync thread); syncNow(),
// summary(), the take…() calls and postScreenshot() are for the UI thread, the rest runs on the sync thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "kiosk/app/panel_flow.hpp"
#include "kiosk/app/settings_source.hpp"
#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/core/staff_report.hpp"
#include "kiosk/store/vote_store.hpp"
#include "sync/failover_transport.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_worker.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/results_board.hpp"
#include "wire/signed_list.hpp"

namespace kiosk::link {

// A value handed from the sync thread to the UI thread: a verified new list, which the UI installs
// only when nobody is mid-session (the attract screen), or new results. The newest wins. Any thread.
template <typename T>
class Mailbox {
 public:
  void put(T value) {
    std::lock_guard lock(mutex_);
    value_ = std::move(value);
  }
  // Changes the waiting value in place (made from T{} when none waits), under the same lock.
  template <typename Change>
  void update(Change change) {
    std::lock_guard lock(mutex_);
    if (!value_) value_.emplace();
    change(*value_);
  }
  std::optional<T> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(value_, std::nullopt);
  }

 private:
  std::mutex mutex_;
  std::optional<T> value_;
};

using app::SettingsOffer;

struct HubLinkSettings {
  std::string token;                  // the kiosk's bearer token
  wire::TrustedKeys trustedKeys;      // administrators' list-signing keys
  std::int64_t shownListVersion = 0;  // 0: showing the configured file, nothing from the hub yet
  std::string appVersion;
  std::function<void(const std::string&)> journal;         // one line per sync event
  std::function<void()> wakeUi;                            // called from the sync thread when a list or results arrive
  std::optional<wire::Ed25519PrivateKey> signingKey = {};  // signs every upload
  std::function<sync::KioskHealth()> health = {};          // for the heartbeat; called on the sync thread
  // The signed settings applied at start (hall's, kiosk's own; 0 for none): only newer are offered.
  std::int64_t hallSettingsVersion = 0, kioskSettingsVersion = 0;
  // A restart's acknowledgement kept across the restart (app/restart_ack.hpp).
  std::vector<wire::CommandAck> acksAtStart = {};
  std::function<void()> heartbeatAccepted = {};  // on the sync thread, each heartbeat the hub took
};

class HubLink {
 public:
  // Starts the sync thread. `currentStore` returns the app's open store, or null while it fails.
  HubLink(const config::KioskConfig& config, HubLinkSettings settings,
          std::function<std::shared_ptr<store::VoteStore>()> currentStore, const Clock& clock);
  ~HubLink();
  HubLink(const HubLink&) = delete;
  HubLink& operator=(const HubLink&) = delete;

  void syncNow();
  // The sync status in the staff screen's terms.
  SyncSummary summary() const;
  // A newer verified list, already saved in the data folder, if one arrived since the last call.
  std::optional<wire::CommitmentList> takeNewList() { return listMailbox_.take(); }
  // Newer 你评我改 results, already saved in the data folder, if any arrived since the last call.
  std::optional<wire::ResultsBoard> takeNewResults() { return resultsMailbox_.take(); }
  // Newer signed settings (verified, not yet saved: the UI thread saves what it applies), if any.
  std::optional<SettingsOffer> takeNewSettings() { return settingsMailbox_.take(); }
  // A command the UI thread carries out, and until when it may be.
  struct PendingCommand {
    wire::KioskCommand command;
    Instant validUntil;
  };
  // A 重启程序 command, if the hub sent one.
  std::optional<PendingCommand> takeRestart() { return restartMailbox_.take(); }
  // A 截屏 command, if the hub sent one.
  std::optional<PendingCommand> takeScreenshot() { return screenshotMailbox_.take(); }
  // What came of a command handed to the UI thread; sent with the next heartbeat. Any thread.
  void acknowledge(wire::CommandAck ack) { engine_.acknowledge(std::move(ack)); }
  // The screenshot a 截屏 command asked for, made on the sync thread and sent at once (it is woken).
  void postScreenshot(std::string commandId, sync::SyncEngine::ScreenshotJob make);
  // 评议会 panel mode: a request sent at once (the sync thread is woken); its answer arrives in
  // takePanelAnswer(), and the UI is woken for it.
  void sendPanelRequest(const app::PanelRequest& request);
  struct PanelAnswer {
    std::uint64_t ticket = 0;
    int status = 0;
    std::string body;
  };
  std::optional<PanelAnswer> takePanelAnswer() { return panelMailbox_.take(); }

 private:
  Mailbox<wire::CommitmentList> listMailbox_;
  Mailbox<wire::ResultsBoard> resultsMailbox_;
  Mailbox<SettingsOffer> settingsMailbox_;
  Mailbox<PendingCommand> restartMailbox_;
  Mailbox<PendingCommand> screenshotMailbox_;
  Mailbox<PanelAnswer> panelMailbox_;
  std::function<void()> wakeUi_;
  sync::FailoverTransport transport_;  // one CurlTransport per configured hub URL
  sync::SyncEngine engine_;
  std::unique_ptr<sync::SyncWorker> worker_;  // last: its thread uses everything above
};

}  // namespace kiosk::link
