// The kiosk database's schema history: each step upgrades the previous version in one transaction.
// Pure data plus one function that applies it; used by VoteStore and by migration tests.
#pragma once

#include <string_view>
#include <vector>

namespace common::sql {
class Database;
}

namespace kiosk::store {

struct Migration {
  int version;           // PRAGMA user_version after this step
  std::string_view sql;  // statements that take the schema from version-1 to version
};

const std::vector<Migration>& migrations();
int latestSchemaVersion();

// Brings `db` up to `target` (default: latest) with the common runner (common::sql::
// migrateUserVersion), which numbers steps by position: versions are 1, 2, … in order. Throws if
// the file is newer than this build.
void migrate(common::sql::Database& db, int target = -1);
int schemaVersion(common::sql::Database& db);

}  // namespace kiosk::store
