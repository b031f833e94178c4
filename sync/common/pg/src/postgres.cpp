#include "common/postgres.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>  // only the result codes errors carry

#include <cstdlib>
#include <optional>
#include <vector>

namespace common::sql {

namespace {

constexpr Oid kInt8Oid = 20;

// SQLSTATE classes onto the nearest SQLite result code, so callers catch one error type.
int codeOf(const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return SQLITE_IOERR;  // no server answer: the connection
  const std::string s(state);
  if (s == "57014") return SQLITE_INTERRUPT;  // statement_timeout
  if (s.rfind("23", 0) == 0) return SQLITE_CONSTRAINT;
  if (s == "40001" || s == "40P01") return SQLITE_BUSY;  // serialization failure, deadlock
  if (s.rfind("08", 0) == 0) return SQLITE_IOERR;
  return SQLITE_ERROR;
}

[[noreturn]] void fail(PGconn* conn, const PGresult* r, std::string_view context) {
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  throw SqliteError(codeOf(r), "PostgreSQL " + std::string(context) + ": " + msg);
}

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

class PostgresDatabase;

class PostgresStatement final : public StatementBackend {
 public:
  PostgresStatement(PostgresDatabase& db, std::string_view sql);
  ~PostgresStatement() override { PQclear(result_); }

  void bind(int index, std::int64_t value) override { set(index, std::to_string(value), kInt8Oid); }
  void bind(int index, std::string_view value) override { set(index, std::string(value), 0); }
  void bindNull(int index) override {
    check(index);
    values_[static_cast<std::size_t>(index - 1)].reset();
    types_[static_cast<std::size_t>(index - 1)] = 0;
  }
  bool step() override;
  void reset() override {
    PQclear(result_);
    result_ = nullptr;
    for (auto& v : values_) v.reset();
    for (auto& t : types_) t = 0;
  }
  std::int64_t columnInt(int col) const override {
    if (columnIsNull(col)) return 0;
    const char* text = PQgetvalue(result_, row_, col);
    if (text[0] == 't' && text[1] == '\0') return 1;  // a boolean
    return std::strtoll(text, nullptr, 10);
  }
  std::string columnText(int col) const override {
    if (columnIsNull(col)) return {};
    return std::string(PQgetvalue(result_, row_, col), static_cast<std::size_t>(PQgetlength(result_, row_, col)));
  }
  bool columnIsNull(int col) const override { return PQgetisnull(result_, row_, col) != 0; }

 private:
  void check(int index) const {
    if (index < 1 || index > static_cast<int>(values_.size()))
      throw SqliteError(SQLITE_RANGE,
                        "PostgreSQL bind: parameter " + std::to_string(index) + " is not in the statement");
  }
  void set(int index, std::string value, Oid type) {
    check(index);
    values_[static_cast<std::size_t>(index - 1)] = std::move(value);
    types_[static_cast<std::size_t>(index - 1)] = type;
  }

  PostgresDatabase& db_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PostgresDatabase final : public DatabaseBackend {
 public:
  explicit PostgresDatabase(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      const std::string where = conn_ ? std::string("database \"") + PQdb(conn_) + "\" on " + PQhost(conn_) : url;
      PQfinish(conn_);
      throw SqliteError(SQLITE_CANTOPEN, "cannot connect to PostgreSQL (" + where + "): " + why);
    }
    // NOTICEs ("relation already exists, skipping") are not the hub's to print.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    exec("SET client_encoding = 'UTF8'");
  }
  ~PostgresDatabase() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::Postgres; }
  void exec(std::string_view sql) override {
    reconnectIfLost();
    ResultGuard r{PQexec(conn_, std::string(sql).c_str())};
    const auto status = PQresultStatus(r.r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn_, r.r, "exec");
    noteChanges(r.r);
  }
  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<PostgresStatement>(*this, sql);
  }
  std::int64_t changes() const override { return changes_; }
  void begin() override { exec("BEGIN"); }
  void rollbackQuietly() noexcept override { PQclear(PQexec(conn_, "ROLLBACK")); }
  void setDeadline(std::chrono::steady_clock::time_point deadline) override {
    using namespace std::chrono;
    long long ms = 0;  // 0: no limit
    if (deadline != steady_clock::time_point{})
      ms = std::max<long long>(1, duration_cast<milliseconds>(deadline - steady_clock::now()).count());
    exec("SET statement_timeout = " + std::to_string(ms));
  }
  bool fileHasMoved() const override { return false; }
  void discardFailedCommit() noexcept override { rollbackQuietly(); }
  sqlite3* sqliteHandle() const override { return nullptr; }

  PGconn* connection() {
    reconnectIfLost();
    return conn_;
  }
  void noteChanges(const PGresult* r) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(r));
    changes_ = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }

 private:
  // After a server restart or a fail-over the connection is gone; outside a transaction nothing is
  // lost by connecting again (inside one, the statement failed and the caller's transaction with it).
  void reconnectIfLost() {
    if (PQstatus(conn_) == CONNECTION_BAD) PQreset(conn_);
  }

  PGconn* conn_;
  std::int64_t changes_ = 0;
};

PostgresStatement::PostgresStatement(PostgresDatabase& db, std::string_view sql) : db_(db) {
  int parameters = 0;
  sql_ = postgresPlaceholders(sql, parameters);
  values_.resize(static_cast<std::size_t>(parameters));
  types_.resize(static_cast<std::size_t>(parameters), 0);
}

bool PostgresStatement::step() {
  if (!result_) {
    std::vector<const char*> values;
    for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
    PGconn* conn = db_.connection();
    result_ = PQexecParams(conn, sql_.c_str(), static_cast<int>(values.size()), types_.data(), values.data(), nullptr,
                           nullptr, 0);
    const auto status = PQresultStatus(result_);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      PGresult* failed = result_;
      result_ = nullptr;
      ResultGuard guard{failed};
      fail(conn, failed, "statement");
    }
    db_.noteChanges(result_);
    row_ = -1;
  }
  return ++row_ < PQntuples(result_);
}

}  // namespace

std::string postgresPlaceholders(std::string_view sql, int& parameters) {
  std::string out;
  out.reserve(sql.size());
  parameters = 0;
  char quote = 0;  // inside '…' or "…"
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      int n = 0;
      while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') n = n * 10 + (sql[++i] - '0');
      parameters = std::max(parameters, n);
      out += '$' + std::to_string(n);
    } else {
      out += c;
    }
  }
  return out;
}

bool isPostgresUrl(std::string_view url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

Database openPostgres(const std::string& url) { return Database(std::make_unique<PostgresDatabase>(url)); }

}  // namespace common::sql
