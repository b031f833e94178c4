// common::sql: the RAII wrapper over SQLite every store is built on.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include <stdexcept>

#include "common/sqlite.hpp"
#include "temp_dir.hpp"

using namespace common::sql;

namespace {
std::int64_t count(Database& db) {
  Statement st(db, "SELECT count(*) FROM t");
  REQUIRE(st.step());
  return st.columnInt(0);
}
}  // namespace

TEST_CASE("a transaction rolls back unless committed") {
  testing::TempDir dir;
  Database db(dir / "a.db");
  db.exec("CREATE TABLE t(x INTEGER)");
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
  }  // no commit: gone
  CHECK(count(db) == 0);
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (2)");
    tx.commit();
  }
  CHECK(count(db) == 1);
}

TEST_CASE("an exception inside a transaction leaves nothing of it") {
  testing::TempDir dir;
  Database db(dir / "a.db");
  db.exec("CREATE TABLE t(x INTEGER UNIQUE)");
  db.exec("INSERT INTO t VALUES (1)");
  CHECK_THROWS_AS(
      [&] {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES (2)");
        db.exec("INSERT INTO t VALUES (1)");  // violates UNIQUE
        tx.commit();
      }(),
      Error);
  CHECK(count(db) == 1);
}

TEST_CASE("statements bind, step, read and are reused after a reset") {
  testing::TempDir dir;
  Database db(dir / "a.db");
  db.exec("CREATE TABLE t(x INTEGER, s TEXT)");
  Statement insert(db, "INSERT INTO t VALUES (?, ?)");
  insert.bind(1, std::int64_t{7}).bind(2, std::string_view("好")).run();
  insert.bind(1, std::int64_t{8}).bindOptional(2, std::nullopt).run();
  CHECK(db.changes() == 1);
  Statement select(db, "SELECT x, s FROM t ORDER BY x");
  REQUIRE(select.step());
  CHECK(select.columnInt(0) == 7);
  CHECK(select.columnText(1) == "好");
  REQUIRE(select.step());
  CHECK(select.columnIsNull(1));
  CHECK_FALSE(select.step());
}

TEST_CASE("errors carry SQLite's extended code and say what failed") {
  testing::TempDir dir;
  Database db(dir / "a.db");
  try {
    Statement bad(db, "SELECT * FROM no_such_table");
    FAIL("prepared a statement on a missing table");
  } catch (const Error& e) {
    CHECK(e.code() == SQLITE_ERROR);
    CHECK(std::string(e.what()).find("no_such_table") != std::string::npos);
  }
  CHECK_THROWS_WITH_AS(Database(dir / "missing-dir" / "x.db"), doctest::Contains("missing-dir"), Error);
}

TEST_CASE("a new database file is private to its owner") {
  testing::TempDir dir;
  const mode_t old = ::umask(0);
  { Database db(dir / "private.db"); }
  ::umask(old);
  struct stat st {};
  REQUIRE(::stat((dir / "private.db").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("snapshotTo copies what is committed, not a writer's open transaction, as one self-contained file") {
  testing::TempDir dir;
  Database live(dir / "live.db");
  const std::string_view steps[] = {"CREATE TABLE t (n INTEGER)"};
  openDurable(live, steps, "test");
  live.exec("INSERT INTO t VALUES (1), (2), (3)");
  Database writer(dir / "live.db");
  writer.exec("PRAGMA busy_timeout = 5000");
  writer.exec("BEGIN IMMEDIATE");
  writer.exec("INSERT INTO t VALUES (100)");  // uncommitted while the snapshot is taken

  snapshotTo(dir / "live.db", dir / "copy.db");
  writer.exec("COMMIT");
  CHECK_FALSE(std::filesystem::exists(dir / "copy.db-wal"));
  struct stat st {};
  REQUIRE(::stat((dir / "copy.db").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  Database copy(dir / "copy.db", OpenMode::ReadOnly);
  Statement sum(copy, "SELECT count(*), sum(n) FROM t");
  REQUIRE(sum.step());
  CHECK(sum.columnInt(0) == 3);
  CHECK(sum.columnInt(1) == 6);
  // An existing file at the destination is replaced, not appended to.
  snapshotTo(dir / "live.db", dir / "copy.db");
  Database again(dir / "copy.db", OpenMode::ReadOnly);
  Statement n(again, "SELECT count(*) FROM t");
  REQUIRE(n.step());
  CHECK(n.columnInt(0) == 4);

  CHECK_THROWS_WITH(snapshotTo(dir / "missing.db", dir / "x.db"), doctest::Contains("no database at"));
  testing::writeFile(dir / "not.db", "this is not a database, just text long enough to have a header......");
  CHECK_THROWS_AS(snapshotTo(dir / "not.db", dir / "y.db"), Error);
}
