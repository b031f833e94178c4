// The kiosk's durable vote store: one SQLite file in WAL mode with synchronous=FULL, one writer
// connection (enforced with a lock file), migrated on open. record() returns only after COMMIT.
// Thread-safe: the UI thread records votes and the sync thread freezes batches through the same
// single connection, each call holding the store's mutex only for its own transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "kiosk/core/rating.hpp"
#include "kiosk/core/staff_report.hpp"

namespace kiosk::store {

// Everything stored about one rating: no time finer than the bucket, nothing about the person.
struct VoteRecord {
  std::string commitmentId;
  std::int64_t listVersion = 0;
  std::string bucket;
  Rating rating = Rating::Good;
  std::optional<std::string> reason;
  bool counted = true;  // false: a filtered tap, kept for audit only
};

struct TallyRow {
  std::string commitmentId;
  Rating rating = Rating::Good;
  std::int64_t n = 0;
};

// What became of a database file deleted or replaced under the open store.
struct Rescue {
  enum class Kind {
    NotMoved,   // the file is still the one opened: nothing done
    Restored,   // nothing was at the path: the open database was copied back to it, whole
    KeptAside,  // another file is at the path: the open database was copied beside it
  };
  Kind kind = Kind::NotMoved;
  std::filesystem::path file;      // where the open database's contents now are
  std::int64_t unsyncedVotes = 0;  // counted votes the hub has not acknowledged, in that copy
};

class VoteStore {
 public:
  // Opens or creates `file`. Throws common::sql::Error (with the reason) if it cannot be used,
  // including when another process already holds it.
  explicit VoteStore(const std::filesystem::path& file);
  ~VoteStore();
  VoteStore(const VoteStore&) = delete;
  VoteStore& operator=(const VoteStore&) = delete;

  // Adds one vote or filtered tap and commits. Throws on any storage error; nothing is then added.
  void record(const VoteRecord& vote);

  // Counted votes per commitment and rating (the local_tally view).
  std::vector<TallyRow> localTally();
  std::int64_t filteredTotal();
  // Counted votes per commitment (that has any) for the hall-time day `day` ("2026-11-21"), its
  // month, and all time. Buckets carry the hall's local date first, so a prefix picks the period.
  std::vector<CommitmentTally> periodTallies(std::string_view day);

  // Small durable settings of the kiosk itself (e.g. the staff PIN pad's failure count).
  std::optional<std::string> setting(std::string_view key);
  void setSetting(std::string_view key, std::string_view value);
  // The newest bucket holding a counted vote ("" when none): heartbeats report it.
  std::string lastVoteBucket();

  // A real write, committed and then undone by a second commit: true only when a vote would commit
  // now (the disk takes bytes and fsyncs, the file is still the one opened).
  bool probeWritable() noexcept;

  // When the file was deleted or replaced while open (rm kiosk.db), copies what this connection
  // still holds — unsynced votes, queued batches, the epoch — with SQLite's backup API: back to the
  // path when nothing is there (the kiosk then reopens it and carries on as if nothing happened), or
  // beside it as kiosk.db.orphaned-<nowUnix> when another file took the path (never overwritten).
  // Either way this store is retired afterwards: every later write throws, so nothing more lands
  // in the orphan after its copy. Throws if the copy cannot be made (the store is then not retired).
  Rescue rescueMovedFile(std::int64_t nowUnix);

  // Made once when the database is created; distinguishes a re-installed kiosk's batches.
  std::string epoch();
  // Runs `work` with the connection under the store's mutex (for BatchQueue and tests).
  template <typename Work>
  auto withDatabase(Work&& work) {
    std::lock_guard lock(mutex_);
    requireLive();
    return work(db_);
  }
  // Unlocked access for single-threaded callers (tests, tools).
  common::sql::Database& database() { return db_; }

 private:
  class FileLock {
   public:
    explicit FileLock(const std::filesystem::path& file);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

   private:
    int fd_ = -1;
  };

  // Throws once rescueMovedFile retired this store. Called under mutex_.
  void requireLive() const;

  std::mutex mutex_;
  std::filesystem::path file_;
  bool retired_ = false;
  FileLock lock_;
  common::sql::Database db_;
  // Prepared once the schema is migrated (hence optional): the hot path of every tap.
  std::optional<common::sql::Statement> upsert_;
};

// A random RFC 4122 version-4 UUID from the OS's random source.
std::string newUuid();

}  // namespace kiosk::store
