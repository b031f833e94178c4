#include "kiosk/core/session.hpp"

#include <algorithm>

#include "common/names.hpp"

namespace kiosk {

namespace {
constexpr common::NameTable<Screen, 10> kScreenNames({{{Screen::Attract, "attract"},
                                                       {Screen::List, "list"},
                                                       {Screen::Detail, "detail"},
                                                       {Screen::Reason, "reason"},
                                                       {Screen::Thanks, "thanks"},
                                                       {Screen::OutOfService, "out_of_service"},
                                                       {Screen::Closed, "closed"},
                                                       {Screen::StaffPin, "staff_pin"},
                                                       {Screen::Staff, "staff"},
                                                       {Screen::Panel, "panel"}}});
}  // namespace

std::string_view nameOf(Screen s) { return kScreenNames.nameOf(s); }

bool mayPhotograph(Screen s) { return s == Screen::Attract || s == Screen::List || s == Screen::Closed; }

Session::Session(SessionConfig config, std::vector<std::string> commitmentIds, std::vector<std::string> reasonCodes,
                 std::vector<Facets> facets)
    : config_(config), ids_(std::move(commitmentIds)), reasons_(std::move(reasonCodes)),
      policy_(config.responseInterval), facets_(std::move(facets)) {
  facets_.resize(ids_.size());
  prefs_ = config_.residentDefaults;
  applyFilter({});
}

void Session::applyFilter(ListFilter filter) {
  filter_ = std::move(filter);
  shown_ = kiosk::applyFilter(facets_, filter_);
  chips_ = filterStrip(facets_, filter_);
}

std::size_t Session::reasonOptionCount() const {
  return reasons_.size() + (config_.reasonMode == ReasonMode::Optional ? 1 : 0);
}

void Session::toAttract() {
  screen_ = Screen::Attract;
  prefs_ = config_.residentDefaults;
  applyFilter({});
  focus_ = 0;
  keysUsed_ = false;
  pendingRating_.reset();
  lastVerdict_.reset();
  lastRating_.reset();
  policy_.newSession();
}

std::vector<DetailTarget> Session::detailTargets() const {
  if (config_.canSpeak) return {DetailTarget::Listen, DetailTarget::Good, DetailTarget::Fair, DetailTarget::Poor};
  return {DetailTarget::Good, DetailTarget::Fair, DetailTarget::Poor};
}

void Session::toggleReadAloud(Instant now) {
  if (!config_.canSpeak) return;
  switch (screen_) {
    case Screen::Attract:
    case Screen::List:
    case Screen::Detail:
    case Screen::Reason:
    case Screen::Thanks:
      touch(now);
      prefs_.readAloud = !prefs_.readAloud;
      ++readAloudSwitches_;
      break;
    default: break;
  }
}

void Session::listen(Instant now) {
  if (screen_ != Screen::Detail || !config_.canSpeak) return;
  touch(now);
  ++listenRequests_;
}

void Session::toggleLargeText(Instant now) {
  if (screen_ != Screen::Attract) return;
  touch(now);
  prefs_.largeText = !prefs_.largeText;
}

void Session::toggleHighContrast(Instant now) {
  if (screen_ != Screen::Attract) return;
  touch(now);
  prefs_.highContrast = !prefs_.highContrast;
}

void Session::nextLanguage(Instant now, std::size_t languageCount) {
  if (screen_ != Screen::Attract || languageCount == 0) return;
  touch(now);
  prefs_.language = (prefs_.language + 1) % languageCount;
}

void Session::start(Instant now) {
  if (screen_ != Screen::Attract || ids_.empty()) return;
  touch(now);
  ++generation_;
  policy_.newSession();
  screen_ = Screen::List;
  applyFilter({});
  focus_ = 0;
}

void Session::open(std::size_t index, Instant now) {
  if (screen_ != Screen::List || index >= ids_.size()) return;
  touch(now);
  focus_ = index;
  current_ = index;
  detailFocus_.reset();
  if (config_.canSpeak) detailFocus_ = DetailTarget::Listen;
  screen_ = Screen::Detail;
}

void Session::chooseChip(std::size_t chip, Instant now) {
  if (screen_ != Screen::List || chip >= chips_.size()) return;
  touch(now);
  if (chips_[chip].count == 0) return;
  applyFilter(choose(filter_, chips_[chip]));
  if (!shown_.empty()) focus_ = shown_.front();
}

void Session::back(Instant now) {
  touch(now);
  switch (screen_) {
    case Screen::List: toAttract(); break;
    case Screen::Detail:
    case Screen::Thanks: screen_ = Screen::List; break;
    case Screen::Reason:
      pendingRating_.reset();
      screen_ = Screen::Detail;
      break;
    case Screen::StaffPin:
    case Screen::Staff: leaveStaff(now); break;
    case Screen::Panel: leavePanel(now); break;
    case Screen::Attract:
    case Screen::OutOfService:
    case Screen::Closed: break;
  }
}

void Session::enterStaff(Instant now) {
  if (screen_ != Screen::Attract && screen_ != Screen::Closed) return;
  touch(now);
  toAttract();
  screen_ = Screen::StaffPin;
}

void Session::staffUnlocked(Instant now) {
  if (screen_ != Screen::StaffPin) return;
  touch(now);
  screen_ = Screen::Staff;
}

void Session::leaveStaff(Instant now) {
  if (!inStaffMode()) return;
  touch(now);
  toAttract();  // the app's next tick shows Closed instead if the hall is closed now
}

void Session::staffActivity(Instant now) {
  if (inStaffMode()) touch(now);
}

void Session::enterPanel(Instant now) {
  if (screen_ != Screen::Attract) return;
  touch(now);
  toAttract();
  screen_ = Screen::Panel;
}

void Session::leavePanel(Instant now) {
  if (!inPanelMode()) return;
  touch(now);
  toAttract();
}

void Session::panelActivity(Instant now) {
  if (inPanelMode()) touch(now);
}

void Session::finish(Instant now) {
  if (screen_ == Screen::OutOfService || screen_ == Screen::Attract || screen_ == Screen::Closed || awayFromResidents())
    return;
  touch(now);
  toAttract();
}

std::optional<PendingVote> Session::makeVote(Rating rating, std::optional<std::string> reason, Instant now) const {
  PendingVote v;
  v.commitment = current_;
  v.commitmentId = ids_[current_];
  v.rating = rating;
  v.reason = std::move(reason);
  v.verdict = policy_.judge(v.commitmentId, now);
  return v;
}

std::optional<PendingVote> Session::rate(Rating rating, Instant now) {
  touch(now);
  if (screen_ == Screen::Thanks) {
    // Another press right after a vote (a bouncing evaluator, an impatient hand): kept for audit.
    return makeVote(rating, std::nullopt, now);
  }
  if (screen_ != Screen::Detail) return std::nullopt;
  if (rating == Rating::Poor && config_.reasonMode != ReasonMode::Off && !reasons_.empty() &&
      isCounted(policy_.judge(ids_[current_], now))) {
    pendingRating_ = rating;
    reasonFocus_ = 0;
    screen_ = Screen::Reason;
    return std::nullopt;
  }
  return makeVote(rating, std::nullopt, now);
}

std::optional<PendingVote> Session::chooseReason(std::size_t option, Instant now) {
  if (screen_ != Screen::Reason || !pendingRating_ || option >= reasonOptionCount()) return std::nullopt;
  touch(now);
  std::optional<std::string> reason;
  if (option < reasons_.size()) reason = reasons_[option];
  return makeVote(*pendingRating_, std::move(reason), now);
}

std::optional<PendingVote> Session::key(Action action, Instant now, std::size_t columns) {
  columns = std::max<std::size_t>(columns, 1);
  const auto step = [&](std::size_t& value, std::size_t count, long delta) {
    if (count == 0) return;
    const long next = std::clamp(static_cast<long>(value) + delta, 0L, static_cast<long>(count) - 1);
    value = static_cast<std::size_t>(next);
  };
  if (action == Action::ReadAloud) {
    toggleReadAloud(now);
    if (screen_ == Screen::Attract || screen_ == Screen::List || screen_ == Screen::Detail ||
        screen_ == Screen::Reason || screen_ == Screen::Thanks)
      keysUsed_ = true;
    return std::nullopt;
  }
  if (screen_ != Screen::OutOfService && screen_ != Screen::Closed && !awayFromResidents()) keysUsed_ = true;
  switch (screen_) {
    case Screen::Attract:
      start(now);
      keysUsed_ = screen_ == Screen::List;  // a session begun by a key shows its focus from the first screen
      return std::nullopt;
    case Screen::List: {
      touch(now);
      if (shown_.empty()) {
        if (action == Action::Back) back(now);
        return std::nullopt;
      }
      // Keys move through the cards the filter shows, as they are laid out.
      std::size_t pos = static_cast<std::size_t>(std::find(shown_.begin(), shown_.end(), focus_) - shown_.begin());
      if (pos >= shown_.size()) pos = 0;
      const long row = static_cast<long>(columns);
      switch (action) {
        case Action::Left: step(pos, shown_.size(), -1); break;
        case Action::Right: step(pos, shown_.size(), 1); break;
        case Action::Up: step(pos, shown_.size(), -row); break;
        case Action::Down: step(pos, shown_.size(), row); break;
        case Action::Select: open(shown_[pos], now); return std::nullopt;
        case Action::Back: back(now); return std::nullopt;
        default: break;
      }
      focus_ = shown_[pos];
      return std::nullopt;
    }
    case Screen::Detail:
    case Screen::Thanks:
      switch (action) {
        case Action::Good: return rate(Rating::Good, now);
        case Action::Fair: return rate(Rating::Fair, now);
        case Action::Poor: return rate(Rating::Poor, now);
        case Action::Back: back(now); break;
        case Action::Select:
          if (screen_ == Screen::Thanks) {
            back(now);
            break;
          }
          if (!detailFocus_) {
            touch(now);
            break;
          }
          switch (*detailFocus_) {
            case DetailTarget::Listen: listen(now); break;
            case DetailTarget::Good: return rate(Rating::Good, now);
            case DetailTarget::Fair: return rate(Rating::Fair, now);
            case DetailTarget::Poor: return rate(Rating::Poor, now);
          }
          break;
        case Action::Left:
        case Action::Up:
        case Action::Right:
        case Action::Down: {
          touch(now);
          if (screen_ != Screen::Detail) break;
          const auto targets = detailTargets();
          if (!detailFocus_) {  // the first arrow shows the focus on the first button
            detailFocus_ = targets.front();
            break;
          }
          std::size_t pos =
              static_cast<std::size_t>(std::find(targets.begin(), targets.end(), *detailFocus_) - targets.begin());
          step(pos, targets.size(), action == Action::Left || action == Action::Up ? -1 : 1);
          detailFocus_ = targets[pos];
          break;
        }
        default: touch(now); break;
      }
      return std::nullopt;
    case Screen::Reason:
      touch(now);
      switch (action) {
        case Action::Up: step(reasonFocus_, reasonOptionCount(), -1); break;
        case Action::Down: step(reasonFocus_, reasonOptionCount(), 1); break;
        case Action::Select: return chooseReason(reasonFocus_, now);
        case Action::Back: back(now); break;
        default: break;
      }
      return std::nullopt;
    case Screen::StaffPin:
    case Screen::Staff:
    case Screen::Panel:
      // Staff and panelists use the touch screen; Back (Escape) leaves, nothing else does anything.
      if (action == Action::Back) back(now);
      else touch(now);
      return std::nullopt;
    case Screen::OutOfService:
    case Screen::Closed: return std::nullopt;
  }
  return std::nullopt;
}

void Session::voteStored(const PendingVote& vote, Instant now) {
  policy_.remember(vote.commitmentId, vote.verdict, now);
  pendingRating_.reset();
  lastVerdict_ = vote.verdict;
  lastRating_ = vote.rating;
  current_ = vote.commitment;
  screen_ = Screen::Thanks;
  touch(now);
  thanksUntil_ = now + config_.thanksDuration;
}

void Session::storeFailed() {
  pendingRating_.reset();
  screen_ = Screen::OutOfService;
}

void Session::storeRecovered(Instant now) {
  if (screen_ != Screen::OutOfService) return;
  touch(now);
  toAttract();
}

void Session::closeForHours() {
  // Storage trouble is the more urgent message; staff at work after hours are not thrown out.
  if (screen_ == Screen::OutOfService || screen_ == Screen::Closed || awayFromResidents()) return;
  toAttract();
  screen_ = Screen::Closed;
}

void Session::openForHours() {
  if (screen_ == Screen::Closed) toAttract();
}

void Session::replaceList(std::vector<std::string> commitmentIds, std::vector<std::string> reasonCodes,
                          std::vector<Facets> facets) {
  ids_ = std::move(commitmentIds);
  reasons_ = std::move(reasonCodes);
  facets_ = std::move(facets);
  facets_.resize(ids_.size());
  current_ = 0;
  focus_ = 0;
  applyFilter({});
  if (screen_ != Screen::OutOfService && screen_ != Screen::Closed && !awayFromResidents()) toAttract();
}

void Session::reconfigure(const SessionConfig& config) {
  config_ = config;
  policy_.setInterval(config.responseInterval);
  if (screen_ == Screen::Attract || screen_ == Screen::Closed) prefs_ = config_.residentDefaults;
}

void Session::tick(Instant now) {
  // Choices made on the attract screen by someone who then walked away are forgotten too.
  if (screen_ == Screen::Attract && prefs_ != config_.residentDefaults && now - lastActivity_ >= config_.idleTimeout) {
    prefs_ = config_.residentDefaults;
    return;
  }
  if (screen_ == Screen::Attract || screen_ == Screen::OutOfService || screen_ == Screen::Closed) return;
  if (awayFromResidents()) {
    if (now - lastActivity_ >= config_.staffIdleTimeout) toAttract();
    return;
  }
  if (now - lastActivity_ >= config_.idleTimeout) {
    toAttract();
    return;
  }
  if (screen_ == Screen::Thanks && now >= thanksUntil_) screen_ = Screen::List;
}

std::optional<Instant> Session::nextDeadline() const {
  if (screen_ == Screen::Attract && prefs_ != config_.residentDefaults) return lastActivity_ + config_.idleTimeout;
  if (screen_ == Screen::Attract || screen_ == Screen::OutOfService || screen_ == Screen::Closed) return std::nullopt;
  if (awayFromResidents()) return lastActivity_ + config_.staffIdleTimeout;
  const Instant idle = lastActivity_ + config_.idleTimeout;
  if (screen_ == Screen::Thanks) return std::min(idle, thanksUntil_);
  return idle;
}

}  // namespace kiosk
