#include "hub/store/review_store.hpp"

#include <nlohmann/json.hpp>

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

namespace {

LeaderReview rowOf(sql::Statement& st) {
  return {st.columnInt(0),  st.columnText(1), st.columnText(2), st.columnText(3),
          st.columnText(4), st.columnText(5), st.columnInt(6)};
}

constexpr std::string_view kColumns = "id, hall, unit, half, login, note, at_unix";

}  // namespace

std::string halfYearOf(const std::string& day) { return day.substr(0, 4) + (day.substr(5, 2) <= "06" ? "H1" : "H2"); }

ReviewStore::ReviewStore(const std::filesystem::path& consoleDatabase) : ReviewStore(sql::Database(consoleDatabase)) {}

ReviewStore::ReviewStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

LeaderReview ReviewStore::add(const std::string& hall, const std::string& unit, const std::string& half,
                              const std::string& login, const std::string& note, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_,
                    "INSERT INTO leader_review(hall, unit, half, login, note, at_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                    "RETURNING id");
  st.bind(1, hall).bind(2, unit).bind(3, half).bind(4, login).bind(5, note).bind(6, nowUnix);
  if (!st.step()) throw sql::Error(0, "a leader review was not stored");
  const auto id = st.columnInt(0);
  st.reset();
  tx.commit();
  return {id, hall, unit, half, login, note, nowUnix};
}

std::vector<LeaderReview> ReviewStore::forUnit(const std::vector<std::string>& halls, const std::string& unit) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM leader_review WHERE unit = ?1 AND hall IN " +
                             sql::inJsonArray(db_, 2) + " ORDER BY id DESC");
  st.bind(1, unit).bind(2, nlohmann::json(halls).dump());
  std::vector<LeaderReview> out;
  while (st.step()) out.push_back(rowOf(st));
  return out;
}

std::vector<LeaderReview> ReviewStore::list(const std::vector<std::string>& halls) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM leader_review WHERE hall IN " +
                             sql::inJsonArray(db_, 1) + " ORDER BY hall, unit, id");
  st.bind(1, nlohmann::json(halls).dump());
  std::vector<LeaderReview> out;
  while (st.step()) out.push_back(rowOf(st));
  return out;
}

std::map<std::string, LeaderReview> ReviewStore::latestByUnit(const std::vector<std::string>& halls) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM leader_review WHERE hall IN " +
                             sql::inJsonArray(db_, 1) + " ORDER BY id");
  st.bind(1, nlohmann::json(halls).dump());
  std::map<std::string, LeaderReview> out;
  while (st.step()) {
    auto r = rowOf(st);
    out[r.unit] = std::move(r);  // in id order: the last one kept is the newest
  }
  return out;
}

}  // namespace hub
