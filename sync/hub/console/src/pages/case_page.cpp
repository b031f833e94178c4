// One rectification case (整改案件): the commitment it is about, its state, deadline and whether it
// is overdue, why it was opened, every step taken with who, when and the note, and a form with the
// steps this user may take now. Also the two forms: open a case by hand, take a step.
#include <algorithm>

#include "../page_context.hpp"
#include "common/iso_time.hpp"
#include "common/utf8.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kMaxNoteBytes = 2000;

// `login` taking `step`, and who took the latest step it judges in `history` (oldest first). The
// page uses it to offer and to explain; CaseStore::take checks it again in its transaction.
StepTakers takersOf(const std::vector<CaseStepRecord>& history, const std::string& login, CaseStep step) {
  StepTakers by{login, {}};
  if (const auto judged = stepJudgedBy(step))
    for (const auto& s : history)
      if (s.step == *judged) by.judgedStepLogin = s.login;
  return by;
}

CaseActor actorOf(const User& user) { return user.role == UserRole::Staff ? CaseActor::Staff : CaseActor::Reviewer; }

// The case, if it exists and is in one of the user's halls; another hall's case looks missing.
RectCase caseInScope(PageContext& ctx, std::int64_t caseId) {
  auto found = ctx.cases.find(caseId);
  if (!found || !ctx.user.mayReadHall(found->hall))
    throw PageError{404, "err_no_case", {{"{id}", std::to_string(caseId)}}};
  return *found;
}

std::string noteOf(const Fields& form) {
  const auto it = form.find("note");
  const std::string note = it == form.end() ? std::string() : it->second;
  if (note.size() > kMaxNoteBytes) throw PageError{400, "err_note_long"};
  return note;
}

// The public outcome as typed (line ends normalised), checked later by the store's rule.
std::string publicOutcomeOf(const Fields& form) {
  const auto it = form.find("public_outcome");
  std::string text;
  if (it != form.end())
    for (const char c : it->second)
      if (c != '\r') text += c;
  const auto last = text.find_last_not_of(" \t\n");
  text = last == std::string::npos ? std::string() : text.substr(text.find_first_not_of(" \t\n"), last + 1);
  if (text.size() > kMaxNoteBytes) throw PageError{400, "err_note_long"};
  return text;
}

// The hours a dispute marks: both days given (real days, in order, not in the future, at most a
// year) and, when chosen, the first and last hour (0–23; absent: the whole first and last day).
HourRange disputedHoursOf(const Fields& form, const std::string& today) {
  const auto value = [&](const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const auto day = [&](const char* name) {
    const std::string v = value(name);
    if (!common::isIsoDay(v)) throw PageError{400, "err_dispute_day"};
    return v;
  };
  const auto hour = [&](const char* name, int whole) {
    const std::string v = value(name);
    if (v.empty()) return whole;
    if (v.size() > 2 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(v) > 23)
      throw PageError{400, "err_dispute_hour"};
    return std::stoi(v);
  };
  HourRange r{day("from"), hour("from_hour", 0), day("to"), hour("to_hour", 23)};
  if (r.fromDay > r.toDay || (r.fromDay == r.toDay && r.fromHour > r.toHour)) throw PageError{400, "err_dispute_order"};
  if (r.toDay > today) throw PageError{400, "err_dispute_future"};
  if (common::dayNumber(r.toDay) - common::dayNumber(r.fromDay) >= 366) throw PageError{400, "err_dispute_year"};
  return r;
}

// The ratings of the case's window by day and hour, newest day first, for judging an appeal: each
// day's counts and each hour's total, with its 差 only when the hour reaches the privacy floor.
Data hourlyData(const PageContext& ctx, const RectCase& c) {
  const std::string from = addDays(c.openedDay, 1 - ctx.config.caseWindowDays);
  std::map<std::string, std::vector<queries::HourCounts>, std::greater<>> byDay;
  for (auto& h : queries::hourlyCounts(ctx.db, c.hall, c.commitmentId, from, ctx.today)) byDay[h.day].push_back(h);
  Data days{Data::type::list};
  for (const auto& [day, hours] : byDay) {
    wire::TallyCounts sum;
    std::int64_t underFloor = 0;  // votes in the day's hours under the floor
    for (const auto& h : hours) {
      sum.good += h.counts.good;
      sum.fair += h.counts.fair;
      sum.poor += h.counts.poor;
      if (h.counts.total() < ctx.config.minCount) underFloor += h.counts.total();
    }
    // The hours' 差 are shown only if the hidden hours together reach the floor too: otherwise the
    // day's 差 less the shown hours' would give them away.
    const bool hoursShown = underFloor == 0 || underFloor >= ctx.config.minCount;
    Data cells{Data::type::list};
    for (const auto& h : hours) {
      Data cell;
      cell.set("hour", std::to_string(h.hour));
      cell.set("total", std::to_string(h.counts.total()));
      // Always set: an unset key would be looked up in the day's row (Mustache's context stack).
      const bool shown = hoursShown && h.counts.total() >= ctx.config.minCount;
      cell.set("hour_poor_shown", shown);
      cell.set("hour_poor", shown ? std::to_string(h.counts.poor) : std::string());
      cells.push_back(cell);
    }
    Data d = countsData(sum, ctx.config.minCount);
    d.set("day", day);
    d.set("hours", cells);
    days.push_back(d);
  }
  return days;
}

Response backTo(std::int64_t caseId) {
  return {303, "text/plain; charset=utf-8", "", {{"Location", paths::fill(paths::kCase, std::to_string(caseId))}}};
}

}  // namespace

