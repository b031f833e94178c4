#include "common/sqlite.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <string>

#include "common/durable_file.hpp"

namespace common::sql {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw Error(db ? sqlite3_extended_errcode(db) : rc, std::string(context) + ": " + msg);
}
}  // namespace

namespace {

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc =
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind(int index, std::int64_t value) override {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }
  void bind(int index, std::string_view value) override {
    const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }
  void bindNull(int index) override {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }
  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    fail(db_, rc, "step");
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t columnInt(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string columnText(int col) const override {
    const auto* text = sqlite3_column_text(stmt_, col);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
                : std::string();
  }
  bool columnIsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDatabase final : public DatabaseBackend {
 public:
  SqliteDatabase(const std::filesystem::path& file, OpenMode mode);
  ~SqliteDatabase() override { sqlite3_close_v2(db_); }

  Dialect dialect() const override { return Dialect::Sqlite; }
  void exec(std::string_view sql) override;
  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(db_, sql);
  }
  std::int64_t changes() const override { return sqlite3_changes64(db_); }
  void begin() override { exec("BEGIN IMMEDIATE"); }
  void rollbackQuietly() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
  void setDeadline(std::chrono::steady_clock::time_point deadline) override;
  bool fileHasMoved() const override;
  void discardFailedCommit() noexcept override;
  sqlite3* sqliteHandle() const override { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace

Database::Database(const std::filesystem::path& file, OpenMode mode)
    : backend_(std::make_unique<SqliteDatabase>(file, mode)) {}

SqliteDatabase::SqliteDatabase(const std::filesystem::path& file, OpenMode mode) {
  if (mode == OpenMode::ReadOnly) {
    const int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg =
          "cannot open " + file.string() + " to read: " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close(db_);
      db_ = nullptr;
      throw Error(rc, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    exec("PRAGMA query_only = ON");
    return;
  }
  // A new database file is made 0600 before SQLite opens it (SQLite gives its -wal and -shm files
  // the database's mode): it holds token and password hashes on a hub, and nothing in it is for
  // other local users. An existing file keeps the mode its owner gave it.
  if (const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
  const int rc =
      sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open " + file.string() + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(rc, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
}

void SqliteDatabase::exec(std::string_view sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw Error(sqlite3_extended_errcode(db_), "sql failed: " + msg);
  }
}

void SqliteDatabase::setDeadline(std::chrono::steady_clock::time_point deadline) {
  deadline_ = deadline;
  if (deadline == std::chrono::steady_clock::time_point{}) {
    sqlite3_progress_handler(db_, 0, nullptr, nullptr);
    return;
  }
  // Called every ~10,000 virtual machine steps: cheap, and fine-grained enough for a limit in
  // milliseconds. A non-zero return interrupts the running statement.
  sqlite3_progress_handler(
      db_, 10000,
      [](void* self) -> int {
        return std::chrono::steady_clock::now() > static_cast<SqliteDatabase*>(self)->deadline_ ? 1 : 0;
      },
      this);
}

bool SqliteDatabase::fileHasMoved() const {
  int moved = 0;
  // An error from the file control (no such VFS support) is taken as "moved": the caller then
  // reopens, which is always safe.
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) return true;
  return moved != 0;
}

void SqliteDatabase::discardFailedCommit() noexcept {
  // SQLite has normally rolled back already (an I/O error during COMMIT ends the transaction).
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  // The overwrite must not depend on the flush that just failed: synchronous=OFF for one commit.
  // Rewriting user_version with its own value dirties page 1 only, so the commit is one frame,
  // written where the failed transaction's first frame lies (or into a restarted WAL, whose new
  // salt invalidates the old frames just the same). The result is harmless either way: if it
  // reaches the disk, the file holds what it held before the failed transaction.
  sqlite3_stmt* st = nullptr;
  int synchronous = 2;
  int userVersion = 0;
  if (sqlite3_prepare_v2(db_, "PRAGMA synchronous", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    synchronous = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    userVersion = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_exec(db_, "PRAGMA synchronous = OFF", nullptr, nullptr, nullptr);
  sqlite3_exec(db_, ("PRAGMA user_version = " + std::to_string(userVersion)).c_str(), nullptr, nullptr, nullptr);
  sqlite3_exec(db_, ("PRAGMA synchronous = " + std::to_string(synchronous)).c_str(), nullptr, nullptr, nullptr);
}

Transaction::Transaction(Database& db) : db_(db) { db_.backend().begin(); }

Transaction::~Transaction() {
  // Best effort: after an I/O error SQLite may already have rolled back.
  if (!done_) db_.backend().rollbackQuietly();
}

void Transaction::commit() {
  try {
    db_.exec("COMMIT");
  } catch (const Error&) {
    db_.discardFailedCommit();
    done_ = true;
    throw;
  }
  done_ = true;
}

void openDurable(Database& db, std::span<const std::string_view> steps, std::string_view what) {
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA busy_timeout = 5000");
  migrateUserVersion(db, steps, what);
}

void migrateUserVersion(Database& db, std::span<const std::string_view> steps, std::string_view what,
                        std::string_view program, std::size_t target) {
  Statement version(db, "PRAGMA user_version");
  version.step();
  const auto current = version.columnInt(0);
  version.reset();
  const auto known = static_cast<std::int64_t>(steps.size());
  if (current > known)
    throw Error(0, std::string(what) + " schema version " + std::to_string(current) + " is newer than this " +
                       std::string(program) + " knows (" + std::to_string(known) + "); refusing to touch it");
  const auto last = static_cast<std::int64_t>(std::min(target, steps.size()));
  for (auto v = current; v < last; ++v) {
    Transaction tx(db);
    db.exec(steps[static_cast<std::size_t>(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

namespace {

// Every page of `from` into a new file `dest` in one backup step, made self-contained (no -wal),
// checked and flushed. One step means one read transaction of the source, so the copy is one
// instant; copying in slices would restart whenever another process writes, forever under load.
void backupInto(sqlite3* from, const std::string& what, const std::filesystem::path& dest) {
  std::filesystem::remove(dest);
  {
    Database to(dest);
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from, "main");
    if (!backup) fail(to.handle(), sqlite3_errcode(to.handle()), "backup of " + what);
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      sqlite3_sleep(50);  // a writer holds a lock only for one commit
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) fail(nullptr, rc, "backup of " + what);
    to.exec("PRAGMA journal_mode = DELETE");  // one self-contained file, no -wal beside it
    Statement check(to, "PRAGMA quick_check");
    if (!check.step() || check.columnText(0) != "ok")
      throw Error(SQLITE_CORRUPT, "the copy of " + what + " does not pass quick_check");
  }
  const int fd = ::open(dest.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw Error(SQLITE_IOERR, "cannot flush " + dest.string());
  }
  ::close(fd);
}

}  // namespace

void snapshotTo(const std::filesystem::path& source, const std::filesystem::path& dest) {
  if (!std::filesystem::exists(source)) throw Error(SQLITE_CANTOPEN, "no database at " + source.string());
  Database from(source, OpenMode::ReadOnly);
  from.exec("PRAGMA busy_timeout = 5000");
  backupInto(from.handle(), source.string(), dest);
}

void copyOpenDatabase(Database& from, const std::filesystem::path& dest) {
  // Written beside `dest` and renamed over it, so a power cut leaves the old name or the whole copy.
  std::filesystem::path partial = dest;
  partial += ".partial";
  try {
    backupInto(from.handle(), "the open database", partial);
    std::filesystem::rename(partial, dest);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
  syncDirectory(dest.parent_path());
}

void migrate(Database& db, std::span<const std::string_view> sqliteSteps,
             std::span<const std::string_view> postgresSteps, std::string_view component) {
  if (db.dialect() == Dialect::Sqlite) return openDurable(db, sqliteSteps, std::string(component) + " database");
  // A step may rebuild a large table: give it an hour, not the round-trip bound meant for requests.
  struct LongDeadline {
    Database& db;
    explicit LongDeadline(Database& d) : db(d) {
      db.setDeadline(std::chrono::steady_clock::now() + std::chrono::hours(1));
    }
    ~LongDeadline() {
      try {
        db.setDeadline({});
      } catch (const Error&) {
        // the connection is gone; its next session starts without a limit
      }
    }
  } longDeadline(db);
  db.exec("CREATE TABLE IF NOT EXISTS schema_version(component TEXT PRIMARY KEY, version BIGINT NOT NULL)");
  const auto known = static_cast<std::int64_t>(postgresSteps.size());
  for (;;) {
    Transaction tx(db);
    // One hub migrates while any other starting at the same moment waits, then finds it done.
    lockUntilCommit(db, "schema:" + std::string(component));
    Statement version(db, "SELECT version FROM schema_version WHERE component = ?1");
    version.bind(1, component);
    const std::int64_t current = version.step() ? version.columnInt(0) : 0;
    version.reset();
    if (current > known)
      throw Error(0, std::string(component) + " schema version " + std::to_string(current) +
                         " in PostgreSQL is newer than this program knows (" + std::to_string(known) + ")");
    if (current == known) return;  // the transaction rolls back: it changed nothing
    db.exec(postgresSteps[static_cast<std::size_t>(current)]);
    Statement record(db, R"sql(INSERT INTO schema_version(component, version) VALUES (?1, ?2)
        ON CONFLICT (component) DO UPDATE SET version = excluded.version)sql");
    record.bind(1, component).bind(2, current + 1).run();
    tx.commit();
  }
}

void lockUntilCommit(Database& db, std::string_view name) {
  if (db.dialect() != Dialect::Postgres) return;
  Statement lock(db, "SELECT pg_advisory_xact_lock(hashtext(?1))");
  lock.bind(1, name).run();
}

std::string inJsonArray(const Database& db, int index) {
  const std::string p = "?" + std::to_string(index);
  return db.dialect() == Dialect::Sqlite ? "(SELECT value FROM json_each(" + p + "))"
                                         : "(SELECT json_array_elements_text(CAST(" + p + " AS json)))";
}

std::string weekdayFromMonday(const Database& db, std::string_view dayColumn) {
  const std::string c(dayColumn);
  // SQLite's strftime('%w') and PostgreSQL's DOW both count from Sunday = 0.
  return db.dialect() == Dialect::Sqlite ? "((CAST(strftime('%w', " + c + ") AS INTEGER) + 6) % 7)"
                                         : "((CAST(EXTRACT(DOW FROM CAST(" + c + " AS date)) AS INTEGER) + 6) % 7)";
}

}  // namespace common::sql
