#include "common/sqlite.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <string>

namespace common::sql {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw SqliteError(db ? sqlite3_extended_errcode(db) : rc, std::string(context) + ": " + msg);
}
}  // namespace

Database::Database(const std::filesystem::path& file, OpenMode mode) {
  if (mode == OpenMode::ReadOnly) {
    const int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg =
          "cannot open " + file.string() + " to read: " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close(db_);
      db_ = nullptr;
      throw SqliteError(rc, msg);
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
    throw SqliteError(rc, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(sqlite3_extended_errcode(db_), "sql failed: " + msg);
  }
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

std::int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

void Database::setDeadline(std::chrono::steady_clock::time_point deadline) {
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
        return std::chrono::steady_clock::now() > static_cast<Database*>(self)->deadline_ ? 1 : 0;
      },
      this);
}

bool Database::fileHasMoved() const {
  int moved = 0;
  // An error from the file control (no such VFS support) is taken as "moved": the caller then
  // reopens, which is always safe.
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) return true;
  return moved != 0;
}

void Database::discardFailedCommit() noexcept {
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

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt_, nullptr);
  if (rc != SQLITE_OK) fail(db.handle(), rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "bind");
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "bind");
  return *this;
}

Statement& Statement::bindOptional(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bindNull(index);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  fail(db_.handle(), rc, "step");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::columnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::columnText(int col) const {
  const auto* text = sqlite3_column_text(stmt_, col);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
              : std::string();
}

bool Statement::columnIsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    // Best effort: after an I/O error SQLite may already have rolled back.
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  try {
    db_.exec("COMMIT");
  } catch (const SqliteError&) {
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
  Statement version(db, "PRAGMA user_version");
  version.step();
  const auto current = version.columnInt(0);
  version.reset();
  const auto known = static_cast<std::int64_t>(steps.size());
  if (current > known)
    throw SqliteError(0, std::string(what) + " schema version " + std::to_string(current) +
                             " is newer than this program knows (" + std::to_string(known) + ")");
  for (auto v = current; v < known; ++v) {
    Transaction tx(db);
    db.exec(steps[static_cast<std::size_t>(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

void snapshotTo(const std::filesystem::path& source, const std::filesystem::path& dest) {
  if (!std::filesystem::exists(source)) throw SqliteError(SQLITE_CANTOPEN, "no database at " + source.string());
  Database from(source, OpenMode::ReadOnly);
  from.exec("PRAGMA busy_timeout = 5000");
  std::filesystem::remove(dest);
  {
    Database to(dest);
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) fail(to.handle(), sqlite3_errcode(to.handle()), "backup of " + source.string());
    // -1: every page in one step, under one read transaction of the source, so the copy is one
    // instant. Copying in slices would restart whenever another process writes, forever under load.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      sqlite3_sleep(50);  // a writer holds a lock only for one commit
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) fail(nullptr, rc, "backup of " + source.string());
    to.exec("PRAGMA journal_mode = DELETE");  // one self-contained file, no -wal beside it
    Statement check(to, "PRAGMA quick_check");
    if (!check.step() || check.columnText(0) != "ok")
      throw SqliteError(SQLITE_CORRUPT, "the copy of " + source.string() + " does not pass quick_check");
  }
  const int fd = ::open(dest.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw SqliteError(SQLITE_IOERR, "cannot flush " + dest.string());
  }
  ::close(fd);
}

}  // namespace common::sql
