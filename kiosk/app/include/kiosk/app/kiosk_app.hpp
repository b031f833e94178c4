// The kiosk's controller: turns keys and tapped intents into session transitions, stores each
// rating before the session may acknowledge it, and takes the kiosk out of service (and back)
// when storage fails (and recovers). Staff intents go to its StaffDesk. No SDL, no ImGui: tests
// drive it directly.
// UI thread only, except sharedStore(), which the sync thread may call. The store it opens is the
// kiosk's single writer connection, shared with the sync thread (VoteStore locks per transaction).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/app/app_events.hpp"
#include "kiosk/app/panel_flow.hpp"
#include "kiosk/app/staff_desk.hpp"
#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/core/intent.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/staff_report.hpp"
#include "kiosk/store/vote_store.hpp"
#include "wire/commitment_list.hpp"
#include "wire/results_board.hpp"

namespace kiosk::app {

using StoreOpener = std::function<std::unique_ptr<store::VoteStore>()>;

class KioskApp {
 public:
  // How often a failed store is retried while the out-of-service screen shows.
  static constexpr Millis kStoreRetry{5'000};

  KioskApp(const config::KioskConfig& config, wire::CommitmentList list, StoreOpener openStore, const Clock& clock,
           AppEvents& events);

  const Session& session() const { return session_; }
  const wire::CommitmentList& list() const { return list_; }
  const KeyMap& keys() const { return config_.keys; }
  // Today's opening hours in the hall's local time, for the closed screen.
  std::string hoursToday() const { return config_.hours.todayText(clock_.wallNow()); }
  store::VoteStore* store() { return store_.get(); }
  // The open store, or null while it is failing; safe from any thread.
  std::shared_ptr<store::VoteStore> sharedStore() const;

  // Shows `list` from now on. Call only on the attract screen: nobody is mid-session.
  void installList(wire::CommitmentList list);
  // 你评我改: what the detail screen (and, if configured, each card) says about a commitment's
  // recent ratings and rectification. Any screen: figures change, nobody's session does. With
  // results.show off the board stays empty.
  void installResults(wire::ResultsBoard board);
  const wire::ResultsBoard& results() const { return results_; }

  // A key by its X11 keysym name; `columns` is the list's cards per row.
  void onKey(std::string_view keyName, std::size_t columns);
  void onIntent(const Intent& intent);
  // Staff mode: what the PIN pad and the staff screen show.
  PinPrompt pinPrompt() const { return staff_.pinPrompt(); }
  const StaffReport& staffReport() const { return staff_.report(); }
  // Where the staff screen reads the sync status from (the hub link's); without one the kiosk
  // reports itself offline.
  void setSyncStatusSource(std::function<SyncSummary()> source) { staff_.setSyncStatusSource(std::move(source)); }
  // Signs the batches of a USB export (the uploads are signed by the hub link).
  void setSigningKey(wire::Ed25519PrivateKey key) { staff_.setSigningKey(std::move(key)); }

  // 评议会 panel mode: how its requests reach the hub (the hub link's, on the sync thread). Without
  // a sender there is no panel mode (no hub configured): the attract screen offers none.
  void setPanelSender(std::function<void(const PanelRequest&)> send) { panelSender_ = std::move(send); }
  bool panelsOffered() const { return config_.panel.enabled && static_cast<bool>(panelSender_); }
  // The hub's answer to a panel request (status 0: not reached); a stale ticket is ignored.
  void panelAnswered(std::uint64_t ticket, int status, const std::string& body) {
    panel_.answered(ticket, status, body);
  }
  const PanelPrompt& panelPrompt() const { return panel_.prompt(); }

  // The configuration this app was made with has changed in place (signed settings applied): take
  // the new timeouts, resident defaults, hours and results switch. Only on the attract or closed
  // screen.
  void reconfigure();
  // What the staff screen says about signed settings: versions applied and the last refusal.
  void noteSettings(std::int64_t hallVersion, std::int64_t kioskVersion, std::string refused) {
    staff_.noteSettings(hallVersion, kioskVersion, std::move(refused));
  }

  // Idle reset, thanks timeout, store retry. Call on every wake-up.
  void tick();
  std::optional<Instant> nextDeadline() const;

 private:
  void persist(const std::optional<PendingVote>& vote);
  bool tryOpenStore();
  // Copies out a store whose file moved; false (keeping it as stranded_) when the copy failed.
  bool rescueFrom(std::shared_ptr<store::VoteStore> old);
  void dropStore();

  const config::KioskConfig& config_;
  wire::CommitmentList list_;
  wire::ResultsBoard results_;
  StoreOpener openStore_;
  const Clock& clock_;
  AppEvents& events_;
  mutable std::mutex storeMutex_;  // guards the pointer, not the store
  std::shared_ptr<store::VoteStore> store_;
  // A store whose file moved and whose contents could not be copied out yet: retried before any
  // new file is opened at the path, so an empty database never replaces unsynced votes.
  std::shared_ptr<store::VoteStore> stranded_;
  Session session_;
  Instant nextRetry_{};
  StaffDesk staff_;
  PanelFlow panel_;
  std::function<void(const PanelRequest&)> panelSender_;
  void onPanelIntent(const Intent& intent, Instant now);
};

std::vector<std::string> commitmentIds(const wire::CommitmentList& list);
std::vector<std::string> reasonCodes(const wire::CommitmentList& list);
// Term and unit of each commitment, for the list screen's filter chips.
std::vector<Facets> facetsOf(const wire::CommitmentList& list);

}  // namespace kiosk::app
