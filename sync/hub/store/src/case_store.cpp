#include "hub/store/case_store.hpp"

#include <nlohmann/json.hpp>

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

namespace {

constexpr std::string_view kColumns =
    "id, hall, commitment_id, state, opened_day, deadline, opened_by, trigger, done_day, closed_day, outcome, "
    "updated_unix";

RectCase rowOf(sql::Statement& st) {
  RectCase c;
  c.id = st.columnInt(0);
  c.hall = st.columnText(1);
  c.commitmentId = st.columnText(2);
  c.state = caseStateFromString(st.columnText(3)).value_or(CaseState::Verifying);
  c.openedDay = st.columnText(4);
  c.deadline = st.columnText(5);
  c.openedBy = st.columnText(6);
  c.trigger = st.columnText(7);
  c.doneDay = st.columnText(8);
  c.closedDay = st.columnText(9);
  c.outcome = st.columnText(10);
  c.updatedUnix = st.columnInt(11);
  return c;
}

}  // namespace

CaseStore::CaseStore(const std::filesystem::path& consoleDatabase) : CaseStore(sql::Database(consoleDatabase)) {}

CaseStore::CaseStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

std::optional<RectCase> CaseStore::open(const std::string& hall, const std::string& commitmentId,
                                        const std::string& openedDay, const std::string& deadline,
                                        const std::string& openedBy, const std::string& trigger, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  // The partial unique index refuses a second open case; DO NOTHING makes that "no new case".
  sql::Statement st(db_, R"sql(INSERT INTO rect_case(hall, commitment_id, state, opened_day, deadline, opened_by,
                                                     trigger, updated_unix)
                               VALUES (?1, ?2, 'verifying', ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING
                               RETURNING id)sql");
  st.bind(1, hall).bind(2, commitmentId).bind(3, openedDay).bind(4, deadline).bind(5, openedBy).bind(6, trigger);
  st.bind(7, nowUnix);
  if (!st.step()) return std::nullopt;  // nothing inserted: a case is open already
  const auto id = st.columnInt(0);
  st.reset();
  tx.commit();
  return findLocked(id);
}

std::string CaseStore::take(std::int64_t caseId, CaseStep step, CaseActor actor, const std::string& login,
                            const std::string& note, const std::string& today, const std::string& reopenDeadline,
                            std::int64_t nowUnix, const std::optional<HourRange>& disputed,
                            const std::string& publicOutcome) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  const auto current = findLocked(caseId);
  if (!current) return "no case " + std::to_string(caseId);
  // Who took the step this one judges (the latest report of work done, the latest appeal): read
  // in the same transaction, so the rule holds whatever the page showed.
  std::string judgedStepLogin;
  if (const auto judged = stepJudgedBy(step)) {
    sql::Statement by(db_, "SELECT login FROM case_step WHERE case_id = ?1 AND step = ?2 ORDER BY id DESC LIMIT 1");
    by.bind(1, caseId).bind(2, nameOf(*judged));
    if (by.step()) judgedStepLogin = by.columnText(0);
  }
  const StepDecision decision = decideStep(current->state, step, actor, note, {login, judgedStepLogin});
  if (!decision.next) return decision.refusal;
  if (needsPublicOutcome(step) || (mayWritePublicOutcome(step) && !publicOutcome.empty()))
    if (const auto problem = publicOutcomeProblem(publicOutcome); !problem.empty()) return problem;
  if (step == CaseStep::Dispute) {
    if (!disputed) return "a dispute names the hours whose ratings were found mistaken";
    sql::Statement(db_, R"sql(INSERT INTO disputed_range(case_id, hall, commitment_id, from_day, to_day, reason, login,
                                                         at_unix, from_hour, to_hour)
                              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql")
        .bind(1, caseId)
        .bind(2, current->hall)
        .bind(3, current->commitmentId)
        .bind(4, disputed->fromDay)
        .bind(5, disputed->toDay)
        .bind(6, note)
        .bind(7, login)
        .bind(8, nowUnix)
        .bind(9, std::int64_t{disputed->fromHour})
        .bind(10, std::int64_t{disputed->toHour})
        .run();
  }
  RectCase next = *current;
  next.state = *decision.next;
  switch (step) {
    case CaseStep::ReportDone:
      next.doneDay = today;
      next.outcome = publicOutcome;
      break;
    case CaseStep::Approve:
      next.closedDay = today;
      if (!publicOutcome.empty()) next.outcome = publicOutcome;  // the reviewer's revision; notes stay notes
      break;
    case CaseStep::Explain:
      next.closedDay = today;
      next.outcome = publicOutcome;
      break;
    case CaseStep::Dispute:
      next.closedDay = today;
      next.outcome.clear();  // ratings found mistaken: the reason stays with the disputed range
      break;
    case CaseStep::SendBack: next.doneDay.clear(); break;
    case CaseStep::Reopen:
      next.openedDay = today;
      next.deadline = reopenDeadline;
      next.doneDay.clear();
      next.closedDay.clear();
      next.outcome.clear();
      break;
    default: break;
  }
  sql::Statement update(db_, R"sql(UPDATE rect_case SET state = ?2, opened_day = ?3, deadline = ?4, done_day = ?5,
                                   closed_day = ?6, outcome = ?7, updated_unix = ?8 WHERE id = ?1)sql");
  update.bind(1, caseId).bind(2, nameOf(next.state)).bind(3, next.openedDay).bind(4, next.deadline);
  update.bind(5, next.doneDay).bind(6, next.closedDay).bind(7, next.outcome).bind(8, nowUnix);
  try {
    update.run();
  } catch (const sql::Error&) {
    // Reopening while another case for the commitment is open (opened by hand meanwhile).
    return "another case for this commitment is already open";
  }
  sql::Statement record(db_, R"sql(INSERT INTO case_step(case_id, step, from_state, to_state, login, note, at_unix)
                                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  record.bind(1, caseId).bind(2, nameOf(step)).bind(3, nameOf(current->state)).bind(4, nameOf(next.state));
  record.bind(5, login).bind(6, note).bind(7, nowUnix).run();
  tx.commit();
  return "";
}

