#include "kiosk/store/vote_store.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "kiosk/store/schema.hpp"

namespace kiosk::store {

namespace {

constexpr std::string_view kUpsert = R"sql(
INSERT INTO tally(commitment_id, list_version, bucket, rating, reason, n, filtered)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT(commitment_id, list_version, bucket, rating, reason) WHERE batch_seq IS NULL
DO UPDATE SET n = n + excluded.n, filtered = filtered + excluded.filtered
)sql";

void configure(common::sql::Database& db) {
  // WAL + FULL: a committed vote survives power loss; busy_timeout only matters for readers
  // such as sqlite3 run by staff, since this process is the only writer.
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA busy_timeout = 5000");
}

}  // namespace

std::string newUuid() {
  std::array<unsigned char, 16> b{};
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  if (!urandom.read(reinterpret_cast<char*>(b.data()), b.size()))
    throw common::sql::Error(0, "cannot read /dev/urandom to create the database epoch");
  b[6] = static_cast<unsigned char>((b[6] & 0x0Fu) | 0x40u);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3Fu) | 0x80u);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

VoteStore::FileLock::FileLock(const std::filesystem::path& file) {
  const std::string lockPath = file.string() + ".lock";
  fd_ = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw common::sql::Error(0, "cannot open lock file " + lockPath + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw common::sql::Error(
        0, "database " + file.string() + " is in use by another process (one writer per database file)");
  }
}

VoteStore::FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

VoteStore::VoteStore(const std::filesystem::path& file) : file_(file), lock_(file), db_(file) {
  configure(db_);
  migrate(db_);
  {
    common::sql::Transaction tx(db_);
    common::sql::Statement st(db_, "INSERT OR IGNORE INTO meta(key, value) VALUES ('epoch', ?1)");
    st.bind(1, newUuid()).run();
    tx.commit();
  }
  upsert_.emplace(db_, kUpsert);
}

VoteStore::~VoteStore() = default;

void VoteStore::requireLive() const {
  if (retired_)
    throw common::sql::Error(SQLITE_IOERR,
                             "the vote database was copied after its file was deleted or replaced; "
                             "reopen " +
                                 file_.string());
}

void VoteStore::record(const VoteRecord& vote) {
  std::lock_guard lock(mutex_);
  requireLive();
  common::sql::Transaction tx(db_);
  upsert_->bind(1, vote.commitmentId)
      .bind(2, vote.listVersion)
      .bind(3, vote.bucket)
      .bind(4, nameOf(vote.rating))
      .bind(5, vote.reason.value_or(""))
      .bind(6, std::int64_t{vote.counted ? 1 : 0})
      .bind(7, std::int64_t{vote.counted ? 0 : 1});
  upsert_->run();
  // The file may have been deleted or replaced under the running kiosk (rm kiosk.db): a vote
  // committed into the orphaned inode would be thanked for and lost. Refuse it instead; the app
  // goes out of service and reopens the path.
  if (db_.fileHasMoved())
    throw common::sql::Error(SQLITE_IOERR, "the vote database file was deleted or replaced while open");
  tx.commit();
}

std::vector<TallyRow> VoteStore::localTally() {
  std::lock_guard lock(mutex_);
  std::vector<TallyRow> rows;
  common::sql::Statement st(db_, "SELECT commitment_id, rating, n FROM local_tally ORDER BY commitment_id, rating");
  while (st.step())
    rows.push_back({st.columnText(0), ratingFromString(st.columnText(1)).value_or(Rating::Good), st.columnInt(2)});
  return rows;
}

std::vector<CommitmentTally> VoteStore::periodTallies(std::string_view day) {
  std::lock_guard lock(mutex_);
  common::sql::Statement st(db_, R"sql(
    SELECT commitment_id,
      SUM(CASE WHEN rating = 'good' AND substr(bucket, 1, 10) = ?1 THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'fair' AND substr(bucket, 1, 10) = ?1 THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'poor' AND substr(bucket, 1, 10) = ?1 THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'good' AND substr(bucket, 1, 7) = ?2 THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'fair' AND substr(bucket, 1, 7) = ?2 THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'poor' AND substr(bucket, 1, 7) = ?2 THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'good' THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'fair' THEN n ELSE 0 END),
      SUM(CASE WHEN rating = 'poor' THEN n ELSE 0 END)
    FROM tally GROUP BY commitment_id HAVING SUM(n) > 0 ORDER BY commitment_id)sql");
  st.bind(1, std::string(day)).bind(2, std::string(day.substr(0, 7)));
  std::vector<CommitmentTally> rows;
  while (st.step()) {
    rows.push_back({st.columnText(0),
                    {st.columnInt(1), st.columnInt(2), st.columnInt(3)},
                    {st.columnInt(4), st.columnInt(5), st.columnInt(6)},
                    {st.columnInt(7), st.columnInt(8), st.columnInt(9)}});
  }
  return rows;
}

