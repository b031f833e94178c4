// The PostgreSQL backend of common::sql::Database against the test run's real cluster: the same
// calls the hub makes on SQLite — parameters, NULLs, changes, transactions — plus the errors it
// maps (constraint, statement timeout, a server it cannot reach) — and a database's bad days:
// sessions the server ends, a session lost mid-transaction, a round trip that never answers.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <thread>

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
  } catch (const Error& e) {
    CHECK(e.code() == SQLITE_CONSTRAINT);
    CHECK(std::string(e.what()).find("duplicate key") != std::string::npos);
  }
  db.setDeadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
  try {
    db.exec("SELECT pg_sleep(5)");
    FAIL("the deadline did not stop the statement");
  } catch (const Error& e) {
    CHECK(e.code() == SQLITE_INTERRUPT);
  }
  db.setDeadline({});
  db.exec("SELECT pg_sleep(0.1)");  // no limit any more
  try {
    openPostgres("postgresql://nobody:secret-password@127.0.0.1:1/nowhere?connect_timeout=2");
    FAIL("connected to nothing");
  } catch (const Error& e) {
    const std::string what = e.what();
    CHECK(e.code() == SQLITE_CANTOPEN);
    CHECK(what.find("cannot connect to PostgreSQL (database \"nowhere\" on 127.0.0.1)") != std::string::npos);
    CHECK(what.find("secret-password") == std::string::npos);
  }
}

namespace {

// Ends every other session of `database` (what a fail-over, a pooler restart or an administrator's
// pg_terminate_backend does to a hub); the number ended.
std::int64_t terminateSessionsOf(const std::string& url) {
  Database admin = openPostgres(url);
  Statement end(admin,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  REQUIRE(end.step());
  return end.columnInt(0);
}

}  // namespace

TEST_CASE("a session the server ended is made again at the next statement, read-only kept") {
  const std::string url = testing::newPostgresDatabase();
  openPostgres(url).exec("CREATE TABLE t(k TEXT)");
  Database reader = openPostgres(url, {.readOnly = true});
  Database writer = openPostgres(url);
  Statement(reader, "SELECT count(*) FROM t").run();
  REQUIRE(terminateSessionsOf(url) == 2);
  // Both ended while idle. A reader's next statement goes to a new session (a read is safe to
  // send again); a writer's may fail once — whether a write sent to a dying session was committed
  // is not for the connection to guess — and the one after goes to a new session.
  CHECK_NOTHROW(Statement(reader, "SELECT count(*) FROM t").run());
  try {
    writer.exec("INSERT INTO t VALUES ('after the restart')");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("PostgreSQL") != std::string::npos);
    CHECK_NOTHROW(writer.exec("INSERT INTO t VALUES ('after the restart')"));
  }
  // The new session is as read-only as the first: a reader never writes, reconnects included.
  try {
    reader.exec("INSERT INTO t VALUES ('a reader writing')");
    FAIL("a reader's new session accepted a write");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("read-only") != std::string::npos);
  }
  Statement count(writer, "SELECT count(*) FROM t");
  REQUIRE(count.step());
  CHECK(count.columnInt(0) == 1);
}

TEST_CASE("a session lost inside a transaction fails the rest of it until the caller rolls back") {
  const std::string url = testing::newPostgresDatabase();
  Database db = openPostgres(url);
  db.exec("CREATE TABLE t(k TEXT)");
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES ('first half')");
    REQUIRE(terminateSessionsOf(url) == 1);
    // Neither this statement nor the next may run on a fresh session outside the transaction:
    // the first half is gone with the old one, so the second half must not be stored alone.
    CHECK_THROWS_AS(db.exec("INSERT INTO t VALUES ('second half')"), Error);
    CHECK_THROWS_AS(db.exec("INSERT INTO t VALUES ('third')"), Error);
  }  // rolled back
  Statement count(db, "SELECT count(*) FROM t");
  REQUIRE(count.step());
  CHECK(count.columnInt(0) == 0);
}

TEST_CASE("a round trip without an answer in time is cut off client-side, then statements fail fast, then recover") {
  Database db = openPostgres(testing::newPostgresDatabase(), {.answerWithin = std::chrono::milliseconds(300),
                                                              .pauseAfterFailure = std::chrono::milliseconds(500)});
  // No deadline set, so no server-side statement_timeout: only the client's bound can end this
  // (as with a frozen server, whose statement_timeout never fires).
  const auto started = std::chrono::steady_clock::now();
  try {
    db.exec("SELECT pg_sleep(30)");
    FAIL("a 30 s statement returned");
  } catch (const Error& e) {
    CHECK(e.code() == SQLITE_IOERR);
    CHECK(std::string(e.what()).find("did not answer in time") != std::string::npos);
  }
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(25));
  // Right after, the pause: no new connect attempt per statement.
  try {
    db.exec("SELECT 1");
    FAIL("no pause after the failure");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("unreachable") != std::string::npos);
  }
  // After it, a new session answers. (Polled with a deadline: the pause is half a second.)
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool answered = false;
  while (!answered && std::chrono::steady_clock::now() < deadline) {
    try {
      db.exec("SELECT 1");
      answered = true;
    } catch (const Error&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // between polls
    }
  }
  CHECK(answered);
}

TEST_CASE("a statement outside a transaction that timed out does not hold the connection in a lost transaction") {
  Database db = openPostgres(testing::newPostgresDatabase(), {.answerWithin = std::chrono::milliseconds(300),
                                                              .pauseAfterFailure = std::chrono::milliseconds(100)});
  CHECK_THROWS_AS(db.exec("SELECT pg_sleep(30)"), Error);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      db.exec("SELECT 1");
      last.clear();
      break;
    } catch (const Error& e) {
      last = e.what();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // between polls
    }
  }
  CHECK_MESSAGE(last.empty(), last);
}
