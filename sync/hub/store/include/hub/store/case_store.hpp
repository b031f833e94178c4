// Rectification cases (整改) and their steps, in console.db: who took which step, when, with what
// note, and the state, deadline and outcome that follow. Every step goes through decideStep (the
// pure lifecycle); the database keeps at most one open case per hall × commitment, and step rows
// are only ever added. Written from the console's reader threads, never from the ingest thread.
// Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/case_lifecycle.hpp"
#include "hub/core/disputes.hpp"

namespace hub {

struct RectCase {
  std::int64_t id = 0;
  std::string hall, commitmentId;
  CaseState state = CaseState::Verifying;
  std::string openedDay, deadline;
  std::string openedBy;   // a login, or "rule"
  std::string trigger;    // why it was opened: the counts that crossed the rule, or the staff's note
  std::string doneDay;    // when the unit reported the work done ("" until then)
  std::string closedDay;  // when it was closed, explained or disputed ("" while open)
  std::string outcome;    // the public outcome (never a note): shown to residents once closed
  std::int64_t updatedUnix = 0;
};

struct CaseStepRecord {
  CaseStep step = CaseStep::Confirm;
  CaseState from = CaseState::Verifying, to = CaseState::Verifying;
  std::string login, note;
  std::int64_t atUnix = 0;
};

class CaseStore {
 public:
  explicit CaseStore(const std::filesystem::path& consoleDatabase);
  explicit CaseStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  // A new case in 待核实; nothing when one is already open for this hall × commitment.
  std::optional<RectCase> open(const std::string& hall, const std::string& commitmentId, const std::string& openedDay,
                               const std::string& deadline, const std::string& openedBy, const std::string& trigger,
                               std::int64_t nowUnix);
  // Takes `step` if the lifecycle allows it for `actor`; returns "" or the refusal in words.
  // Reopening starts the clock again: `today` becomes the opened day and `reopenDeadline` the deadline.
  // A dispute (复核认定评价有误) must name the hours whose ratings were found mistaken: they are
  // kept as a disputed range with the note as its reason, in the same transaction.
  // `publicOutcome` is the wording residents will read (see kMaxPublicOutcomeChars): reporting the
  // work done and explaining must give it, approving may revise it; the note never becomes it.
  std::string take(std::int64_t caseId, CaseStep step, CaseActor actor, const std::string& login,
                   const std::string& note, const std::string& today, const std::string& reopenDeadline,
                   std::int64_t nowUnix, const std::optional<HourRange>& disputed = std::nullopt,
                   const std::string& publicOutcome = {});

  std::optional<RectCase> find(std::int64_t caseId);
  // Newest first; only these halls when given.
  std::vector<RectCase> list(const std::optional<std::vector<std::string>>& halls);
  std::optional<RectCase> latestFor(const std::string& hall, const std::string& commitmentId);
  std::vector<CaseStepRecord> steps(std::int64_t caseId);
  // For 你评我改: the outcome of each commitment's latest case in the hall, when that case is closed
  // (已销号) — what residents may be told was done. By commitment id.
  std::map<std::string, std::string> closedOutcomes(const std::string& hall);
  // Every disputed range in these halls (absent: all), oldest first. Never removed: a report of
  // any period can show its raw and adjusted figures.
  std::vector<DisputedRange> disputedRanges(const std::optional<std::vector<std::string>>& halls);

 private:
  std::optional<RectCase> findLocked(std::int64_t caseId);
  std::mutex mutex_;
  common::sql::Database db_;
};

}  // namespace hub
