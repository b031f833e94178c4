// The PostgreSQL backend of common::sql::Database against the test run's real cluster: the same
// calls the hub makes on SQLite — parameters, NULLs, changes, transactions — plus the errors it
// maps (constraint, statement timeout, a server it cannot reach).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "common/postgres.hpp"
#include "store_under_test.hpp"

using namespace common::sql;

TEST_CASE("?N becomes $N outside quotes, and the highest index is counted") {
  int n = 0;
  CHECK(postgresPlaceholders("SELECT ?1, '?2', \"a?3\", ?12 WHERE x = ?2", n) ==
        "SELECT $1, '?2', \"a?3\", $12 WHERE x = $2");
  CHECK(n == 12);
  CHECK(postgresPlaceholders("SELECT 1", n) == "SELECT 1");
  CHECK(n == 0);
  CHECK(postgresPlaceholders("a ? b", n) == "a ? b");  // not a numbered parameter
}

TEST_CASE("statements bind, step, count changes and roll back like SQLite's") {
  Database db = openPostgres(testing::newPostgresDatabase());
  CHECK(db.dialect() == Dialect::Postgres);
  CHECK(db.handle() == nullptr);
  db.exec("CREATE TABLE t(k TEXT PRIMARY KEY, n BIGINT, note TEXT)");
  Statement insert(db, "INSERT INTO t(k, n, note) VALUES (?1, ?2, ?3) ON CONFLICT (k) DO NOTHING");
  insert.bind(1, "a").bind(2, std::int64_t{9'000'000'000}).bindNull(3).run();
  CHECK(db.changes() == 1);
  insert.bind(1, "a").bind(2, 1).bind(3, "x").run();
  CHECK(db.changes() == 0);  // the conflict did nothing
  insert.bind(1, "中文'\"").bind(2, -5).bind(3, "说明").run();
  {
    Transaction tx(db);
    Statement(db, "UPDATE t SET n = n + 1").run();
    CHECK(db.changes() == 2);
  }  // not committed: rolled back
  Statement read(db, "SELECT k, n, note FROM t WHERE k = ?1");
  read.bind(1, "a");
  REQUIRE(read.step());
  CHECK(read.columnInt(1) == 9'000'000'000);
  CHECK(read.columnIsNull(2));
  CHECK(read.columnText(2).empty());
  CHECK_FALSE(read.step());
  read.reset();
  read.bind(1, "中文'\"");
  REQUIRE(read.step());
  CHECK(read.columnText(2) == "说明");
  CHECK(read.columnInt(1) == -5);
  // The dialect helpers give the same answers SQLite's do.
  Statement halls(db, "SELECT count(*) FROM t WHERE k IN " + inJsonArray(db, 1));
  halls.bind(1, R"(["a","b"])");
  REQUIRE(halls.step());
  CHECK(halls.columnInt(0) == 1);
  Statement weekday(db, "SELECT " + weekdayFromMonday(db, "?1"));
  weekday.bind(1, "2026-11-23");  // a Monday
  REQUIRE(weekday.step());
  CHECK(weekday.columnInt(0) == 0);
}

TEST_CASE("errors carry the nearest SQLite code and say what failed") {
  Database db = openPostgres(testing::newPostgresDatabase());
  db.exec("CREATE TABLE t(k TEXT PRIMARY KEY)");
  db.exec("INSERT INTO t VALUES ('a')");
  try {
    db.exec("INSERT INTO t VALUES ('a')");
    FAIL("duplicate accepted");
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_CONSTRAINT);
    CHECK(std::string(e.what()).find("duplicate key") != std::string::npos);
  }
  db.setDeadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
  try {
    db.exec("SELECT pg_sleep(5)");
    FAIL("the deadline did not stop the statement");
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_INTERRUPT);
  }
  db.setDeadline({});
  db.exec("SELECT pg_sleep(0.1)");  // no limit any more
  try {
    openPostgres("postgresql://nobody:secret-password@127.0.0.1:1/nowhere?connect_timeout=2");
    FAIL("connected to nothing");
  } catch (const SqliteError& e) {
    const std::string what = e.what();
    CHECK(e.code() == SQLITE_CANTOPEN);
    CHECK(what.find("cannot connect to PostgreSQL (database \"nowhere\" on 127.0.0.1)") != std::string::npos);
    CHECK(what.find("secret-password") == std::string::npos);
  }
}