Response casePage(PageContext& ctx, std::int64_t caseId) {
  const Strings& t = ctx.t;
  const RectCase c = caseInScope(ctx, caseId);
  Data content;
  content.set("id", std::to_string(c.id));
  content.set("step_action", paths::fill(paths::kCaseStep, std::to_string(c.id)));
  content.set("hall", ctx.hallName(c.hall));
  content.set("commitment_id", c.commitmentId);
  content.set("commitment_href",
              paths::fill(paths::kCommitment, urlEncode(c.commitmentId)) + "?hall=" + urlEncode(c.hall));
  if (const auto list = ctx.catalog.current(ctx.db, c.hall)) {
    const auto it = std::find_if(list->commitments.begin(), list->commitments.end(),
                                 [&](const wire::Commitment& x) { return x.id == c.commitmentId; });
    if (it != list->commitments.end()) {
      content.set("title", it->title);
      content.set("holder", it->holder.name);
      if (it->holder.unit != it->holder.name) content.set("unit", it->holder.unit);  // a unit holds it itself
    }
  }
  content.set("state", caseStateLabel(t, c.state));
  content.set("state_code", std::string(nameOf(c.state)));
  content.set("opened", c.openedDay);
  content.set("opened_by", c.openedBy == "rule"    ? t["case_rule"]
                           : c.openedBy == "panel" ? t["case_panel"]
                                                   : ctx.personName(c.openedBy));
  content.set("deadline", c.deadline);
  content.set("overdue", isOverdue(c.state, c.deadline, ctx.today));
  content.set("trigger", c.trigger);
  // Only what has happened: an empty string would still open a Mustache section.
  if (!c.outcome.empty()) content.set("outcome", c.outcome);
  if (!c.doneDay.empty()) content.set("done", c.doneDay);
  if (!c.closedDay.empty()) content.set("closed", c.closedDay);

  Data steps{Data::type::list};
  const auto history = ctx.cases.steps(c.id);
  for (const auto& s : history) {
    Data row;
    row.set("when", localTime(ctx, s.atUnix));
    row.set("who", ctx.personName(s.login));
    row.set("step", t["step_" + std::string(nameOf(s.step))]);
    row.set("from", caseStateLabel(t, s.from));
    row.set("to", caseStateLabel(t, s.to));
    row.set("note", s.note);
    steps.push_back(row);
  }
  content.set("steps", steps);

  // The steps this user may take now, in the lifecycle's order; a judging step is not offered to
  // the one who took the step it judges.
  const auto takers = [&](CaseStep step) { return takersOf(history, ctx.user.login, step); };
  Data choices{Data::type::list};
  for (auto step : {CaseStep::Confirm, CaseStep::ReportDone, CaseStep::Explain, CaseStep::Appeal, CaseStep::Approve,
                    CaseStep::SendBack, CaseStep::Uphold, CaseStep::Dispute, CaseStep::Reopen}) {
    if (!decideStep(c.state, step, actorOf(ctx.user), "a note", takers(step)).next) {
      // Say why a judging step the user could otherwise take is not offered.
      if (decideStep(c.state, step, actorOf(ctx.user), "a note").next) content.set("own_work", true);
      continue;
    }
    Data choice;
    choice.set("code", std::string(nameOf(step)));
    choice.set("label", t["step_" + std::string(nameOf(step))]);
    choices.push_back(choice);
  }
  content.set("has_choices", !choices.is_empty_list());
  // The public outcome: a field when a step offered may write it (prefilled with the report's
  // wording for the reviewer), and what residents will read, shown as such before it is public.
  bool writes = false;
  for (auto step : {CaseStep::ReportDone, CaseStep::Explain, CaseStep::Approve})
    writes = writes || decideStep(c.state, step, actorOf(ctx.user), "a note", takers(step)).next.has_value();
  if (writes) {
    content.set("writes_public_outcome", true);
    content.set("public_outcome_draft", c.outcome);
    content.set("public_outcome_max", std::to_string(kMaxPublicOutcomeChars));
  }
  if (!c.outcome.empty()) {
    content.set("public_preview", c.outcome);
    content.set("public_live", c.state == CaseState::Closed);
  }
  if (decideStep(c.state, CaseStep::Dispute, actorOf(ctx.user), "a note", takers(CaseStep::Dispute)).next) {
    // Which hours' ratings a dispute marks: nothing until the leader chooses (an appeal is usually
    // about an hour or a day, never the whole window), with the window's ratings by hour to judge by.
    content.set("dispute", true);
    content.set("today", ctx.today);
    Data hours{Data::type::list};
    for (int h = 0; h < 24; ++h) {
      Data o;
      o.set("value", std::to_string(h));
      hours.push_back(o);
    }
    content.set("hour_options", hours);
    const Data days = hourlyData(ctx, c);
    content.set("has_hourly", !days.is_empty_list());
    content.set("hourly", days);
    content.set("hourly_from", addDays(c.openedDay, 1 - ctx.config.caseWindowDays));
  }
  content.set("choices", choices);
  content.set("csrf", ctx.session.csrf);
  return renderPage(ctx, "case", t["case"] + " " + std::to_string(c.id), content, false);
}