std::optional<RectCase> CaseStore::find(std::int64_t caseId) {
  std::lock_guard lock(mutex_);
  return findLocked(caseId);
}

std::optional<RectCase> CaseStore::findLocked(std::int64_t caseId) {
  sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM rect_case WHERE id = ?1");
  st.bind(1, caseId);
  if (!st.step()) return std::nullopt;
  return rowOf(st);
}

std::vector<RectCase> CaseStore::list(const std::optional<std::vector<std::string>>& halls) {
  std::lock_guard lock(mutex_);
  std::string text = "SELECT " + std::string(kColumns) + " FROM rect_case";
  if (halls) text += " WHERE hall IN " + sql::inJsonArray(db_, 1);
  text += " ORDER BY id DESC";
  sql::Statement st(db_, text);
  if (halls) st.bind(1, nlohmann::json(*halls).dump());
  std::vector<RectCase> out;
  while (st.step()) out.push_back(rowOf(st));
  return out;
}

std::optional<RectCase> CaseStore::latestFor(const std::string& hall, const std::string& commitmentId) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) +
                             " FROM rect_case WHERE hall = ?1 AND commitment_id = ?2 ORDER BY id DESC LIMIT 1");
  st.bind(1, hall).bind(2, commitmentId);
  if (!st.step()) return std::nullopt;
  return rowOf(st);
}

std::vector<CaseStepRecord> CaseStore::steps(std::int64_t caseId) {
  std::lock_guard lock(mutex_);
  sql::Statement st(
      db_, "SELECT step, from_state, to_state, login, note, at_unix FROM case_step WHERE case_id = ?1 ORDER BY id");
  st.bind(1, caseId);
  std::vector<CaseStepRecord> out;
  while (st.step())
    out.push_back({caseStepFromString(st.columnText(0)).value_or(CaseStep::Confirm),
                   caseStateFromString(st.columnText(1)).value_or(CaseState::Verifying),
                   caseStateFromString(st.columnText(2)).value_or(CaseState::Verifying), st.columnText(3),
                   st.columnText(4), st.columnInt(5)});
  return out;
}

std::map<std::string, std::string> CaseStore::closedOutcomes(const std::string& hall) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT commitment_id, state, outcome FROM rect_case WHERE hall = ?1 ORDER BY id");
  st.bind(1, hall);
  std::map<std::string, std::string> out;
  while (st.step()) {  // in id order: a later case replaces an earlier one, closed or not
    if (st.columnText(1) == nameOf(CaseState::Closed)) out[st.columnText(0)] = st.columnText(2);
    else out.erase(st.columnText(0));
  }
  return out;
}

std::vector<DisputedRange> CaseStore::disputedRanges(const std::optional<std::vector<std::string>>& halls) {
  std::lock_guard lock(mutex_);
  std::string text =
      "SELECT case_id, hall, commitment_id, from_day, to_day, reason, from_hour, to_hour FROM disputed_range";
  if (halls) text += " WHERE hall IN " + sql::inJsonArray(db_, 1);
  sql::Statement st(db_, text + " ORDER BY id");
  if (halls) st.bind(1, nlohmann::json(*halls).dump());
  std::vector<DisputedRange> out;
  while (st.step())
    out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                   st.columnText(5), static_cast<int>(st.columnInt(6)), static_cast<int>(st.columnInt(7))});
  return out;
}

}  // namespace hub
