// Thin RAII over a SQL database: a connection, prepared statements, and a transaction that rolls
// back unless committed. Two backends behind one face: SQLite (made here, from a file: the kiosk's
// store, the hub's default) and PostgreSQL (made by common_pg's openPostgres, for hubs that share
// one database). Statements are written with SQLite's numbered parameters (?1, ?2, ...) in the
// SQL both understand; dialect() and the helpers at the end cover what differs. A Database is used
// by one thread at a time; errors of either backend throw Error.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace common::sql {

// A database error of either backend (named for the domain, not the engine: PostgreSQL's errors
// are these too). code() is SQLite's extended result code; PostgreSQL's errors carry the nearest
// one (a statement timeout is SQLITE_INTERRUPT, a unique violation SQLITE_CONSTRAINT).
class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

enum class OpenMode { ReadWrite, ReadOnly };
enum class Dialect { Sqlite, Postgres };

// What a backend provides; Database and Statement forward to it. Implementations: this library's
// SQLite backend, common_pg's PostgreSQL backend.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind(int index, std::int64_t value) = 0;
  virtual void bind(int index, std::string_view value) = 0;
  virtual void bindNull(int index) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;  // also clears the bindings
  virtual std::int64_t columnInt(int col) const = 0;
  virtual std::string columnText(int col) const = 0;
  virtual bool columnIsNull(int col) const = 0;
};

class DatabaseBackend {
 public:
  virtual ~DatabaseBackend() = default;
  virtual Dialect dialect() const = 0;
  virtual void exec(std::string_view sql) = 0;
  virtual std::unique_ptr<StatementBackend> prepare(std::string_view sql) = 0;
  virtual std::int64_t changes() const = 0;
  virtual void begin() = 0;  // a write transaction
  virtual void rollbackQuietly() noexcept = 0;
  virtual void setDeadline(std::chrono::steady_clock::time_point deadline) = 0;
  virtual bool fileHasMoved() const = 0;
  virtual void discardFailedCommit() noexcept = 0;
  virtual sqlite3* sqliteHandle() const = 0;  // null for other backends
};

class Database {
 public:
  // ReadWrite opens (creating if needed, mode 0600) a SQLite database file. ReadOnly opens an
  // existing one for queries only (PRAGMA query_only): a reader beside the writer in WAL mode.
  explicit Database(const std::filesystem::path& file, OpenMode mode = OpenMode::ReadWrite);
  explicit Database(std::unique_ptr<DatabaseBackend> backend) : backend_(std::move(backend)) {}
  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;

  Dialect dialect() const { return backend_->dialect(); }
  void exec(std::string_view sql) { backend_->exec(sql); }
  // The SQLite connection; null on PostgreSQL.
  sqlite3* handle() const { return backend_->sqliteHandle(); }
  // Rows the last INSERT, UPDATE or DELETE changed.
  std::int64_t changes() const { return backend_->changes(); }
  // Statements on this connection are interrupted (SQLITE_INTERRUPT, thrown as Error) once
  // `deadline` has passed; a default-constructed time_point lifts the limit. For readers whose
  // queries come from users (a console page), so no query holds a connection for long.
  void setDeadline(std::chrono::steady_clock::time_point deadline) { backend_->setDeadline(deadline); }
  // True when the file this connection has open was deleted, renamed or replaced since it was
  // opened (SQLITE_FCNTL_HAS_MOVED): whatever is written now would be lost with the old inode.
  // Always false on PostgreSQL.
  bool fileHasMoved() const { return backend_->fileHasMoved(); }
  // After a COMMIT failed: rolls back and makes the failed transaction's frames unrecoverable. A
  // flush (fsync) that fails after the frames were written leaves a complete, checksummed
  // transaction in the WAL file; SQLite's in-memory index ignores it, but the next process to open
  // the file would replay it, counting what was refused. One tiny commit written without a flush
  // overwrites the first failed frame, which breaks the WAL's checksum chain for the rest. Best
  // effort and noexcept: called while the original error is being reported. (PostgreSQL: a rollback.)
  void discardFailedCommit() noexcept { backend_->discardFailedCommit(); }
  DatabaseBackend& backend() { return *backend_; }

