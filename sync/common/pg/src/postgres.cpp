#include "common/postgres.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>  // only the result codes errors carry

#include <poll.h>

#include <algorithm>
#include <cerrno>
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

// Server messages span lines (DETAIL, HINT): one error, one line, so a log line stays one event.
std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

std::string trimmed(std::string msg) {
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return oneLine(std::move(msg));
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
      throw Error(SQLITE_RANGE, "PostgreSQL bind: parameter " + std::to_string(index) + " is not in the statement");
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

// One statement's text and parameters, as PQsendQueryParams takes them (no parameters: a plain
// PQsendQuery, which may hold several statements).
struct Round {
  const char* sql;
  int count = -1;
  const Oid* types = nullptr;
  const char* const* values = nullptr;
  bool housekeeping = false;  // a session setting, not a query: answered at once by a live server
};

// How long a session setting (SET …) may take: a live server answers one in well under a
// millisecond, so a silent one is found out here, before a query is given its whole time limit.
constexpr std::chrono::seconds kHousekeepingAnswer{2};

class PostgresDatabase final : public DatabaseBackend {
 public:
  using Clock = std::chrono::steady_clock;

  PostgresDatabase(const std::string& url, const PostgresOptions& options) : url_(url), options_(options) { connect(); }
  ~PostgresDatabase() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::Postgres; }
  void exec(std::string_view sql) override {
    const std::string text(sql);
    ResultGuard r{run({text.c_str()})};
    noteChanges(r.r);
  }
  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<PostgresStatement>(*this, sql);
  }
  std::int64_t changes() const override { return changes_; }
  void begin() override { exec("BEGIN"); }
  void rollbackQuietly() noexcept override {
    transactionLost_ = false;  // whatever was begun is over, on the server too if the session died
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return;
    try {
      PQclear(run({"ROLLBACK"}));
    } catch (const Error&) {
      // The session went with it; the server rolled the transaction back.
    }
  }
  void setDeadline(Clock::time_point deadline) override {
    deadline_ = deadline;
    const std::string sql = statementTimeoutSql();
    ResultGuard r{run({sql.c_str(), -1, nullptr, nullptr, true})};
  }
  bool fileHasMoved() const override { return false; }
  void discardFailedCommit() noexcept override { rollbackQuietly(); }
  sqlite3* sqliteHandle() const override { return nullptr; }

  void noteChanges(const PGresult* r) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(r));
    changes_ = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }

  // Sends one round and returns its result (never null): the first error's, else the last one's.
  // Throws Error for an error answer, a lost connection or no answer in time.
  //
  // A read-only session whose connection turns out to be dead (the server ended it a moment ago
  // and its farewell was still on the way) sends the round once more on a new session: a read
  // cannot have changed anything. A writer's round is never sent twice: whether the server
  // committed it before the connection broke is unknown, so the caller reports a failure and its
  // client retries (batches are idempotent by identity).
  PGresult* run(const Round& round) {
    try {
      return runOnce(round);
    } catch (const Error&) {
      const bool lostOutsideTransaction = !conn_ && !transactionLost_ && Clock::now() >= pauseUntil_;
      if (!options_.readOnly || !lostOutsideTransaction) throw;
    }
    return runOnce(round);
  }

 private:
  PGresult* runOnce(const Round& round) {
    ensureConnected();
    // Inside a transaction or not, as the server saw it before this round: while the round runs
    // the status is only "active", which says nothing about a transaction around it.
    inTransaction_ = PQtransactionStatus(conn_) != PQTRANS_IDLE;
    const int sent = round.count < 0 ? PQsendQuery(conn_, round.sql)
                                     : PQsendQueryParams(conn_, round.sql, round.count, round.types, round.values,
                                                         nullptr, nullptr, 0);
    if (!sent) lose("sending a statement");
    const Clock::time_point limit =
        round.housekeeping ? std::min(answerLimit(), Clock::now() + kHousekeepingAnswer) : answerLimit();
    for (;;) {  // the request may not fit the socket buffer at once
      const int flushed = PQflush(conn_);
      if (flushed == 0) break;
      if (flushed < 0) lose("sending a statement");
      awaitSocket(POLLIN | POLLOUT, limit);
      if (!PQconsumeInput(conn_)) lose("sending a statement");
    }
    PGresult* kept = nullptr;
    for (;;) {
      while (PQisBusy(conn_)) {
        awaitSocket(POLLIN, limit);
        if (!PQconsumeInput(conn_)) {
          PQclear(kept);
          lose("reading an answer");
        }
      }
      PGresult* next = PQgetResult(conn_);
      if (!next) break;
      if (failed(kept)) {
        PQclear(next);  // the first error is the one that explains
      } else {
        PQclear(kept);
        kept = next;
      }
    }
    if (!kept || failed(kept)) {
      ResultGuard guard{kept};
      const std::string why = trimmed(kept ? PQresultErrorMessage(kept) : PQerrorMessage(conn_));
      if (PQstatus(conn_) == CONNECTION_BAD) {  // e.g. terminated by an administrator, or a restart
        lastFailure_ = why;
        markLost();
      }
      throw Error(codeOf(kept), "PostgreSQL statement: " + why);
    }
    return kept;
  }

  static bool failed(const PGresult* r) {
    if (!r) return false;
    const auto status = PQresultStatus(r);
    return status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
  }

  std::string statementTimeoutSql() const {
    using namespace std::chrono;
    long long ms = 0;  // 0: no limit
    if (deadline_ != Clock::time_point{})
      ms = std::max<long long>(1, duration_cast<milliseconds>(deadline_ - Clock::now()).count());
    return "SET statement_timeout = " + std::to_string(ms);
  }

  Clock::time_point answerLimit() const {
    constexpr auto kGrace = std::chrono::seconds(2);  // lets the server's statement_timeout answer first
    if (deadline_ != Clock::time_point{}) return std::max(deadline_, Clock::now()) + kGrace;
    return Clock::now() + options_.answerWithin;
  }

  // Connects (libpq's blocking connect, bounded by connect_timeout) and sets the session up.
  void connect() {
    const std::string connectTimeout = std::to_string(std::max<long long>(2, options_.connectWithin.count()));
    // Defaults first, the URL after them: what the operator wrote in [database] url wins.
    const char* keys[] = {"connect_timeout",  "keepalives",       "keepalives_idle", "keepalives_interval",
                          "keepalives_count", "tcp_user_timeout", "dbname",          nullptr};
    const char* values[] = {connectTimeout.c_str(), "1", "10", "5", "3", "15000", url_.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      const std::string why = trimmed(conn_ ? PQerrorMessage(conn_) : "out of memory");
      const std::string where = conn_ ? std::string("database \"") + PQdb(conn_) + "\" on " + PQhost(conn_) : url_;
      PQfinish(conn_);
      conn_ = nullptr;
      lastFailure_ = "cannot connect: " + why;
      pauseAfterFailure();
      throw Error(SQLITE_CANTOPEN, "cannot connect to PostgreSQL (" + where + "): " + why);
    }
    failuresInARow_ = 0;
    // NOTICEs ("relation already exists, skipping") are not the hub's to print.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    std::string setup = "SET client_encoding = 'UTF8'; " + statementTimeoutSql();
    if (options_.readOnly) setup += "; SET default_transaction_read_only = on";  // whatever a bug asks
    try {
      PQclear(run({setup.c_str(), -1, nullptr, nullptr, true}));
    } catch (const Error&) {
      PQfinish(conn_);
      conn_ = nullptr;
      throw;
    }
  }

  // Before a round: a session to send it on. A lost one is made again — but not inside a
  // transaction (the caller's rollback ends that), and not during the pause after a failure.
  void ensureConnected() {
    if (transactionLost_)
      throw Error(SQLITE_IOERR, "PostgreSQL: the connection was lost inside a transaction; it was rolled back");
    // A session the server ended while it sat idle (a restart, pg_terminate_backend, a pooler)
    // has its farewell waiting on the socket: read it now, so the statement goes to a new session
    // instead of failing on the old one. Never blocks.
    if (conn_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE &&
        (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK)) {
      lastFailure_ = trimmed(PQerrorMessage(conn_));
      inTransaction_ = false;  // it was idle: nothing begun is lost
      markLost();
    }
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    if (Clock::now() < pauseUntil_)
      throw Error(SQLITE_IOERR, "PostgreSQL is unreachable (" + lastFailure_ + "); retrying shortly");
    PQfinish(conn_);
    conn_ = nullptr;
    connect();
  }

  // Waits until the socket is ready for `events`, or throws (and drops the session) at `limit`.
  void awaitSocket(short events, Clock::time_point limit) {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(limit - Clock::now()).count();
      if (left <= 0) {
        lastFailure_ = "no answer in time";
        markLost();
        pauseAfterFailure();
        throw Error(SQLITE_IOERR, "PostgreSQL did not answer in time; the connection was dropped");
      }
      pollfd p{PQsocket(conn_), events, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
      if (ready > 0) return;
      if (ready < 0 && errno != EINTR) lose("waiting for an answer");
    }
  }

  // A database that failed again just now is likely to fail again: wait longer each time (up to
  // 8 pauses), so a long outage costs a connect attempt every few seconds, not every request.
  void pauseAfterFailure() {
    failuresInARow_ = std::min(failuresInARow_ + 1, 4);
    pauseUntil_ = Clock::now() + options_.pauseAfterFailure * (1 << (failuresInARow_ - 1));
  }

  // The session is gone (or must go): close it; the next round outside a transaction reconnects.
  void markLost() {
    if (conn_ && inTransaction_) transactionLost_ = true;
    inTransaction_ = false;
    PQfinish(conn_);
    conn_ = nullptr;
  }

  [[noreturn]] void lose(const char* doing) {
    lastFailure_ = trimmed(conn_ ? PQerrorMessage(conn_) : "no connection");
    markLost();
    throw Error(SQLITE_IOERR, std::string("PostgreSQL connection lost while ") + doing + ": " + lastFailure_);
  }

  std::string url_;
  PostgresOptions options_;
  PGconn* conn_ = nullptr;
  std::int64_t changes_ = 0;
  Clock::time_point deadline_{};
  Clock::time_point pauseUntil_{};
  std::string lastFailure_ = "no connection";
  bool inTransaction_ = false;    // the current round was sent inside a transaction
  bool transactionLost_ = false;  // a session was lost inside one: statements fail until rollback
  int failuresInARow_ = 0;
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
    result_ = db_.run({sql_.c_str(), static_cast<int>(values.size()), types_.data(), values.data()});
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

Database openPostgres(const std::string& url, const PostgresOptions& options) {
  return Database(std::make_unique<PostgresDatabase>(url, options));
}

}  // namespace common::sql
