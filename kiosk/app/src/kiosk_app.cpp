#include "kiosk/app/kiosk_app.hpp"

#include <algorithm>
#include <unordered_map>

#include "kiosk/app/pin_hash.hpp"
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

std::vector<std::string> commitmentIds(const wire::CommitmentList& list) {
  std::vector<std::string> ids;
  ids.reserve(list.commitments.size());
  for (const auto& c : list.commitments) ids.push_back(c.id);
  return ids;
}

std::vector<std::string> reasonCodes(const wire::CommitmentList& list) {
  std::vector<std::string> codes;
  for (const auto& r : list.reasons) codes.push_back(r.code);
  return codes;
}

std::vector<Facets> facetsOf(const wire::CommitmentList& list) {
  std::vector<Facets> facets;
  facets.reserve(list.commitments.size());
  for (const auto& c : list.commitments) facets.push_back({std::string(wire::nameOf(c.term)), c.holder.unit});
  return facets;
}

KioskApp::KioskApp(const config::KioskConfig& config, wire::CommitmentList list, StoreOpener openStore,
                   const Clock& clock, AppEvents& events)
    : config_(config), list_(std::move(list)), openStore_(std::move(openStore)), clock_(clock), events_(events),
      session_(config.session, commitmentIds(list_), reasonCodes(list_), facetsOf(list_)) {
  if (!tryOpenStore()) {
    session_.storeFailed();
    nextRetry_ = clock_.now() + kStoreRetry;
  } else if (config_.staff.enabled()) {
    // Wrong PINs counted before a restart still count: pulling the plug buys no fresh tries.
    try {
      gate_ = PinGate(std::stoi(store_->setting(kPinFailuresSetting).value_or("0")), clock_.now());
    } catch (const std::exception&) {
      gate_ = PinGate(PinGate::kFreeTries, clock_.now());  // unreadable: assume the worst
    }
  }
  tick();  // start on the right screen for the time of day
}

std::shared_ptr<store::VoteStore> KioskApp::sharedStore() const {
  std::lock_guard lock(storeMutex_);
  return store_;
}

void KioskApp::dropStore() {
  // Reopen from scratch next time: the file or its disk may have been replaced. The sync thread
  // may still hold the old one for its current transaction; it closes when that ends.
  std::lock_guard lock(storeMutex_);
  store_.reset();
}

bool KioskApp::tryOpenStore() {
  try {
    std::shared_ptr<store::VoteStore> s = sharedStore();
    if (!s) s = openStore_();
    if (s->probeWritable()) {
      std::lock_guard lock(storeMutex_);
      store_ = std::move(s);
      return true;
    }
    events_.storeFailed("the vote database does not accept writes");
  } catch (const std::exception& e) {
    events_.storeFailed(e.what());
  }
  dropStore();
  return false;
}

void KioskApp::installList(wire::CommitmentList list) {
  list_ = std::move(list);
  session_.replaceList(commitmentIds(list_), reasonCodes(list_), facetsOf(list_));
}

void KioskApp::onKey(std::string_view keyName, std::size_t columns) {
  const auto action = config_.keys.lookup(keyName);
  if (!action) return;
  persist(session_.key(*action, clock_.now(), columns));
}

void KioskApp::onIntent(const Intent& intent) {
  const Instant now = clock_.now();
  switch (intent.kind) {
    case Intent::Kind::Start: session_.start(now); break;
    case Intent::Kind::Open: session_.open(intent.index, now); break;
    case Intent::Kind::Back: session_.back(now); break;
    case Intent::Kind::Finish: session_.finish(now); break;
    case Intent::Kind::Rate: persist(session_.rate(intent.rating, now)); break;
    case Intent::Kind::ChooseReason: persist(session_.chooseReason(intent.index, now)); break;
    case Intent::Kind::ToggleLargeText: session_.toggleLargeText(now); break;
    case Intent::Kind::ToggleHighContrast: session_.toggleHighContrast(now); break;
    case Intent::Kind::NextLanguage: session_.nextLanguage(now, config_.languages.size()); break;
    case Intent::Kind::ChooseChip: session_.chooseChip(intent.index, now); break;
    case Intent::Kind::StaffGesture:
    case Intent::Kind::PinDigit:
    case Intent::Kind::PinErase:
    case Intent::Kind::PinSubmit:
    case Intent::Kind::StaffLeave:
    case Intent::Kind::StaffSyncNow:
    case Intent::Kind::StaffExport:
    case Intent::Kind::StaffQuit: onStaffIntent(intent, now); break;
  }
}

