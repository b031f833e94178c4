#include "hub/store/poster_store.hpp"

namespace hub::poster_store {

namespace sql = common::sql;

namespace {

constexpr std::string_view kColumns = "code, hall, commitment_id, issued_unix, expires_unix, issued_by";

Poster read(sql::Statement& st) {
  return {st.columnText(0), st.columnText(1), st.columnText(2), st.columnInt(3), st.columnInt(4), st.columnText(5)};
}

void withdrawIn(sql::Database& db, const std::string& hall, const std::string& commitmentId, std::int64_t nowUnix,
                std::int64_t& count) {
  sql::Statement st(db, R"sql(UPDATE poster SET withdrawn_unix = ?3
                              WHERE hall = ?1 AND commitment_id = ?2 AND withdrawn_unix IS NULL AND expires_unix > ?3)sql");
  st.bind(1, hall).bind(2, commitmentId).bind(3, nowUnix);
  st.run();
  count += db.changes();
}

}  // namespace

std::optional<Poster> findValid(sql::Database& db, const std::string& code, std::int64_t nowUnix) {
  sql::Statement st(db, "SELECT " + std::string(kColumns) +
                            " FROM poster WHERE code = ?1 AND withdrawn_unix IS NULL AND expires_unix > ?2");
  st.bind(1, code).bind(2, nowUnix);
  if (!st.step()) return std::nullopt;
  return read(st);
}

std::vector<Poster> inForce(sql::Database& db, const std::string& hall, std::int64_t nowUnix) {
  sql::Statement st(db, "SELECT " + std::string(kColumns) +
                            " FROM poster WHERE hall = ?1 AND withdrawn_unix IS NULL AND expires_unix > ?2"
                            " ORDER BY commitment_id, issued_unix DESC");
  st.bind(1, hall).bind(2, nowUnix);
  std::vector<Poster> out;
  while (st.step()) {
    Poster p = read(st);
    if (out.empty() || out.back().commitmentId != p.commitmentId) out.push_back(std::move(p));
  }
  return out;
}

void issue(sql::Database& db, const std::vector<Poster>& posters, std::int64_t nowUnix) {
  sql::Transaction tx(db);
  std::int64_t withdrawn = 0;
  sql::Statement add(db, "INSERT INTO poster(" + std::string(kColumns) + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const auto& p : posters) {
    withdrawIn(db, p.hall, p.commitmentId, nowUnix, withdrawn);
    add.bind(1, p.code).bind(2, p.hall).bind(3, p.commitmentId).bind(4, p.issuedUnix).bind(5, p.expiresUnix);
    add.bind(6, p.issuedBy);
    add.run();
    add.reset();
  }
  tx.commit();
}

std::int64_t withdraw(sql::Database& db, const std::string& hall, const std::string& commitmentId,
                      std::int64_t nowUnix) {
  sql::Transaction tx(db);
  std::int64_t withdrawn = 0;
  withdrawIn(db, hall, commitmentId, nowUnix, withdrawn);
  tx.commit();
  return withdrawn;
}

}  // namespace hub::poster_store
