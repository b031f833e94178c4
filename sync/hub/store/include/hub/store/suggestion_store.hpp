// 征求意见 (issue 28 §3) in console.db: a hall's suggestion periods — before a new list is drafted,
// its staff open one with a topic and a closing day — and the suggestions residents leave in them
// from a phone admitted by the hall's kiosk or poster code. A suggestion keeps its text, what it is
// about (a unit, or a kind of service), where it came from (the kiosk's id or "poster", never the
// phone) and its moderation: accepted, merged into an accepted one, or rejected with a reason, by
// whom and when. Accepted ones are what a list may cite (wire::CitedSuggestion). Text the core finds
// offensive is kept flagged. Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"

namespace hub {

struct SuggestionPeriod {
  std::int64_t id = 0;
  std::string hall, topic;
  std::string openedBy;  // a login
  std::int64_t openedUnix = 0;
  std::int64_t closesUnix = 0;  // suggestions are taken before this moment
  std::string closesDay;        // the last day, YYYY-MM-DD in the hall's time, as the staff chose it
  std::int64_t closedUnix = 0;  // closed early by staff; 0 otherwise
  bool takesSuggestions(std::int64_t nowUnix) const { return closedUnix == 0 && nowUnix < closesUnix; }
};

enum class SuggestionState { New, Accepted, Merged, Rejected };

struct Suggestion {
  std::int64_t number = 0;  // the hub's, shown as 意见 12 and cited in a list
  std::int64_t period = 0;
  std::string hall, about, text;
  bool flagged = false;  // offensive words: its text is for administrators only
  std::string source;    // the kiosk whose code admitted the phone, or "poster"
  std::int64_t createdUnix = 0;
  SuggestionState state = SuggestionState::New;
  std::int64_t mergedInto = 0;  // Merged: the accepted suggestion it repeats
  std::string reason;           // Rejected: why (and, merged, the staff's note if any)
  std::string decidedBy;
  std::int64_t decidedUnix = 0;
};

struct SuggestionDecision {
  SuggestionState to = SuggestionState::Accepted;  // Accepted, Merged or Rejected
  std::string reason;                              // required to reject
  std::int64_t into = 0;                           // Merged: an accepted suggestion of the same hall
};

enum class DecisionOutcome { Done, NotFound, AlreadyDecided, NeedsReason, BadMergeTarget };

class SuggestionStore {
 public:
  // A hall's period holds at most this many suggestions; past it the phone form says so.
  static constexpr std::int64_t kMaxPerPeriod = 5000;

  explicit SuggestionStore(const std::filesystem::path& consoleDatabase);
  // SQLite or PostgreSQL, already open; `maxPerPeriod` lower only in tests.
  explicit SuggestionStore(common::sql::Database db, std::int64_t maxPerPeriod = kMaxPerPeriod);

  // The hall's newest period, open or not; none before its first.
  std::optional<SuggestionPeriod> latestPeriod(const std::string& hall);
  // Opens a period taking suggestions until `closesUnix` (the end of `closesDay`); throws
  // std::invalid_argument when one takes suggestions already, or it would close before it opens.
  SuggestionPeriod openPeriod(const std::string& hall, const std::string& topic, std::int64_t closesUnix,
                              const std::string& closesDay, const std::string& login, std::int64_t nowUnix);
  // Closes the open period early: false when none takes suggestions.
  bool closePeriod(const std::string& hall, std::int64_t nowUnix);

  enum class AddOutcome { Added, NoPeriod, Full };
  struct Added {
    AddOutcome outcome = AddOutcome::NoPeriod;
    std::int64_t number = 0;
  };
  // Stores a checked suggestion in the hall's open period.
  Added add(const std::string& hall, const std::string& about, const std::string& text, bool flagged,
            const std::string& source, std::int64_t nowUnix);

  std::optional<Suggestion> get(std::int64_t number);
  // The hall's suggestions, newest first, at most `limit`; `state` filters (none: all).
  std::vector<Suggestion> ofHall(const std::string& hall, std::optional<SuggestionState> state, std::size_t limit);
  // The suggestions these halls received in [fromUnix, toUnix), oldest first, at most `limit`: the
  // ledger's 征求意见 sheet.
  std::vector<Suggestion> receivedBetween(const std::vector<std::string>& halls, std::int64_t fromUnix,
                                          std::int64_t toUnix, std::size_t limit);
  // Accepted suggestions of the hall, oldest first: what a list may cite (number → text).
  std::map<std::int64_t, std::string> citable(const std::string& hall);
  // How many suggestions were merged into each accepted one of the hall.
  std::map<std::int64_t, std::int64_t> mergedCounts(const std::string& hall);
  // Suggestions waiting for a decision in these halls (the staff's to-do).
  std::int64_t waiting(const std::vector<std::string>& halls);

  DecisionOutcome decide(std::int64_t number, const SuggestionDecision& decision, const std::string& login,
                         std::int64_t nowUnix);

 private:
  std::mutex mutex_;
  common::sql::Database db_;
  std::int64_t maxPerPeriod_;
};

std::string_view nameOf(SuggestionState state);

}  // namespace hub
