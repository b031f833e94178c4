// A rectification case (整改) as a pure state machine: which step may follow which, who may take
// it, which steps need a note, and when a case is due and overdue. The national 好差评 practice:
// verify, rectify, review, close (核实 → 整改 → 复核 → 销号), or explain (解释说明); a rating thought
// mistaken or malicious is appealed and re-reviewed (申诉 → 复核: upheld, or disputed). No I/O and
// no clock of its own (days come in); the store records what it returns. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/core/work_calendar.hpp"

namespace hub {

enum class CaseState {
  Verifying,       // 待核实: opened, the unit checks the ratings
  Rectifying,      // 整改中
  AwaitingReview,  // 已整改待复核: the unit says it is done; a reviewer checks
  Closed,          // 已销号
  Explained,       // 解释说明: verified, no fault found
  Appealed,        // 申诉中: the unit disputes the ratings
  Disputed,        // 复核认定评价有误: ratings marked disputed, never deleted
};

enum class CaseStep {
  Confirm,     // Verifying → Rectifying
  Explain,     // Verifying → Explained
  Appeal,      // Verifying | Rectifying → Appealed
  ReportDone,  // Rectifying → AwaitingReview
  Approve,     // AwaitingReview → Closed
  SendBack,    // AwaitingReview → Rectifying
  Uphold,      // Appealed → Rectifying (the ratings stand)
  Dispute,     // Appealed → Disputed (the ratings are marked disputed)
  Reopen,      // Closed | Explained | Disputed → Verifying (the commitment crossed the rule again)
};

// Who takes a step: the hall's staff, a reviewer (a leader or an administrator — never the hall
// staff who did the work), or the hub's own rule.
enum class CaseActor { Staff, Reviewer, Rule };

std::string_view nameOf(CaseState s);  // "verifying" …
std::string_view nameOf(CaseStep s);   // "confirm" …
std::optional<CaseState> caseStateFromString(std::string_view text);
std::optional<CaseStep> caseStepFromString(std::string_view text);

// True while the case still needs work (not closed, explained or disputed).
bool isOpen(CaseState s);

struct StepDecision {
  std::optional<CaseState> next;  // set when the step is allowed
  std::string refusal;            // otherwise, why not, in English for logs and tests
  // …and for people: the key of the hub's words saying it (err_step_…) and its placeholders'
  // values, themselves word keys where they name a state or step (state_closed, step_approve).
  std::string refusalKey;
  std::vector<std::pair<std::string, std::string>> refusalFill;
};

// Nobody judges their own work: approving or sending back judges the report that the work is
// done; upholding or disputing judges the appeal. The step a judging step judges (nothing for the
// others), so the store can say who took it.
std::optional<CaseStep> stepJudgedBy(CaseStep step);
// Who is taking a step, and who took the step it judges ("" when it judges none, or nobody yet).
struct StepTakers {
  std::string_view login;
  std::string_view judgedStepLogin;
};

// Whether `actor` may take `step` on a case in `current`, and where it leads. Explaining,
// appealing, reporting done, sending back and disputing need a note saying why or what; a judging
// step is refused to the login that took the step it judges, whatever their role.
StepDecision decideStep(CaseState current, CaseStep step, CaseActor actor, std::string_view note,
                        StepTakers takers = {});

// The public outcome: what residents read of a closed case (the kiosk's results panel,
// /api/v1/results, the ledger's 整改情况). Written as such — never a step's note, which stays in
// the console — when the work is reported done or a case is explained, and revised by the
// reviewer who approves. At most three lines of the kiosk's results panel at 1920×1080.
inline constexpr std::size_t kMaxPublicOutcomeChars = 70;
// ReportDone and Explain must write it; Approve may (the report's wording stands otherwise).
bool needsPublicOutcome(CaseStep step);
bool mayWritePublicOutcome(CaseStep step);
// "" when `text` may be a public outcome, else why not (empty, too long, not UTF-8 text).
std::string publicOutcomeProblem(std::string_view text);
// The same, as the key of the hub's words saying it (err_outcome_…; {n} and {max} for too long).
std::string publicOutcomeProblemKey(std::string_view text);

// The deadline: `workingDays` working days after the day the case was opened.
std::string caseDeadline(const std::string& openedDay, int workingDays, const WorkCalendar& calendar);
// Overdue: the unit has not reported the work done (verifying or rectifying) and the deadline
// day is over. An appeal stops the clock until it is decided.
bool isOverdue(CaseState s, const std::string& deadline, const std::string& today);

// The overview's figures over a set of cases (those opened in a period): 整改率 is closed over the
// cases that needed work (all but the explained and disputed: no fault was found in those); the
// on-time rate is the cases reported done by their deadline over those reported done at all.
struct CaseSummary {
  CaseState state = CaseState::Verifying;
  std::string deadline, doneDay;  // doneDay "" until reported done (cleared when sent back)
};
struct CaseFigures {
  std::int64_t cases = 0, needingWork = 0, closed = 0, reportedDone = 0, doneOnTime = 0, overdue = 0;
  std::int64_t due = 0;  // needing work and closed already or past their deadline: a rate means something
  std::optional<double> rectificationRate() const;  // nothing when no case needed work
  std::optional<double> onTimeRate() const;         // nothing when none was reported done
};
CaseFigures caseFigures(const std::vector<CaseSummary>& cases, const std::string& today);

}  // namespace hub
