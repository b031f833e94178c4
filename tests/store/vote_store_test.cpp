// The SQLite vote store on a real file: durability across reopen, migration from v1, the
// single-writer lock, and a full disk (PRAGMA max_page_count) that loses nothing already stored.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>

#include "kiosk/store/batch_queue.hpp"
#include "kiosk/store/schema.hpp"
#include "kiosk/store/vote_store.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::store;

namespace {

VoteRecord vote(const std::string& id, Rating r, bool counted = true, std::optional<std::string> reason = {}) {
  return {id, 7, "2026-11-21T09:00+08:00", r, std::move(reason), counted};
}

std::int64_t count(VoteStore& s, const std::string& id, Rating r) {
  for (const auto& row : s.localTally())
    if (row.commitmentId == id && row.rating == r) return row.n;
  return 0;
}

std::string pragma(common::sql::Database& db, const std::string& name) {
  common::sql::Statement st(db, "PRAGMA " + name);
  st.step();
  return st.columnText(0);
}

}  // namespace

TEST_CASE("votes and filtered taps survive closing and reopening") {
  testing::TempDir dir;
  std::string epoch;
  {
    VoteStore s(dir / "kiosk.db");
    epoch = s.epoch();
    for (int i = 0; i < 25; ++i) s.record(vote("c-0001", Rating::Good));
    s.record(vote("c-0001", Rating::Poor, true, "attitude"));
    s.record(vote("c-0002", Rating::Fair));
    s.record(vote("c-0002", Rating::Fair, false));
    CHECK(pragma(s.database(), "journal_mode") == "wal");
    CHECK(pragma(s.database(), "synchronous") == "2");  // FULL
  }
  VoteStore s(dir / "kiosk.db");
  CHECK(s.epoch() == epoch);
  CHECK(epoch.size() == 36);
  CHECK(count(s, "c-0001", Rating::Good) == 25);
  CHECK(count(s, "c-0001", Rating::Poor) == 1);
  CHECK(count(s, "c-0002", Rating::Fair) == 1);
  CHECK(s.filteredTotal() == 1);
}

TEST_CASE("nothing finer than the bucket is stored") {
  testing::TempDir dir;
  VoteStore s(dir / "kiosk.db");
  s.record(vote("c-0001", Rating::Good));
  s.record(vote("c-0001", Rating::Good));
  common::sql::Statement st(s.database(), "SELECT COUNT(*), SUM(n) FROM tally");
  REQUIRE(st.step());
  CHECK(st.columnInt(0) == 1);  // two votes, one aggregated row: no per-vote trail
  CHECK(st.columnInt(1) == 2);
}

TEST_CASE("local_tally is readable by sqlite3 while the kiosk holds the store") {
  testing::TempDir dir;
  VoteStore s(dir / "kiosk.db");
  s.record(vote("c-0003", Rating::Poor));
  sqlite3* reader = nullptr;
  REQUIRE(sqlite3_open_v2((dir / "kiosk.db").c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(reader, "SELECT commitment_id, rating, n FROM local_tally", -1, &st, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 1))) == "poor");
  CHECK(sqlite3_column_int(st, 2) == 1);
  sqlite3_finalize(st);
  sqlite3_close(reader);
}

TEST_CASE("a second writer on the same file is refused with a clear error") {
  testing::TempDir dir;
  VoteStore first(dir / "kiosk.db");
  try {
    VoteStore second(dir / "kiosk.db");
    FAIL("two writers opened one database");
  } catch (const common::sql::Error& e) {
    CHECK(std::string(e.what()).find("in use by another process") != std::string::npos);
  }
}

TEST_CASE("an older schema is migrated with its votes intact") {
  testing::TempDir dir;
  {
    common::sql::Database db(dir / "kiosk.db");
    migrate(db, 1);
    CHECK(schemaVersion(db) == 1);
    db.exec("INSERT INTO meta VALUES ('epoch', 'old-epoch')");
    db.exec("INSERT INTO tally VALUES ('c-0009', 3, '2026-01-01T08:00+08:00', 'fair', '', 4, 1)");
  }
  VoteStore s(dir / "kiosk.db");
  CHECK(schemaVersion(s.database()) == latestSchemaVersion());
  CHECK(s.epoch() == "old-epoch");
  CHECK(count(s, "c-0009", Rating::Fair) == 4);
  CHECK(s.filteredTotal() == 1);
  s.record(vote("c-0009", Rating::Fair));
  CHECK(count(s, "c-0009", Rating::Fair) == 5);
}

