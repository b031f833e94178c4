// The resident's session as a pure state machine: which screen is shown, what a tap or key does,
// when the kiosk returns to the attract screen, and which ratings count. No I/O: the caller stores
// a PendingVote and reports back, so a vote is acknowledged only after it is durable.
// Single-threaded (owned by the app on the UI thread); time is always passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/key_map.hpp"
#include "kiosk/core/list_filter.hpp"
#include "kiosk/core/rating.hpp"
#include "kiosk/core/vote_policy.hpp"

namespace kiosk {

enum class Screen { Attract, List, Detail, Reason, Thanks, OutOfService, Closed, StaffPin, Staff, Panel };

std::string_view nameOf(Screen s);

// Whether a 截屏 command may photograph this screen: the attract, list and closed screens only —
// never staff mode, and never a resident mid-rating (their choice is not photographed).
bool mayPhotograph(Screen s);

// What a resident chose on the attract screen for themselves; forgotten when their session ends
// (finish or idle) so the next person starts from the hall's defaults (SessionConfig).
struct ResidentPrefs {
  bool largeText = false;
  bool highContrast = false;
  std::size_t language = 0;  // index into the configured languages; 0 = the hall's default
  bool readAloud = false;    // 朗读: each screen, focus and commitment is spoken
  bool operator==(const ResidentPrefs&) const = default;
};

struct SessionConfig {
  Millis idleTimeout{60'000};
  Millis responseInterval{5'000};
  Millis thanksDuration{3'000};
  ReasonMode reasonMode = ReasonMode::Optional;
  Millis staffIdleTimeout{120'000};
  ResidentPrefs residentDefaults = {};  // what each resident starts from (a hall may default to large text)
  // The kiosk can speak (speech enabled in the hall and an audio output opened): 朗读 and the
  // detail screen's 再听一遍 button exist only then.
  bool canSpeak = false;
};

// A rating that must be stored before the session may acknowledge it.
struct PendingVote {
  std::size_t commitment = 0;  // index into the current list
  std::string commitmentId;
  Rating rating = Rating::Good;
  std::optional<std::string> reason;
  Verdict verdict = Verdict::Counted;
};

// What the keypad's focus rests on in the detail screen: the 再听一遍 button (only when the kiosk
// can speak) and the three rating buttons, in the order arrows move through them.
enum class DetailTarget { Listen, Good, Fair, Poor };

class Session {
 public:
  // `facets`: per commitment, what the list screen's chips filter by (empty: no chips to offer).
  Session(SessionConfig config, std::vector<std::string> commitmentIds, std::vector<std::string> reasonCodes,
          std::vector<Facets> facets = {});

  Screen screen() const { return screen_; }
  std::size_t focus() const { return focus_; }      // the highlighted card on the list screen
  std::size_t current() const { return current_; }  // the commitment of Detail / Reason / Thanks
  std::size_t reasonFocus() const { return reasonFocus_; }
  // Starts on 再听一遍 when there is one, so an Enter pressed on arrival hears the text again
  // instead of casting a vote; otherwise on nothing until an arrow is pressed (then 好): Enter
  // alone never votes, and no rating button is singled out for a resident who did not ask.
  std::optional<DetailTarget> detailFocus() const { return detailFocus_; }
  // A key was pressed in this session: the views then show the focus on every screen.
  bool keysUsed() const { return keysUsed_; }
  // Increments each time the resident asks to hear the commitment again (or to stop it).
  std::uint64_t listenRequests() const { return listenRequests_; }
  // Increments each time the resident switches 朗读 (a reset at the end of a session does not):
  // switching it off is confirmed aloud, a reset is silent.
  std::uint64_t readAloudSwitches() const { return readAloudSwitches_; }
  std::size_t reasonOptionCount() const;  // reasons, plus "skip" when optional
  bool reasonRequired() const { return config_.reasonMode == ReasonMode::Required; }
  std::optional<Verdict> lastVerdict() const { return lastVerdict_; }
  // The rating just stored, for the thank-you's spoken confirmation when the hall allows it;
  // forgotten with the session.
  std::optional<Rating> lastRating() const { return lastRating_; }
  std::optional<Rating> pendingRating() const { return pendingRating_; }
  std::size_t commitmentCount() const { return ids_.size(); }
  const ResidentPrefs& prefs() const { return prefs_; }
  // The list screen's chip choices and the commitments they let through (list indices, in order).
  // Both reset when the session ends, like the resident's other choices.
  const ListFilter& filter() const { return filter_; }
  const std::vector<std::size_t>& shown() const { return shown_; }
  // The chip strip for the current filter (kept up to date, so drawing it costs nothing).
  const std::vector<Chip>& chips() const { return chips_; }

  // Accessibility and language, switched on the attract screen.
  void toggleLargeText(Instant now);
  void toggleHighContrast(Instant now);
  void nextLanguage(Instant now, std::size_t languageCount);
  // 朗读, on the attract screen and during a session (a key finds it at any point); nothing when
  // the kiosk cannot speak.
  void toggleReadAloud(Instant now);
  // The detail screen's 再听一遍 (tapped, or Enter on it).
  void listen(Instant now);
  // Increments whenever a new resident's session begins; views reset scroll and modes on change.
  std::uint64_t generation() const { return generation_; }

  // Resident input. Every call counts as activity for the idle timeout.
  void start(Instant now);
  void open(std::size_t index, Instant now);
  void back(Instant now);
  void finish(Instant now);
  // A chip of chips() was tapped. The focus moves to the first commitment shown; a chip that would
  // show nothing does nothing.
  void chooseChip(std::size_t chip, Instant now);
  std::optional<PendingVote> rate(Rating rating, Instant now);
  // `option` indexes reasonOptionCount(); the last option is "skip" when reasons are optional.
  std::optional<PendingVote> chooseReason(std::size_t option, Instant now);
  // Keyboard / keypad: `columns` is how many cards a row of the list holds (for Up/Down).
  std::optional<PendingVote> key(Action action, Instant now, std::size_t columns);

  // Outcome of storing a PendingVote.
  void voteStored(const PendingVote& vote, Instant now);
  void storeFailed();
  void storeRecovered(Instant now);

  // Opening hours: outside them the kiosk shows Closed and ignores every tap and key (no votes).
  // A resident still on screen at closing time is sent off with the session.
  void closeForHours();
  void openForHours();

  // Staff mode, entered by the hidden gesture from the attract or closed screen (nobody is
  // mid-session there). StaffPin asks for the PIN, Staff is the staff screen; both take no votes,
  // and both return to the attract screen after the staff idle timeout.
  bool inStaffMode() const { return screen_ == Screen::StaffPin || screen_ == Screen::Staff; }
  void enterStaff(Instant now);
  void staffUnlocked(Instant now);
  void leaveStaff(Instant now);
  void staffActivity(Instant now);  // any staff input keeps the mode open

  // 评议会 panel mode (issue 28), entered from the attract screen's 评议会 button: a panelist types
  // the code from their slip and grades the panel's commitments (the app's PanelFlow holds what).
  // It takes no resident votes; like staff mode, it outlasts closing time and ends after the staff
  // idle timeout, or on Back.
  bool inPanelMode() const { return screen_ == Screen::Panel; }
  void enterPanel(Instant now);
  void leavePanel(Instant now);
  void panelActivity(Instant now);

  // Installs a new list; a resident mid-session is sent back to the attract screen.
  void replaceList(std::vector<std::string> commitmentIds, std::vector<std::string> reasonCodes,
                   std::vector<Facets> facets = {});

  // New timeouts, reason mode and resident defaults (signed settings). Only between residents:
  // the app calls it on the attract or closed screen, where the defaults are taken at once.
  void reconfigure(const SessionConfig& config);
  const SessionConfig& config() const { return config_; }

  // Time-driven transitions: thanks auto-return and idle reset.
  void tick(Instant now);
  // When tick() next has something to do; nullopt when nothing is scheduled.
  std::optional<Instant> nextDeadline() const;

 private:
  void touch(Instant now) { lastActivity_ = now; }
  // Staff or a panelist at the screen: no resident session, the staff idle timeout.
  bool awayFromResidents() const { return inStaffMode() || inPanelMode(); }
  std::vector<DetailTarget> detailTargets() const;
  void toAttract();
  void applyFilter(ListFilter filter);
  std::optional<PendingVote> makeVote(Rating rating, std::optional<std::string> reason, Instant now) const;

  SessionConfig config_;
  std::vector<std::string> ids_;
  std::vector<std::string> reasons_;
  VotePolicy policy_;
  Screen screen_ = Screen::Attract;
  std::size_t focus_ = 0;
  std::size_t current_ = 0;
  std::size_t reasonFocus_ = 0;
  std::optional<DetailTarget> detailFocus_;
  bool keysUsed_ = false;
  std::uint64_t listenRequests_ = 0;
  std::uint64_t readAloudSwitches_ = 0;
  std::optional<Rating> pendingRating_;
  std::optional<Verdict> lastVerdict_;
  std::optional<Rating> lastRating_;
  Instant lastActivity_{};
  Instant thanksUntil_{};
  std::uint64_t generation_ = 0;
  ResidentPrefs prefs_;
  std::vector<Facets> facets_;
  ListFilter filter_;
  std::vector<std::size_t> shown_;
  std::vector<Chip> chips_;
};

}  // namespace kiosk