void KioskApp::onStaffIntent(const Intent& intent, Instant now) {
  using Kind = Intent::Kind;
  if (intent.kind == Kind::StaffGesture) {
    if (!config_.staff.enabled() || session_.inStaffMode()) return;
    session_.enterStaff(now);
    wipe(pin_);
    pinFeedback_ = gate_.lockedFor(now) ? PinPrompt::Feedback::Locked : PinPrompt::Feedback::None;
    return;
  }
  if (!session_.inStaffMode()) return;
  session_.staffActivity(now);
  const bool onPad = session_.screen() == Screen::StaffPin;
  const bool unlocked = session_.screen() == Screen::Staff;
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
      if (onPad) submitPin(now);
      break;
    case Kind::StaffLeave:
      wipe(pin_);
      session_.leaveStaff(now);
      report_ = {};
      events_.staffLeft();
      break;
    case Kind::StaffSyncNow:
      if (!unlocked) break;
      events_.syncNowRequested();
      report_.notice = {report_.sync.configured ? "staff.notice_sync" : "staff.notice_offline", ""};
      break;
    case Kind::StaffExport:
      if (unlocked) exportToUsb();
      break;
    case Kind::StaffQuit:
      if (unlocked) events_.maintenanceExitRequested();
      break;
    default: break;
  }
}

void KioskApp::submitPin(Instant now) {
  if (gate_.lockedFor(now)) {  // not even checked: guessing while locked out gains nothing
    wipe(pin_);
    pinFeedback_ = PinPrompt::Feedback::Locked;
    return;
  }
  const bool right = validPin(pin_) && verifyPin(config_.staff.pinHash, pin_);
  wipe(pin_);
  if (right) gate_.succeeded();
  else gate_.failed(now);
  try {
    if (store_) store_->setSetting(kPinFailuresSetting, std::to_string(gate_.failures()));
  } catch (const std::exception& e) {
    events_.storeFailed(std::string("cannot record the staff PIN attempt: ") + e.what());
  }
  if (!right) {
    pinFeedback_ = gate_.lockedFor(now) ? PinPrompt::Feedback::Locked : PinPrompt::Feedback::Wrong;
    events_.staffPinRejected(gate_.failures(), gate_.lockedFor(now).has_value());
    return;
  }
  pinFeedback_ = PinPrompt::Feedback::None;
  session_.staffUnlocked(now);
  refreshStaffReport(true);
  events_.staffUnlocked();
}

