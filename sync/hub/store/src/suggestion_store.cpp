#include "hub/store/suggestion_store.hpp"

#include <algorithm>
#include <stdexcept>

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

namespace {

constexpr std::string_view kPeriodColumns =
    "id, hall, topic, opened_by, opened_unix, closes_unix, closes_day, closed_unix";
constexpr std::string_view kColumns =
    "id, period_id, hall, about, text, flagged, source, created_unix, state, merged_into, reason, decided_by, "
    "decided_unix";

SuggestionPeriod periodOf(const sql::Statement& st) {
  return {st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3),
          st.columnInt(4), st.columnInt(5),  st.columnText(6), st.columnInt(7)};
}

SuggestionState stateOf(const std::string& word) {
  if (word == "accepted") return SuggestionState::Accepted;
  if (word == "merged") return SuggestionState::Merged;
  if (word == "rejected") return SuggestionState::Rejected;
  return SuggestionState::New;
}

Suggestion suggestionOf(const sql::Statement& st) {
  Suggestion s;
  s.number = st.columnInt(0);
  s.period = st.columnInt(1);
  s.hall = st.columnText(2);
  s.about = st.columnText(3);
  s.text = st.columnText(4);
  s.flagged = st.columnInt(5) != 0;
  s.source = st.columnText(6);
  s.createdUnix = st.columnInt(7);
  s.state = stateOf(st.columnText(8));
  s.mergedInto = st.columnInt(9);
  s.reason = st.columnText(10);
  s.decidedBy = st.columnText(11);
  s.decidedUnix = st.columnInt(12);
  return s;
}

std::optional<SuggestionPeriod> latestLocked(sql::Database& db, const std::string& hall) {
  sql::Statement st(
      db, "SELECT " + std::string(kPeriodColumns) + " FROM suggestion_period WHERE hall = ?1 ORDER BY id DESC LIMIT 1");
  st.bind(1, hall);
  if (!st.step()) return std::nullopt;
  return periodOf(st);
}

}  // namespace

std::string_view nameOf(SuggestionState state) {
  switch (state) {
    case SuggestionState::New: return "new";
    case SuggestionState::Accepted: return "accepted";
    case SuggestionState::Merged: return "merged";
    case SuggestionState::Rejected: return "rejected";
  }
  return "new";
}

SuggestionStore::SuggestionStore(const std::filesystem::path& consoleDatabase)
    : SuggestionStore(sql::Database(consoleDatabase)) {}

SuggestionStore::SuggestionStore(sql::Database db, std::int64_t maxPerPeriod)
    : db_(std::move(db)), maxPerPeriod_(maxPerPeriod) {
  openConsoleDatabase(db_);
}

std::optional<SuggestionPeriod> SuggestionStore::latestPeriod(const std::string& hall) {
  std::lock_guard lock(mutex_);
  return latestLocked(db_, hall);
}

SuggestionPeriod SuggestionStore::openPeriod(const std::string& hall, const std::string& topic, std::int64_t closesUnix,
                                             const std::string& closesDay, const std::string& login,
                                             std::int64_t nowUnix) {
  if (closesUnix <= nowUnix) throw std::invalid_argument("the period must close after it opens");
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  if (const auto latest = latestLocked(db_, hall); latest && latest->takesSuggestions(nowUnix))
    throw std::invalid_argument("a period is open already");
  sql::Statement st(db_, R"sql(INSERT INTO suggestion_period(hall, topic, opened_by, opened_unix, closes_unix,
                                                             closes_day, closed_unix)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) RETURNING id)sql");
  st.bind(1, hall).bind(2, topic).bind(3, login).bind(4, nowUnix).bind(5, closesUnix).bind(6, closesDay);
  if (!st.step()) throw sql::Error(0, "a suggestion period was not stored");
  SuggestionPeriod p{st.columnInt(0), hall, topic, login, nowUnix, closesUnix, closesDay, 0};
  st.reset();
  tx.commit();
  return p;
}

bool SuggestionStore::closePeriod(const std::string& hall, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  const auto latest = latestLocked(db_, hall);
  if (!latest || !latest->takesSuggestions(nowUnix)) return false;
  sql::Statement st(db_, "UPDATE suggestion_period SET closed_unix = ?1 WHERE id = ?2");
  st.bind(1, nowUnix).bind(2, latest->id);
  st.run();
  tx.commit();
  return true;
}

SuggestionStore::Added SuggestionStore::add(const std::string& hall, const std::string& about, const std::string& text,
                                            bool flagged, const std::string& source, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  const auto period = latestLocked(db_, hall);
  if (!period || !period->takesSuggestions(nowUnix)) return {AddOutcome::NoPeriod, 0};
  sql::Statement count(db_, "SELECT COUNT(*) FROM suggestion WHERE period_id = ?1");
  count.bind(1, period->id);
  if (count.step() && count.columnInt(0) >= maxPerPeriod_) return {AddOutcome::Full, 0};
  count.reset();
  sql::Statement st(db_, R"sql(INSERT INTO suggestion(period_id, hall, about, text, flagged, source, created_unix,
                                                      state, merged_into, reason, decided_by, decided_unix)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', 0, '', '', 0) RETURNING id)sql");
  st.bind(1, period->id).bind(2, hall).bind(3, about).bind(4, text).bind(5, std::int64_t{flagged ? 1 : 0});
  st.bind(6, source).bind(7, nowUnix);
  if (!st.step()) throw sql::Error(0, "a suggestion was not stored");
  const std::int64_t number = st.columnInt(0);
  st.reset();
  tx.commit();
  return {AddOutcome::Added, number};
}

