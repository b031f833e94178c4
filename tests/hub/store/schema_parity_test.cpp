// The two dialects keep one schema: hub.db and console.db migrated on SQLite, and the same tables
// migrated on PostgreSQL, have the same tables, the same columns in each (with matching types and
// NOT NULL), and the same primary keys. Migrations are written twice, once per dialect; this is
// what keeps them from drifting. Discovered only in the PostgreSQL run.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/store/console_schema.hpp"
#include "hub/store/hub_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"

namespace {

struct Column {
  std::string type;  // "integer", "text" or "real", as both dialects spell them here
  bool notNull = false;
  bool operator==(const Column&) const = default;
};
struct Table {
  std::map<std::string, Column> columns;
  std::set<std::string> primaryKey;
  bool operator==(const Table&) const = default;
};
using Schema = std::map<std::string, Table>;

std::string kindOf(std::string type) {
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.find("int") != std::string::npos || type == "bigserial") return "integer";
  if (type.find("char") != std::string::npos || type == "text") return "text";
  if (type == "real" || type == "double precision") return "real";
  return type;
}

Schema sqliteSchema(common::sql::Database& db) {
  Schema schema;
  common::sql::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  std::vector<std::string> names;
  while (tables.step()) names.push_back(tables.columnText(0));
  for (const auto& name : names) {
    common::sql::Statement info(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1)");
    info.bind(1, name);
    Table& t = schema[name];
    while (info.step()) {
      // SQLite's INTEGER PRIMARY KEY is the row id: NOT NULL in effect, as BIGSERIAL is.
      const bool pk = info.columnInt(3) > 0;
      t.columns[info.columnText(0)] = {kindOf(info.columnText(1)), info.columnInt(2) != 0 || pk};
      if (pk) t.primaryKey.insert(info.columnText(0));
    }
  }
  return schema;
}

Schema postgresSchema(common::sql::Database& db) {
  Schema schema;
  common::sql::Statement columns(db, R"sql(SELECT table_name, column_name, data_type, is_nullable
      FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, 2)sql");
  while (columns.step())
    schema[columns.columnText(0)].columns[columns.columnText(1)] = {kindOf(columns.columnText(2)),
                                                                    columns.columnText(3) == "NO"};
  common::sql::Statement keys(db, R"sql(SELECT k.table_name, k.column_name
      FROM information_schema.table_constraints c JOIN information_schema.key_column_usage k
        ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
      WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema())sql");
  while (keys.step()) schema[keys.columnText(0)].primaryKey.insert(keys.columnText(1));
  schema.erase("schema_version");  // the migration runner's own bookkeeping on PostgreSQL
  return schema;
}

void checkSame(const Schema& sqlite, const Schema& postgres) {
  std::set<std::string> names;
  for (const auto& [n, t] : sqlite) names.insert(n);
  for (const auto& [n, t] : postgres) names.insert(n);
  for (const auto& name : names) {
    CAPTURE(name);
    REQUIRE(sqlite.count(name) == 1);
    REQUIRE(postgres.count(name) == 1);
    const Table &a = sqlite.at(name), &b = postgres.at(name);
    std::set<std::string> columns;
    for (const auto& [c, x] : a.columns) columns.insert(c);
    for (const auto& [c, x] : b.columns) columns.insert(c);
    for (const auto& column : columns) {
      CAPTURE(column);
      REQUIRE(a.columns.count(column) == 1);
      REQUIRE(b.columns.count(column) == 1);
      CHECK(a.columns.at(column).type == b.columns.at(column).type);
      CHECK(a.columns.at(column).notNull == b.columns.at(column).notNull);
    }
    CHECK(a.primaryKey == b.primaryKey);
  }
}

}  // namespace

TEST_CASE("hub.db: SQLite and PostgreSQL migrate to the same tables, columns and keys") {
  REQUIRE(testing::onPostgres());
  testing::TempDir dir;
  common::sql::Database sqlite(dir / "hub.db");
  hub::migrateHubSchema(sqlite);
  testing::StoreUnderTest pg(dir.path());
  auto postgres = pg.hub();
  hub::migrateHubSchema(postgres);
  const Schema a = sqliteSchema(sqlite), b = postgresSchema(postgres);
  CHECK(a.size() >= 10);  // the whole schema was read, not an empty one twice
  CHECK(b.at("count_hour").columns.count("list_version") == 1);
  CHECK(b.at("count_day").primaryKey ==
        std::set<std::string>{"day", "hall", "commitment_id", "list_version", "channel"});
  CHECK(b.at("count_month").primaryKey ==
        std::set<std::string>{"month", "hall", "commitment_id", "list_version", "channel"});
  checkSame(a, b);
}

TEST_CASE("console.db: SQLite and PostgreSQL migrate to the same tables, columns and keys") {
  REQUIRE(testing::onPostgres());
  testing::TempDir dir;
  common::sql::Database sqlite(dir / "console.db");
  hub::openConsoleDatabase(sqlite);
  testing::StoreUnderTest pg(dir.path());
  auto postgres = pg.console();
  hub::openConsoleDatabase(postgres);
  const Schema a = sqliteSchema(sqlite), b = postgresSchema(postgres);
  CHECK(a.size() >= 10);
  CHECK(b.at("disputed_range").columns.at("to_hour") == Column{"integer", true});
  checkSame(a, b);
}