PinPrompt KioskApp::pinPrompt() const {
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

void KioskApp::refreshStaffReport(bool withTallies) {
  nextStaffRefresh_ = clock_.now() + kStaffRefresh;
  report_.kioskId = config_.kioskId;
  report_.today = bucketLabel(clock_.wallNow(), std::chrono::minutes(24 * 60)).substr(0, 10);
  report_.exportConfigured = !config_.staff.exportDir.empty();
  if (syncStatus_) report_.sync = syncStatus_();
  else report_.sync = SyncSummary{};
  report_.sync.listVersion = list_.version;
  if (report_.sync.lastSuccessUnix > 0) {
    std::string at = isoTimestamp({report_.sync.lastSuccessUnix, clock_.wallNow().utc_offset_seconds}).substr(0, 16);
    at[10] = ' ';
    report_.sync.lastSuccess = at;
  }
  if (!store_) return;
  try {
    // The outbox as it is this moment (the sync thread's own figures are from its last round).
    const auto q = store::BatchQueue(*store_, config_.kioskId).status();
    report_.sync.queuedBatches = q.queued;
    report_.sync.conflicts = q.conflicts;
    report_.sync.openVotes = q.openVotes;
    if (!withTallies) return;
    // Every listed commitment gets a row, in list order, voted on or not.
    const auto counted = store_->periodTallies(report_.today);
    std::unordered_map<std::string_view, const CommitmentTally*> byId;
    for (const auto& t : counted) byId[t.commitmentId] = &t;
    report_.tallies.clear();
    for (const auto& c : list_.commitments) {
      const auto found = byId.find(c.id);
      report_.tallies.push_back(found == byId.end() ? CommitmentTally{c.id, {}, {}, {}} : *found->second);
    }
  } catch (const std::exception& e) {
    report_.notice = {"staff.notice_store_error", e.what()};
  }
}

void KioskApp::exportToUsb() {
  if (!store_) {
    report_.notice = {"staff.notice_store_error", "the vote database is not open"};
    return;
  }
  try {
    const ExportOutcome out = app::exportToUsb(
        *store_, list_, {config_.staff.exportDir, config_.staff.exportNeedsMount, config_.kioskId, clock_.wallNow(),
                         config_.bucket});
    report_.notice = {"staff.notice_exported", out.folder.filename().string()};
    events_.exported(out.folder.string());
  } catch (const ExportError& e) {
    // No stick is the everyday case: say so plainly, with the folder the kiosk looked in.
    report_.notice = e.kind() == ExportError::Kind::NoStick
                         ? StaffNotice{"staff.notice_no_stick", config_.staff.exportDir.string()}
                         : StaffNotice{"staff.notice_export_failed", e.what()};
  } catch (const std::exception& e) {
    report_.notice = {"staff.notice_export_failed", e.what()};
  }
  refreshStaffReport(true);
}

void KioskApp::persist(const std::optional<PendingVote>& vote) {
  if (!vote) return;
  store::VoteRecord record{vote->commitmentId, list_.version, bucketLabel(clock_.wallNow(), config_.bucket),
                           vote->rating,       vote->reason,  isCounted(vote->verdict)};
  try {
    if (!store_) throw std::runtime_error("the vote database is not open");
    store_->record(record);
  } catch (const std::exception& e) {
    // Not stored means not acknowledged: the resident sees "out of service", never "thank you".
    events_.storeFailed(e.what());
    dropStore();
    session_.storeFailed();
    nextRetry_ = clock_.now() + kStoreRetry;
    return;
  }
  session_.voteStored(*vote, clock_.now());
  events_.voteAcknowledged(record);
}

void KioskApp::tick() {
  const Instant now = clock_.now();
  if (config_.hours.isOpen(clock_.wallNow())) session_.openForHours();
  else session_.closeForHours();
  if (session_.screen() == Screen::OutOfService) {
    if (now < nextRetry_) return;
    if (tryOpenStore()) {
      session_.storeRecovered(now);
      events_.storeRecovered();
    } else {
      nextRetry_ = now + kStoreRetry;
    }
    return;
  }
  session_.tick(now);
  if (session_.screen() == Screen::Staff && now >= nextStaffRefresh_) refreshStaffReport(false);
}

std::optional<Instant> KioskApp::nextDeadline() const {
  // Wake for the next opening or closing too (at most a week away).
  const Instant hoursChange = clock_.now() + std::chrono::seconds(config_.hours.secondsUntilChange(clock_.wallNow()));
  std::optional<Instant> deadline = session_.screen() == Screen::OutOfService ? nextRetry_ : session_.nextDeadline();
  if (session_.screen() == Screen::Staff) deadline = deadline ? std::min(*deadline, nextStaffRefresh_) : nextStaffRefresh_;
  return deadline ? std::min(*deadline, hoursChange) : hoursChange;
}

}  // namespace kiosk::app