 private:
  std::unique_ptr<DatabaseBackend> backend_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql) : st_(db.backend().prepare(sql)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value) {
    st_->bind(index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view value) {
    st_->bind(index, value);
    return *this;
  }
  Statement& bindNull(int index) {
    st_->bindNull(index);
    return *this;
  }
  Statement& bindOptional(int index, const std::optional<std::string>& value) {  // NULL when empty
    return value ? bind(index, std::string_view(*value)) : bindNull(index);
  }

  // Advances; true while a row is available.
  bool step() { return st_->step(); }
  // Runs a statement that returns no rows, then resets it for reuse.
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() { st_->reset(); }

  std::int64_t columnInt(int col) const { return st_->columnInt(col); }
  std::string columnText(int col) const { return st_->columnText(col); }
  bool columnIsNull(int col) const { return st_->columnIsNull(col); }

 private:
  std::unique_ptr<StatementBackend> st_;
};

// BEGIN IMMEDIATE on construction (SQLite: takes the write lock up front, so no deadlock on
// upgrade; PostgreSQL: BEGIN, read committed); ROLLBACK on destruction unless commit() returned.
// A commit that fails leaves nothing behind that a later open could recover
// (Database::discardFailedCommit).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// Opens a server-side store the product's way: WAL (readers beside the writer), synchronous=FULL
// (a committed row survives power loss), a busy timeout for the rare second writer. Then brings the
// schema to steps.size() with numbered migrations (PRAGMA user_version), each step in its own
// transaction with the version it reaches. Throws Error naming `what` when the file's schema
// is newer than this program knows.
void openDurable(Database& db, std::span<const std::string_view> steps, std::string_view what);

// The numbered-migration runner itself (SQLite, PRAGMA user_version), for every store: the hub's
// through openDurable, the kiosk's through its schema. Applies steps up to `target` (default: all),
// each in its own transaction with the version it reaches. Throws Error when the file's version is
// past the steps: "<what> schema version N is newer than this <program> knows (M); refusing to
// touch it".
void migrateUserVersion(Database& db, std::span<const std::string_view> steps, std::string_view what,
                        std::string_view program = "program", std::size_t target = SIZE_MAX);

// Brings a store's schema to the last step of its dialect's list, each step in its own transaction
// with the version it reaches: SQLite through openDurable (the version in PRAGMA user_version, one
// store per file); PostgreSQL in a table schema_version(component, version), since every store of
// a hub shares one database, under an advisory lock so hubs starting together migrate once.
void migrate(Database& db, std::span<const std::string_view> sqliteSteps,
             std::span<const std::string_view> postgresSteps, std::string_view component);

// Inside a transaction: holds a lock named `name` until it ends. SQLite's BEGIN IMMEDIATE already
// holds the one write lock (nothing to do); PostgreSQL's read-committed transactions take an
// advisory lock, where a check and the write it guards must not interleave with another hub's.
void lockUntilCommit(Database& db, std::string_view name);

// SQL fragments that differ between the dialects:
// A subquery "(SELECT …)" of the strings in a JSON array bound as parameter `index`, for
// "hall IN " + inJsonArray(db, 2).
std::string inJsonArray(const Database& db, int index);
// The weekday of a "YYYY-MM-DD" column, 0 = Monday … 6 = Sunday.
std::string weekdayFromMonday(const Database& db, std::string_view dayColumn);

// Copies the database in `source` — as one consistent snapshot, whatever other processes are
// writing — into a new file `dest` (0600; an existing one is replaced), with SQLite's online backup
// in a single step: in WAL mode it reads one snapshot and never blocks the writer. The copy is
// flushed to the device and checked with PRAGMA quick_check. For `kiosk-hub backup`. Any thread.
void snapshotTo(const std::filesystem::path& source, const std::filesystem::path& dest);
// The same copy from a connection already open (SQLite database only), for a file deleted or
// replaced under it: `dest` gets the whole database as that connection sees it, or stays as it was
// (written beside it, then renamed; the folder flushed). Callers hold whatever serialises writers.
void copyOpenDatabase(Database& from, const std::filesystem::path& dest);

}  // namespace common::sql
