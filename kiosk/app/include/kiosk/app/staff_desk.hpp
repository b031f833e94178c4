// The staff side of the kiosk, behind the hidden gesture: the PIN pad with its persistent lockout,
// the staff report (local tallies, outbox, sync status), "sync now", USB export and the maintenance
// exit. KioskApp hands it staff intents and the session; it never touches resident flow.
// UI thread only. It borrows the store per call (null while storage fails) and never keeps it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "kiosk/app/app_events.hpp"
#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/core/intent.hpp"
#include "kiosk/core/pin_gate.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/staff_report.hpp"
#include "kiosk/store/vote_store.hpp"
#include "wire/commitment_list.hpp"
#include "wire/crypto.hpp"

namespace kiosk::app {

class StaffDesk {
 public:
  // How often the staff screen's sync status is re-read while it shows.
  static constexpr Millis kRefresh{1'000};

  StaffDesk(const config::KioskConfig& config, const Clock& clock, AppEvents& events);
  // The kiosk's batch-signing key, for the .sig files of a USB export.
  void setSigningKey(wire::Ed25519PrivateKey key) { signingKey_ = std::move(key); }

  // Wrong PINs counted before a restart still count: pulling the plug buys no fresh tries.
  // An unreadable count starts the pad locked, the worst case.
  void restoreLockout(store::VoteStore* store);

  // A staff intent (gesture, PIN pad, staff screen buttons); anything else is ignored.
  void onIntent(const Intent& intent, Session& session, store::VoteStore* store, const wire::CommitmentList& list);
  // Re-reads the sync status while the staff screen shows.
  void tick(const Session& session, store::VoteStore* store, const wire::CommitmentList& list);
  // When tick() has work to do next (nullopt: not on the staff screen).
  std::optional<Instant> nextRefresh(const Session& session) const;

  PinPrompt pinPrompt() const;
  const StaffReport& report() const { return report_; }
  // Where the staff screen reads the sync status from; without one the kiosk reports itself offline.
  void setSyncStatusSource(std::function<SyncSummary()> source) { syncStatus_ = std::move(source); }
  void noteSettings(std::int64_t hallVersion, std::int64_t kioskVersion, std::string refused) {
    settings_ = {hallVersion, kioskVersion, std::move(refused)};
  }

 private:
  struct SettingsNote {
    std::int64_t hall = 0, kiosk = 0;
    std::string refused;  // applying the last offered settings failed: why
  } settings_;
  void submitPin(Session& session, store::VoteStore* store, const wire::CommitmentList& list, Instant now);
  void refresh(store::VoteStore* store, const wire::CommitmentList& list, bool withTallies);
  void exportToUsb(store::VoteStore* store, const wire::CommitmentList& list);

  const config::KioskConfig& config_;
  std::optional<wire::Ed25519PrivateKey> signingKey_;
  const Clock& clock_;
  AppEvents& events_;
  // The typed PIN lives only until it is checked (then it is wiped).
  std::string pin_;
  PinGate gate_;
  PinPrompt::Feedback pinFeedback_ = PinPrompt::Feedback::None;
  StaffReport report_;
  std::function<SyncSummary()> syncStatus_;
  Instant nextRefresh_{};
};

}  // namespace kiosk::app