TEST_CASE("a database from a newer kiosk is refused, not modified") {
  testing::TempDir dir;
  {
    common::sql::Database db(dir / "kiosk.db");
    db.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_WITH_AS(VoteStore(dir / "kiosk.db"), doctest::Contains("newer than this kiosk"), common::sql::Error);
  common::sql::Database db(dir / "kiosk.db");
  CHECK(schemaVersion(db) == 999);
}

TEST_CASE("a full disk fails the vote loudly and keeps earlier votes") {
  testing::TempDir dir;
  VoteStore s(dir / "kiosk.db");
  s.record(vote("c-0001", Rating::Good));
  s.record(vote("c-0002", Rating::Fair));
  CHECK(s.probeWritable());

  // Cap the file at its current size: any vote needing a new page must fail.
  const std::string pages = pragma(s.database(), "page_count");
  s.database().exec("PRAGMA max_page_count = " + pages);
  bool failed = false;
  for (int i = 0; i < 2000 && !failed; ++i) {
    try {
      s.record(vote("c-" + std::to_string(10000 + i) + std::string(200, 'x'), Rating::Poor));
    } catch (const common::sql::Error& e) {
      failed = true;
      CHECK((e.code() & 0xff) == SQLITE_FULL);
    }
  }
  REQUIRE(failed);
  CHECK_FALSE(s.probeWritable());
  CHECK(count(s, "c-0001", Rating::Good) == 1);
  CHECK(count(s, "c-0002", Rating::Fair) == 1);

  // Space again: writes resume on the same connection.
  s.database().exec("PRAGMA max_page_count = 1073741823");
  CHECK(s.probeWritable());
  s.record(vote("c-0001", Rating::Good));
  CHECK(count(s, "c-0001", Rating::Good) == 2);
}

TEST_CASE("period tallies split counted votes into today, this month and all time by hall date") {
  testing::TempDir dir;
  VoteStore s(dir / "kiosk.db");
  const auto at = [](std::string bucket, Rating r, bool counted = true) {
    return VoteRecord{"c-1", 7, std::move(bucket), r, std::nullopt, counted};
  };
  s.record(at("2026-11-21T09:00+08:00", Rating::Good));
  s.record(at("2026-11-21T15:00+08:00", Rating::Poor));
  s.record(at("2026-11-21T15:00+08:00", Rating::Poor, false));  // filtered: audit only, not a vote
  s.record(at("2026-11-02T10:00+08:00", Rating::Fair));
  s.record(at("2026-10-31T23:00+08:00", Rating::Good));
  s.record({"c-2", 6, "2025-01-01T08:00+08:00", Rating::Fair, std::nullopt, true});
  s.record({"c-3", 7, "2026-11-21T09:00+08:00", Rating::Good, std::nullopt, false});  // only filtered taps

  const auto rows = s.periodTallies("2026-11-21");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].commitmentId == "c-1");
  CHECK(rows[0].today == RatingCounts{1, 0, 1});
  CHECK(rows[0].month == RatingCounts{1, 1, 1});
  CHECK(rows[0].all == RatingCounts{2, 1, 1});
  CHECK(rows[1].commitmentId == "c-2");
  CHECK(rows[1].today.total() == 0);
  CHECK(rows[1].all == RatingCounts{0, 1, 0});
}

TEST_CASE("kiosk settings persist across reopening and are overwritten in place") {
  testing::TempDir dir;
  {
    VoteStore s(dir / "kiosk.db");
    CHECK_FALSE(s.setting("staff_pin_failures"));
    s.setSetting("staff_pin_failures", "3");
    s.setSetting("staff_pin_failures", "4");
  }
  VoteStore s(dir / "kiosk.db");
  CHECK(s.setting("staff_pin_failures") == "4");
}

TEST_CASE("a database deleted or replaced under the running store refuses the next vote") {
  testing::TempDir dir;
  VoteStore store(dir / "kiosk.db");
  store.record(vote("c-0001", Rating::Good));
  std::filesystem::remove(dir / "kiosk.db");  // what `rm kiosk.db` does under a running kiosk
  CHECK_THROWS_WITH_AS(store.record(vote("c-0001", Rating::Fair)), doctest::Contains("deleted or replaced"),
                       common::sql::Error);
  CHECK_FALSE(store.probeWritable());
}

