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
      SqliteError);
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
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_ERROR);
    CHECK(std::string(e.what()).find("no_such_table") != std::string::npos);
  }
  CHECK_THROWS_WITH_AS(Database(dir / "missing-dir" / "x.db"), doctest::Contains("missing-dir"), SqliteError);
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
