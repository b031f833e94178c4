// Thin RAII over the SQLite C API: a connection, prepared statements, and a transaction that rolls
// back unless committed. A Database is used by one thread at a time; errors throw SqliteError.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace common::sql {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // SQLite's extended result code

 private:
  int code_;
};

enum class OpenMode { ReadWrite, ReadOnly };

class Database {
 public:
  // ReadWrite opens (creating if needed, mode 0600) a database file. ReadOnly opens an existing
  // one for queries only (PRAGMA query_only): a reader beside the writer in WAL mode.
  explicit Database(const std::filesystem::path& file, OpenMode mode = OpenMode::ReadWrite);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  sqlite3* handle() const { return db_; }
  std::int64_t changes() const;
  std::int64_t lastInsertRowid() const;  // of the last INSERT on this connection
  // Statements on this connection are interrupted (SQLITE_INTERRUPT, thrown as SqliteError) once
  // `deadline` has passed; a default-constructed time_point lifts the limit. For readers whose
  // queries come from users (a console page), so no query holds a connection for long.
  void setDeadline(std::chrono::steady_clock::time_point deadline);
  // True when the file this connection has open was deleted, renamed or replaced since it was
  // opened (SQLITE_FCNTL_HAS_MOVED): whatever is written now would be lost with the old inode.
  bool fileHasMoved() const;
  // After a COMMIT failed: rolls back and makes the failed transaction's frames unrecoverable. A
  // flush (fsync) that fails after the frames were written leaves a complete, checksummed
  // transaction in the WAL file; SQLite's in-memory index ignores it, but the next process to open
  // the file would replay it, counting what was refused. One tiny commit written without a flush
  // overwrites the first failed frame, which breaks the WAL's checksum chain for the rest. Best
  // effort and noexcept: called while the original error is being reported.
  void discardFailedCommit() noexcept;

 private:
  sqlite3* db_ = nullptr;
  std::chrono::steady_clock::time_point deadline_{};
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bindNull(int index);
  Statement& bindOptional(int index, const std::optional<std::string>& value);  // NULL when empty

  // Advances; true while a row is available.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  std::int64_t columnInt(int col) const;
  std::string columnText(int col) const;
  bool columnIsNull(int col) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so no deadlock on upgrade);
// ROLLBACK on destruction unless commit() returned. A commit that fails leaves nothing behind that a
// later open could recover (Database::discardFailedCommit).
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
// transaction with the version it reaches. Throws SqliteError naming `what` when the file's schema
// is newer than this program knows.
void openDurable(Database& db, std::span<const std::string_view> steps, std::string_view what);

// Copies the database in `source` — as one consistent snapshot, whatever other processes are
// writing — into a new file `dest` (0600; an existing one is replaced), with SQLite's online backup
// in a single step: in WAL mode it reads one snapshot and never blocks the writer. The copy is
// flushed to the device and checked with PRAGMA quick_check. For `kiosk-hub backup`. Any thread.
void snapshotTo(const std::filesystem::path& source, const std::filesystem::path& dest);

}  // namespace common::sql
