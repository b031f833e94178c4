#include "hub/core/case_lifecycle.hpp"

#include "common/names.hpp"
#include "common/utf8.hpp"

namespace hub {

namespace {

constexpr common::NameTable<CaseState, 7> kStateNames({{
    {CaseState::Verifying, "verifying"},
    {CaseState::Rectifying, "rectifying"},
    {CaseState::AwaitingReview, "awaiting_review"},
    {CaseState::Closed, "closed"},
    {CaseState::Explained, "explained"},
    {CaseState::Appealed, "appealed"},
    {CaseState::Disputed, "disputed"},
}});

constexpr common::NameTable<CaseStep, 9> kStepNames({{
    {CaseStep::Confirm, "confirm"},
    {CaseStep::Explain, "explain"},
    {CaseStep::Appeal, "appeal"},
    {CaseStep::ReportDone, "report_done"},
    {CaseStep::Approve, "approve"},
    {CaseStep::SendBack, "send_back"},
    {CaseStep::Uphold, "uphold"},
    {CaseStep::Dispute, "dispute"},
    {CaseStep::Reopen, "reopen"},
}});

struct Transition {
  CaseStep step;
  CaseState from;
  CaseState to;
};

// The whole lifecycle; anything not listed is refused.
constexpr Transition kTransitions[] = {
    {CaseStep::Confirm, CaseState::Verifying, CaseState::Rectifying},
    {CaseStep::Explain, CaseState::Verifying, CaseState::Explained},
    {CaseStep::Appeal, CaseState::Verifying, CaseState::Appealed},
    {CaseStep::Appeal, CaseState::Rectifying, CaseState::Appealed},
    {CaseStep::ReportDone, CaseState::Rectifying, CaseState::AwaitingReview},
    {CaseStep::Approve, CaseState::AwaitingReview, CaseState::Closed},
    {CaseStep::SendBack, CaseState::AwaitingReview, CaseState::Rectifying},
    {CaseStep::Uphold, CaseState::Appealed, CaseState::Rectifying},
    {CaseStep::Dispute, CaseState::Appealed, CaseState::Disputed},
    {CaseStep::Reopen, CaseState::Closed, CaseState::Verifying},
    {CaseStep::Reopen, CaseState::Explained, CaseState::Verifying},
    {CaseStep::Reopen, CaseState::Disputed, CaseState::Verifying},
};

bool mayTake(CaseActor actor, CaseStep step) {
  switch (step) {
    case CaseStep::Confirm:
    case CaseStep::Explain:
    case CaseStep::Appeal:
    case CaseStep::ReportDone: return actor == CaseActor::Staff || actor == CaseActor::Reviewer;
    // Judging the work or the appeal is for someone other than the hall staff who did it.
    case CaseStep::Approve:
    case CaseStep::SendBack:
    case CaseStep::Uphold:
    case CaseStep::Dispute: return actor == CaseActor::Reviewer;
    case CaseStep::Reopen: return true;
  }
  return false;
}

bool needsNote(CaseStep step) {
  return step == CaseStep::Explain || step == CaseStep::Appeal || step == CaseStep::ReportDone ||
         step == CaseStep::SendBack || step == CaseStep::Dispute;
}

}  // namespace

std::string_view nameOf(CaseState s) { return kStateNames.nameOf(s); }
std::string_view nameOf(CaseStep s) { return kStepNames.nameOf(s); }
std::optional<CaseState> caseStateFromString(std::string_view text) { return kStateNames.parse(text); }
std::optional<CaseStep> caseStepFromString(std::string_view text) { return kStepNames.parse(text); }

bool isOpen(CaseState s) { return s != CaseState::Closed && s != CaseState::Explained && s != CaseState::Disputed; }

std::optional<CaseStep> stepJudgedBy(CaseStep step) {
  switch (step) {
    case CaseStep::Approve:
    case CaseStep::SendBack: return CaseStep::ReportDone;
    case CaseStep::Uphold:
    case CaseStep::Dispute: return CaseStep::Appeal;
    default: return std::nullopt;
  }
}

StepDecision decideStep(CaseState current, CaseStep step, CaseActor actor, std::string_view note, StepTakers takers) {
  const Transition* found = nullptr;
  for (const auto& t : kTransitions)
    if (t.step == step && t.from == current) found = &t;
  const std::string stepKey = "step_" + std::string(nameOf(step));
  if (!found)
    return {std::nullopt,
            "a case that is " + std::string(nameOf(current)) + " cannot take the step " + std::string(nameOf(step)),
            "err_step_state",
            {{"{state}", "state_" + std::string(nameOf(current))}, {"{step}", stepKey}}};
  if (!mayTake(actor, step))
    return {std::nullopt,
            "the step " + std::string(nameOf(step)) + " is for a leader or an administrator",
            "err_step_reviewer",
            {{"{step}", stepKey}}};
  if (const auto judged = stepJudgedBy(step); judged && !takers.login.empty() && takers.login == takers.judgedStepLogin)
    return {std::nullopt,
            "the step " + std::string(nameOf(step)) + " judges the step " + std::string(nameOf(*judged)) + " that " +
                std::string(takers.login) +
                " took: another leader or administrator must take it (nobody judges their own work)",
            "err_step_own_work",
            {{"{step}", stepKey}, {"{judged}", "step_" + std::string(nameOf(*judged))}}};
  if (needsNote(step) && note.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return {std::nullopt,
            "the step " + std::string(nameOf(step)) + " needs a note saying why or what was done",
            "err_step_note",
            {{"{step}", stepKey}}};
  return {found->to, {}, {}, {}};
}

bool needsPublicOutcome(CaseStep step) { return step == CaseStep::ReportDone || step == CaseStep::Explain; }
bool mayWritePublicOutcome(CaseStep step) { return needsPublicOutcome(step) || step == CaseStep::Approve; }

std::string publicOutcomeProblemKey(std::string_view text) {
  if (!common::isValidUtf8(text)) return "err_outcome_text";
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return "err_outcome_empty";
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') return "err_outcome_control";
  if (common::countCharacters(text) > kMaxPublicOutcomeChars) return "err_outcome_long";
  return {};
}

std::string publicOutcomeProblem(std::string_view text) {
  const std::string key = publicOutcomeProblemKey(text);
  if (key.empty()) return {};
  if (key == "err_outcome_text") return "the public outcome is not UTF-8 text";
  if (key == "err_outcome_empty") return "write the public outcome: what residents will read about what was done";
  if (key == "err_outcome_control") return "the public outcome holds a control character";
  return "the public outcome is " + std::to_string(common::countCharacters(text)) + " characters; at most " +
         std::to_string(kMaxPublicOutcomeChars) + " fit the kiosk's results panel";
}

std::string caseDeadline(const std::string& openedDay, int workingDays, const WorkCalendar& calendar) {
  return calendar.addWorkingDays(openedDay, workingDays);
}

bool isOverdue(CaseState s, const std::string& deadline, const std::string& today) {
  return (s == CaseState::Verifying || s == CaseState::Rectifying) && today > deadline;
}

std::optional<double> CaseFigures::rectificationRate() const {
  if (needingWork == 0) return std::nullopt;
  return static_cast<double>(closed) / static_cast<double>(needingWork);
}

std::optional<double> CaseFigures::onTimeRate() const {
  if (reportedDone == 0) return std::nullopt;
  return static_cast<double>(doneOnTime) / static_cast<double>(reportedDone);
}

CaseFigures caseFigures(const std::vector<CaseSummary>& cases, const std::string& today) {
  CaseFigures f;
  for (const auto& c : cases) {
    ++f.cases;
    if (c.state == CaseState::Explained || c.state == CaseState::Disputed) continue;
    ++f.needingWork;
    if (c.state == CaseState::Closed) ++f.closed;
    if (c.state == CaseState::Closed || c.deadline < today) ++f.due;
    if (!c.doneDay.empty()) {
      ++f.reportedDone;
      if (c.doneDay <= c.deadline) ++f.doneOnTime;
    }
    if (isOverdue(c.state, c.deadline, today)) ++f.overdue;
  }
  return f;
}

}  // namespace hub
