#include "kiosk/app/staff_desk.hpp"

#include <algorithm>
#include <unordered_map>

#include "common/iso_time.hpp"
#include "common/password_hash.hpp"
#include "kiosk/app/usb_export.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/store/batch_queue.hpp"

namespace kiosk::app {

namespace {
constexpr std::string_view kPinFailuresSetting = "staff_pin_failures";
constexpr std::size_t kMaxPinDigits = 12;

void wipe(std::string& secret) {
  std::fill(secret.begin(), secret.end(), '\0');
  secret.clear();
}
}  // namespace

StaffDesk::StaffDesk(const config::KioskConfig& config, const Clock& clock, AppEvents& events)
    : config_(config), clock_(clock), events_(events) {}

void StaffDesk::restoreLockout(store::VoteStore* store) {
  if (!config_.staff.enabled() || !store) return;
  try {
    gate_ = PinGate(std::stoi(store->setting(kPinFailuresSetting).value_or("0")), clock_.now());
  } catch (const std::exception&) {
    gate_ = PinGate(PinGate::kFreeTries, clock_.now());  // unreadable: assume the worst
  }
}

void StaffDesk::onIntent(const Intent& intent, Session& session, store::VoteStore* store,
                         const wire::CommitmentList& list) {
  using Kind = Intent::Kind;
  const Instant now = clock_.now();
  if (intent.kind == Kind::StaffGesture) {
    if (!config_.staff.enabled() || session.inStaffMode()) return;
    session.enterStaff(now);
    wipe(pin_);
    pinFeedback_ = gate_.lockedFor(now) ? PinPrompt::Feedback::Locked : PinPrompt::Feedback::None;
    return;
  }
  if (!session.inStaffMode()) return;
  session.staffActivity(now);
  const bool onPad = session.screen() == Screen::StaffPin;
  const bool unlocked = session.screen() == Screen::Staff;
  switch (intent.kind) {
    case Kind::PinDigit:
      if (!onPad || gate_.lockedFor(now)) break;  // the pad is dead while locked out
      if (intent.index <= 9 && pin_.size() < kMaxPinDigits) pin_ += static_cast<char>('0' + intent.index);
      pinFeedback_ = PinPrompt::Feedback::None;
      break;
    case Kind::PinErase:
      if (onPad && !pin_.empty()) pin_.pop_back();
      break;
    case Kind::PinSubmit:
      if (onPad) submitPin(session, store, list, now);
      break;
    case Kind::StaffLeave:
      wipe(pin_);
      session.leaveStaff(now);
      report_ = {};
      events_.staffLeft();
      break;
    case Kind::StaffSyncNow:
      if (!unlocked) break;
      events_.syncNowRequested();
      report_.notice = {report_.sync.configured ? "staff.notice_sync" : "staff.notice_offline", ""};
      break;
    case Kind::StaffExport:
      if (unlocked) exportToUsb(store, list);
      break;
    case Kind::StaffQuit:
      if (unlocked) events_.maintenanceExitRequested();
      break;
    default: break;
  }
}

void StaffDesk::submitPin(Session& session, store::VoteStore* store, const wire::CommitmentList& list, Instant now) {
  if (gate_.lockedFor(now)) {  // not even checked: guessing while locked out gains nothing
    wipe(pin_);
    pinFeedback_ = PinPrompt::Feedback::Locked;
    return;
  }
  const bool right = common::validPin(pin_) && common::verifyPin(config_.staff.pinHash, pin_);
  wipe(pin_);
  if (right) gate_.succeeded();
  else gate_.failed(now);
  try {
    if (store) store->setSetting(kPinFailuresSetting, std::to_string(gate_.failures()));
  } catch (const std::exception& e) {
    events_.storeFailed(std::string("cannot record the staff PIN attempt: ") + e.what());
  }
  if (!right) {
    pinFeedback_ = gate_.lockedFor(now) ? PinPrompt::Feedback::Locked : PinPrompt::Feedback::Wrong;
    events_.staffPinRejected(gate_.failures(), gate_.lockedFor(now).has_value());
    return;
  }
  pinFeedback_ = PinPrompt::Feedback::None;
  session.staffUnlocked(now);
  refresh(store, list, true);
  events_.staffUnlocked();
}

PinPrompt StaffDesk::pinPrompt() const {
  const auto locked = gate_.lockedFor(clock_.now());
  PinPrompt p;
  p.digits = pin_.size();
  // A lockout that has run out is over, whatever the last try said.
  if (locked) p.feedback = PinPrompt::Feedback::Locked;
  else p.feedback = pinFeedback_ == PinPrompt::Feedback::Locked ? PinPrompt::Feedback::None : pinFeedback_;
  p.triesLeft = gate_.triesLeft();
  p.lockedFor = locked.value_or(Millis{0});
  return p;
}

void StaffDesk::tick(const Session& session, store::VoteStore* store, const wire::CommitmentList& list) {
  if (session.screen() == Screen::Staff && clock_.now() >= nextRefresh_) refresh(store, list, false);
}

std::optional<Instant> StaffDesk::nextRefresh(const Session& session) const {
  if (session.screen() != Screen::Staff) return std::nullopt;
  return nextRefresh_;
}

void StaffDesk::refresh(store::VoteStore* store, const wire::CommitmentList& list, bool withTallies) {
  nextRefresh_ = clock_.now() + kRefresh;
  report_.kioskId = config_.kioskId;
  report_.today = bucketLabel(clock_.wallNow(), std::chrono::minutes(24 * 60)).substr(0, 10);
  report_.exportConfigured = !config_.staff.exportDir.empty();
  if (syncStatus_) report_.sync = syncStatus_();
  else report_.sync = SyncSummary{};
  report_.sync.listVersion = list.version;
  report_.sync.hallSettingsVersion = settings_.hall;
  report_.sync.kioskSettingsVersion = settings_.kiosk;
  // Refused while applying (a language without strings) is as much news as refused by the sync engine.
  if (!settings_.refused.empty()) report_.sync.settingsRefused = settings_.refused;
  if (report_.sync.lastSuccessUnix > 0) {
    std::string at =
        common::isoTimestamp({report_.sync.lastSuccessUnix, clock_.wallNow().utc_offset_seconds}).substr(0, 16);
    at[10] = ' ';
    report_.sync.lastSuccess = at;
  }
  if (!store) return;
  try {
    // The outbox as it is this moment (the sync thread's own figures are from its last round).
    const auto q = store::BatchQueue(*store, config_.kioskId).status();
    report_.sync.queuedBatches = q.queued;
    report_.sync.conflicts = q.conflicts;
    report_.sync.openVotes = q.openVotes;
    if (!withTallies) return;
    // Every listed commitment gets a row, in list order, voted on or not.
    const auto counted = store->periodTallies(report_.today);
    std::unordered_map<std::string_view, const CommitmentTally*> byId;
    for (const auto& t : counted) byId[t.commitmentId] = &t;
    report_.tallies.clear();
    for (const auto& c : list.commitments) {
      const auto found = byId.find(c.id);
      report_.tallies.push_back(found == byId.end() ? CommitmentTally{c.id, {}, {}, {}} : *found->second);
    }
  } catch (const std::exception& e) {
    report_.notice = {"staff.notice_store_error", e.what()};
  }
}

void StaffDesk::exportToUsb(store::VoteStore* store, const wire::CommitmentList& list) {
  if (!store) {
    report_.notice = {"staff.notice_store_error", "the vote database is not open"};
    return;
  }
  try {
    const ExportOutcome out = app::exportToUsb(*store, list,
                                               {config_.staff.exportDir, config_.staff.exportNeedsMount,
                                                config_.kioskId, clock_.wallNow(), config_.bucket, signingKey_});
    report_.notice = {"staff.notice_exported", out.folder.filename().string()};
    events_.exported(out.folder.string());
  } catch (const ExportError& e) {
    // No stick is the everyday case: say so plainly, with the folder the kiosk looked in. Any other
    // failure is told in words staff can act on; the system's own message goes to the journal.
    if (e.kind() == ExportError::Kind::NoStick) {
      report_.notice = {"staff.notice_no_stick", config_.staff.exportDir.string()};
    } else {
      report_.notice = {"staff.notice_export_failed", ""};
      events_.exportFailed(e.what());
    }
  } catch (const std::exception& e) {
    report_.notice = {"staff.notice_export_failed", ""};
    events_.exportFailed(e.what());
  }
  refresh(store, list, true);
}

}  // namespace kiosk::app