TEST_CASE("a database deleted under the running store is copied back whole from the open connection") {
  testing::TempDir dir;
  std::string epoch;
  {
    VoteStore store(dir / "kiosk.db");
    epoch = store.epoch();
    BatchQueue queue(store, "hall-01-k1");
    store.record(vote("c-0001", Rating::Good));
    store.record(vote("c-0001", Rating::Good));
    REQUIRE(queue.freeze("2026-11-21T10:00:00+08:00"));  // queued, not yet acknowledged
    store.record(vote("c-0003", Rating::Fair));
    REQUIRE(queue.freeze("2026-11-21T10:05:00+08:00"));
    queue.markSent(2);                           // the hub has c-0003's vote: not counted as unsynced
    store.record(vote("c-0002", Rating::Poor));  // not yet frozen
    CHECK(store.rescueMovedFile(1'000).kind == Rescue::Kind::NotMoved);  // nothing moved yet

    std::filesystem::remove(dir / "kiosk.db");  // rm kiosk.db under the running kiosk
    const Rescue rescue = store.rescueMovedFile(1'000);
    CHECK(rescue.kind == Rescue::Kind::Restored);
    CHECK(rescue.file == dir / "kiosk.db");
    CHECK(rescue.unsyncedVotes == 3);
    // Retired: nothing more may land in the orphan after its copy.
    CHECK_THROWS_AS(store.record(vote("c-0001", Rating::Good)), common::sql::Error);
    CHECK_THROWS_AS(BatchQueue(store, "hall-01-k1").freeze("t"), common::sql::Error);
    CHECK_FALSE(store.probeWritable());
  }
  CHECK_FALSE(std::filesystem::exists(dir / "kiosk.db.partial"));
  VoteStore reopened(dir / "kiosk.db");
  CHECK(reopened.epoch() == epoch);  // the same database: its batches keep their identity
  CHECK(count(reopened, "c-0001", Rating::Good) == 2);
  CHECK(count(reopened, "c-0002", Rating::Poor) == 1);
  CHECK(count(reopened, "c-0003", Rating::Fair) == 1);
  BatchQueue queue(reopened, "hall-01-k1");
  CHECK(queue.status().queued == 1);
  CHECK(queue.oldestQueued()->seq == 1);
  CHECK(pragma(reopened.database(), "journal_mode") == "wal");
  reopened.record(vote("c-0002", Rating::Poor));  // and it takes votes again
  CHECK(count(reopened, "c-0002", Rating::Poor) == 2);
}

TEST_CASE("a database replaced under the running store is copied beside it, the new file untouched") {
  testing::TempDir dir;
  std::string newEpoch;
  {
    VoteStore store(dir / "kiosk.db");
    store.record(vote("c-0001", Rating::Good));
    std::filesystem::rename(dir / "kiosk.db", dir / "moved-away.db");
    {
      common::sql::Database other(dir / "kiosk.db");  // someone put another database at the path
      other.exec("CREATE TABLE t(x); INSERT INTO t VALUES (42)");
    }
    const Rescue rescue = store.rescueMovedFile(1'700'000'000);
    CHECK(rescue.kind == Rescue::Kind::KeptAside);
    CHECK(rescue.file == dir / "kiosk.db.orphaned-1700000000");
    CHECK(rescue.unsyncedVotes == 1);
  }
  {
    common::sql::Database other(dir / "kiosk.db");
    common::sql::Statement st(other, "SELECT x FROM t");
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == 42);
  }
  VoteStore copy(dir / "kiosk.db.orphaned-1700000000");
  CHECK(count(copy, "c-0001", Rating::Good) == 1);
}

TEST_CASE("the recovery probe commits for real: it fails when the disk takes no more bytes, as a vote does") {
  testing::TempDir dir;
  VoteStore store(dir / "kiosk.db");
  store.record(vote("c-0001", Rating::Good));
  REQUIRE(store.probeWritable());
  // The process may not grow any file past the WAL's size now: a full disk, as far as SQLite sees.
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  const auto walSize = static_cast<rlim_t>(std::filesystem::file_size(dir / "kiosk.db-wal"));
  rlimit full{walSize, old.rlim_max};
  REQUIRE(setrlimit(RLIMIT_FSIZE, &full) == 0);
  const bool probeWhileFull = store.probeWritable();
  bool voteWhileFull = true;
  try {
    store.record(vote("c-0002", Rating::Poor));
  } catch (const common::sql::Error&) {
    voteWhileFull = false;
  }
  REQUIRE(setrlimit(RLIMIT_FSIZE, &old) == 0);
  CHECK_FALSE(voteWhileFull);
  CHECK_FALSE(probeWhileFull);   // a rolled-back probe never reached the disk and said "fine"
  CHECK(store.probeWritable());  // room again: the probe says so, and a vote commits
  store.record(vote("c-0002", Rating::Poor));
  std::int64_t poor = 0;
  for (const auto& row : store.localTally())
    if (row.commitmentId == "c-0002") poor += row.n;
  CHECK(poor == 1);  // the refused vote did not count, the later one did
}
