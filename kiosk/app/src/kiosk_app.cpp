#include "kiosk/app/kiosk_app.hpp"

#include <algorithm>
#include <unordered_map>

#include "kiosk/core/time_bucket.hpp"

namespace kiosk::app {

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
      session_(config.session, commitmentIds(list_), reasonCodes(list_), facetsOf(list_)),
      staff_(config, clock, events) {
  if (!tryOpenStore()) {
    session_.storeFailed();
    nextRetry_ = clock_.now() + kStoreRetry;
  } else {
    staff_.restoreLockout(store_.get());
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
  std::shared_ptr<store::VoteStore> old;
  {
    std::lock_guard lock(storeMutex_);
    old = std::move(store_);
  }
  if (old) rescueFrom(std::move(old));
}

bool KioskApp::rescueFrom(std::shared_ptr<store::VoteStore> old) {
  // A file deleted under the open store: what it holds (votes residents were thanked for, batches
  // not yet acknowledged) exists only in this connection now. Copy it out before reopening; if
  // the copy fails (a full disk), keep the connection and stay out of service rather than open
  // an empty file at the path.
  try {
    const store::Rescue rescue = old->rescueMovedFile(clock_.wallNow().unix_seconds);
    if (rescue.kind != store::Rescue::Kind::NotMoved) events_.storeRescued(rescue);
    stranded_.reset();
    return true;
  } catch (const std::exception& e) {
    events_.storeRescueFailed(e.what());
    stranded_ = std::move(old);
    return false;
  }
}

bool KioskApp::tryOpenStore() {
  if (stranded_ && !rescueFrom(stranded_)) return false;
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

void KioskApp::installResults(wire::ResultsBoard board) {
  if (config_.results.show) results_ = std::move(board);
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
    case Intent::Kind::ToggleReadAloud: session_.toggleReadAloud(now); break;
    case Intent::Kind::Listen: session_.listen(now); break;
    case Intent::Kind::NextLanguage: session_.nextLanguage(now, config_.languages.size()); break;
    case Intent::Kind::ChooseChip: session_.chooseChip(intent.index, now); break;
    case Intent::Kind::StaffGesture:
    case Intent::Kind::PinDigit:
    case Intent::Kind::PinErase:
    case Intent::Kind::PinSubmit:
    case Intent::Kind::StaffLeave:
    case Intent::Kind::StaffSyncNow:
    case Intent::Kind::StaffExport:
    case Intent::Kind::StaffQuit: staff_.onIntent(intent, session_, store_.get(), list_); break;
    case Intent::Kind::PanelEnter:
    case Intent::Kind::PanelDigit:
    case Intent::Kind::PanelErase:
    case Intent::Kind::PanelSubmitCode:
    case Intent::Kind::PanelAnswer:
    case Intent::Kind::PanelSubmit:
    case Intent::Kind::PanelAgain:
    case Intent::Kind::PanelLeave: onPanelIntent(intent, now); break;
  }
}

void KioskApp::onPanelIntent(const Intent& intent, Instant now) {
  if (intent.kind == Intent::Kind::PanelEnter) {
    if (!panelsOffered()) return;
    session_.enterPanel(now);
    panel_.reset();
    return;
  }
  if (!session_.inPanelMode()) return;  // a tap that arrives after the idle timeout
  session_.panelActivity(now);
  std::optional<PanelRequest> request;
  switch (intent.kind) {
    case Intent::Kind::PanelDigit: panel_.digit(static_cast<int>(intent.index)); break;
    case Intent::Kind::PanelErase: panel_.erase(); break;
    case Intent::Kind::PanelSubmitCode: request = panel_.submitCode(); break;
    case Intent::Kind::PanelAnswer: panel_.answer(intent.index, intent.option); break;
    case Intent::Kind::PanelSubmit: request = panel_.submitBallot(); break;
    case Intent::Kind::PanelAgain: panel_.reset(); break;
    case Intent::Kind::PanelLeave:
      session_.leavePanel(now);
      panel_.reset();
      break;
    default: break;
  }
  if (request) panelSender_(*request);
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

void KioskApp::reconfigure() {
  session_.reconfigure(config_.session);
  if (!config_.results.show) results_ = {};
  else results_ = wire::publicOnly(std::move(results_), config_.results.minVotes);  // a higher floor applies at once
  tick();  // new hours may close (or open) the kiosk now
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
  // A panelist who walked away (the idle timeout): their code and grades do not wait for the next.
  if (!session_.inPanelMode() && (panel_.prompt().step != PanelPrompt::Step::Typing || !panel_.prompt().digits.empty()))
    panel_.reset();
  staff_.tick(session_, store_.get(), list_);
}

std::optional<Instant> KioskApp::nextDeadline() const {
  // Wake for the next opening or closing too (at most a week away).
  const Instant hoursChange = clock_.now() + std::chrono::seconds(config_.hours.secondsUntilChange(clock_.wallNow()));
  std::optional<Instant> deadline = session_.screen() == Screen::OutOfService ? nextRetry_ : session_.nextDeadline();
  if (const auto refresh = staff_.nextRefresh(session_)) deadline = deadline ? std::min(*deadline, *refresh) : *refresh;
  return deadline ? std::min(*deadline, hoursChange) : hoursChange;
}

}  // namespace kiosk::app