std::optional<Suggestion> SuggestionStore::get(std::int64_t number) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM suggestion WHERE id = ?1");
  st.bind(1, number);
  if (!st.step()) return std::nullopt;
  return suggestionOf(st);
}

std::vector<Suggestion> SuggestionStore::ofHall(const std::string& hall, std::optional<SuggestionState> state,
                                                std::size_t limit) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) +
                             " FROM suggestion WHERE hall = ?1 AND (?2 = '' OR state = ?2) ORDER BY id DESC LIMIT ?3");
  st.bind(1, hall).bind(2, state ? std::string(nameOf(*state)) : std::string());
  st.bind(3, static_cast<std::int64_t>(limit));
  std::vector<Suggestion> out;
  while (st.step()) out.push_back(suggestionOf(st));
  return out;
}

std::vector<Suggestion> SuggestionStore::receivedBetween(const std::vector<std::string>& halls, std::int64_t fromUnix,
                                                         std::int64_t toUnix, std::size_t limit) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) +
                             " FROM suggestion WHERE hall = ?1 AND created_unix >= ?2 AND created_unix < ?3"
                             " ORDER BY id LIMIT ?4");
  std::vector<Suggestion> out;
  for (const auto& hall : halls) {
    st.bind(1, hall).bind(2, fromUnix).bind(3, toUnix).bind(4, static_cast<std::int64_t>(limit - out.size()));
    while (out.size() < limit && st.step()) out.push_back(suggestionOf(st));
    st.reset();
    if (out.size() >= limit) break;
  }
  std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) { return a.number < b.number; });
  return out;
}

std::map<std::int64_t, std::string> SuggestionStore::citable(const std::string& hall) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT id, text FROM suggestion WHERE hall = ?1 AND state = 'accepted' ORDER BY id");
  st.bind(1, hall);
  std::map<std::int64_t, std::string> out;
  while (st.step()) out.emplace(st.columnInt(0), st.columnText(1));
  return out;
}

std::map<std::int64_t, std::int64_t> SuggestionStore::mergedCounts(const std::string& hall) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, R"sql(SELECT merged_into, COUNT(*) FROM suggestion WHERE hall = ?1 AND state = 'merged'
                               GROUP BY merged_into)sql");
  st.bind(1, hall);
  std::map<std::int64_t, std::int64_t> out;
  while (st.step()) out.emplace(st.columnInt(0), st.columnInt(1));
  return out;
}

std::int64_t SuggestionStore::waiting(const std::vector<std::string>& halls) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT COUNT(*) FROM suggestion WHERE hall = ?1 AND state = 'new'");
  std::int64_t total = 0;
  for (const auto& hall : halls) {
    st.bind(1, hall);
    if (st.step()) total += st.columnInt(0);
    st.reset();
  }
  return total;
}

DecisionOutcome SuggestionStore::decide(std::int64_t number, const SuggestionDecision& d, const std::string& login,
                                        std::int64_t nowUnix) {
  if (d.to == SuggestionState::New) throw std::invalid_argument("a decision accepts, merges or rejects");
  if (d.to == SuggestionState::Rejected && d.reason.empty()) return DecisionOutcome::NeedsReason;
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement find(db_, "SELECT " + std::string(kColumns) + " FROM suggestion WHERE id = ?1");
  find.bind(1, number);
  if (!find.step()) return DecisionOutcome::NotFound;
  const Suggestion s = suggestionOf(find);
  find.reset();
  if (s.state != SuggestionState::New) return DecisionOutcome::AlreadyDecided;
  if (d.to == SuggestionState::Merged) {
    find.bind(1, d.into);
    if (d.into == number || !find.step()) return DecisionOutcome::BadMergeTarget;
    const Suggestion target = suggestionOf(find);
    find.reset();
    if (target.hall != s.hall || target.state != SuggestionState::Accepted) return DecisionOutcome::BadMergeTarget;
  }
  sql::Statement st(db_, R"sql(UPDATE suggestion SET state = ?1, merged_into = ?2, reason = ?3, decided_by = ?4,
                                 decided_unix = ?5 WHERE id = ?6 AND state = 'new')sql");
  st.bind(1, std::string(nameOf(d.to))).bind(2, d.to == SuggestionState::Merged ? d.into : std::int64_t{0});
  st.bind(3, d.reason).bind(4, login).bind(5, nowUnix).bind(6, number);
  st.run();
  if (db_.changes() != 1) return DecisionOutcome::AlreadyDecided;
  tx.commit();
  return DecisionOutcome::Done;
}

}  // namespace hub