std::optional<std::string> VoteStore::setting(std::string_view key) {
  std::lock_guard lock(mutex_);
  common::sql::Statement st(db_, "SELECT value FROM meta WHERE key = ?1");
  st.bind(1, "setting." + std::string(key));
  if (!st.step()) return std::nullopt;
  return st.columnText(0);
}

void VoteStore::setSetting(std::string_view key, std::string_view value) {
  std::lock_guard lock(mutex_);
  requireLive();
  common::sql::Transaction tx(db_);
  common::sql::Statement st(db_,
                            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
  st.bind(1, "setting." + std::string(key)).bind(2, std::string(value)).run();
  tx.commit();
}

std::int64_t VoteStore::filteredTotal() {
  std::lock_guard lock(mutex_);
  common::sql::Statement st(db_, "SELECT COALESCE(SUM(filtered), 0) FROM tally");
  st.step();
  return st.columnInt(0);
}

std::string VoteStore::lastVoteBucket() {
  std::lock_guard lock(mutex_);
  common::sql::Statement st(db_, "SELECT COALESCE(MAX(bucket), '') FROM tally WHERE n > 0");
  st.step();
  return st.columnText(0);
}

bool VoteStore::probeWritable() noexcept {
  std::lock_guard lock(mutex_);
  try {
    // A real, committed write that needs a fresh page: it reaches the WAL and its fsync exactly as a
    // vote's commit does, so it fails when a vote would (a full disk, a failing device). A probe that
    // rolled back would never touch the disk and would claim recovery every few seconds.
    if (retired_ || db_.fileHasMoved()) return false;
    {
      common::sql::Transaction tx(db_);
      // Six pages' worth: more than a vote needs even when it splits a leaf and its parents, so the
      // probe never says "writable" to a vote that would then fail.
      db_.exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('probe', randomblob(6 * 4096))");
      tx.commit();
    }
    common::sql::Transaction tx(db_);
    db_.exec("DELETE FROM meta WHERE key = 'probe'");  // leave the file as it was, give the page back
    tx.commit();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string VoteStore::epoch() {
  std::lock_guard lock(mutex_);
  common::sql::Statement st(db_, "SELECT value FROM meta WHERE key = 'epoch'");
  return st.step() ? st.columnText(0) : std::string();
}

Rescue VoteStore::rescueMovedFile(std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  if (retired_ || !db_.fileHasMoved()) return {};
  Rescue rescue;
  std::error_code ec;
  const bool pathTaken = std::filesystem::exists(file_, ec);
  rescue.kind = pathTaken ? Rescue::Kind::KeptAside : Rescue::Kind::Restored;
  rescue.file = file_;
  if (pathTaken) rescue.file += ".orphaned-" + std::to_string(nowUnix);
  {
    common::sql::Statement st(db_, R"sql(SELECT COALESCE(SUM(n), 0) FROM tally
      WHERE batch_seq IS NULL OR batch_seq IN (SELECT seq FROM batch WHERE state <> 'sent'))sql");
    st.step();
    rescue.unsyncedVotes = st.columnInt(0);
  }
  common::sql::copyOpenDatabase(db_, rescue.file);
  retired_ = true;
  // The -wal and -shm names still belong to this connection. Closing it must not checkpoint into
  // the orphan and then delete "kiosk.db-wal" by name — by then that may be the reopened file's —
  // and the reopened file must not find this connection's frames under its name and replay them.
  sqlite3_db_config(db_.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  for (const char* suffix : {"-wal", "-shm"}) {
    std::filesystem::path companion = file_;
    companion += suffix;
    std::filesystem::remove(companion, ec);  // this connection keeps its open descriptors
  }
  return rescue;
}

}  // namespace kiosk::store