Response openCaseForm(PageContext& ctx, const Fields& form) {
  const auto field = [&](const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string hall = field("hall"), id = field("commitment"), note = noteOf(form);
  if (!wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  if (!wire::limits::isSafeId(id)) throw PageError{400, "err_commitment_id"};
  if (!ctx.user.mayReadHall(hall)) throw PageError{403, replaceText(ctx.t["err_not_your_hall"], "{hall}", hall)};
  const auto list = ctx.catalog.current(ctx.db, hall);
  if (!list || std::none_of(list->commitments.begin(), list->commitments.end(),
                            [&](const wire::Commitment& c) { return c.id == id; }))
    throw PageError{400, "err_case_commitment", {{"{id}", id}, {"{hall}", ctx.hallName(hall)}}};
  if (note.find_first_not_of(" \t\r\n") == std::string::npos) throw PageError{400, "err_case_reason"};
  const auto deadline = caseDeadline(ctx.today, static_cast<int>(ctx.config.caseWorkingDays), ctx.config.calendar);
  const auto opened = ctx.cases.open(hall, id, ctx.today, deadline, ctx.user.login, note, ctx.now);
  if (!opened) {
    // One is open already: show it rather than fail.
    return backTo(ctx.cases.latestFor(hall, id)->id);
  }
  ctx.accounts.audit(ctx.user.login, "case_open", std::to_string(opened->id) + " " + hall + " " + id, ctx.request.peer,
                     ctx.now);
  return backTo(opened->id);
}

Response caseStepForm(PageContext& ctx, std::int64_t caseId, const Fields& form) {
  const RectCase c = caseInScope(ctx, caseId);
  const auto it = form.find("step");
  const auto step = caseStepFromString(it == form.end() ? std::string() : it->second);
  if (!step) throw PageError{400, "err_case_step"};
  const std::string note = noteOf(form);
  // Which refusal: the state (409), the user's role (403), or a missing note (400).
  if (!decideStep(c.state, *step, CaseActor::Reviewer, "a note").next)
    throw PageError{409, "err_step_state", decideStep(c.state, *step, CaseActor::Reviewer, "a note").refusalFill};
  const auto history = ctx.cases.steps(c.id);
  const StepTakers by = takersOf(history, ctx.user.login, *step);
  const auto decision = decideStep(c.state, *step, actorOf(ctx.user), note, by);
  if (!decision.next)
    throw PageError{decideStep(c.state, *step, actorOf(ctx.user), "a note", by).next ? 400 : 403, decision.refusalKey,
                    decision.refusalFill};
  const std::string publicOutcome = mayWritePublicOutcome(*step) ? publicOutcomeOf(form) : std::string();
  if (needsPublicOutcome(*step) || !publicOutcome.empty())
    if (const auto problem = publicOutcomeProblemKey(publicOutcome); !problem.empty())
      throw PageError{400,
                      problem,
                      {{"{n}", std::to_string(common::countCharacters(publicOutcome))},
                       {"{max}", std::to_string(kMaxPublicOutcomeChars)}}};
  std::optional<HourRange> disputed;
  if (*step == CaseStep::Dispute) disputed = disputedHoursOf(form, ctx.today);
  const auto reopenDeadline =
      caseDeadline(ctx.today, static_cast<int>(ctx.config.caseWorkingDays), ctx.config.calendar);
  const std::string refusal = ctx.cases.take(c.id, *step, actorOf(ctx.user), ctx.user.login, note, ctx.today,
                                             reopenDeadline, ctx.now, disputed, publicOutcome);
  if (!refusal.empty()) throw PageError{409, "err_case_changed"};  // changed meanwhile by someone else
  ctx.accounts.audit(ctx.user.login, "case_step", std::to_string(c.id) + " " + std::string(nameOf(*step)),
                     ctx.request.peer, ctx.now);
  return backTo(c.id);
}

}  // namespace hub::console
