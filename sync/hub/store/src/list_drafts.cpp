#include "hub/store/list_drafts.hpp"

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

ListDraftStore::ListDraftStore(const std::filesystem::path& consoleDatabase)
    : ListDraftStore(sql::Database(consoleDatabase)) {}

ListDraftStore::ListDraftStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

ListDraft ListDraftStore::add(const std::string& hall, std::int64_t version, const std::string& payload,
                              const std::string& source, const std::string& login, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(INSERT INTO list_draft(hall, version, payload, source, login, created_unix)
                               VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id)sql");
  st.bind(1, hall).bind(2, version).bind(3, payload).bind(4, source).bind(5, login).bind(6, nowUnix);
  if (!st.step()) throw sql::Error(0, "a list draft was not stored");
  const auto id = st.columnInt(0);
  st.reset();
  tx.commit();
  return {id, hall, version, payload, source, login, nowUnix, 0};
}

std::optional<ListDraft> ListDraftStore::get(std::int64_t id) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, R"sql(SELECT id, hall, version, payload, source, login, created_unix,
                                      COALESCE(published_unix, 0) FROM list_draft WHERE id = ?1)sql");
  if (!st.bind(1, id).step()) return std::nullopt;
  return ListDraft{st.columnInt(0),  st.columnText(1), st.columnInt(2), st.columnText(3),
                   st.columnText(4), st.columnText(5), st.columnInt(6), st.columnInt(7)};
}

void ListDraftStore::markPublished(std::int64_t id, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "UPDATE list_draft SET published_unix = ?2 WHERE id = ?1");
  st.bind(1, id).bind(2, nowUnix).run();
  tx.commit();
}

std::int64_t ListDraftStore::unpublishedSince(std::int64_t sinceUnix) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT COUNT(*) FROM list_draft WHERE published_unix IS NULL AND created_unix >= ?1");
  st.bind(1, sinceUnix).step();
  return st.columnInt(0);
}

}  // namespace hub
