// Which store the hub's tests run on. By default SQLite files in the test's folder, as a small hub
// keeps them; with KIOSK_TEST_POSTGRES naming the file that tests/support/postgres_cluster.sh wrote
// (ctest's PostgreSQL runs set it), a fresh database of the test's own in the real PostgreSQL the
// test run started. The same test code then checks both. One per fixture; one thread.
#pragma once

#include <filesystem>
#include <string>

#include "common/sqlite.hpp"
#include "hub/store/read_pool.hpp"

namespace testing {

// True in the PostgreSQL runs.
bool onPostgres();

// A new, empty database in the test run's PostgreSQL; its URL. Only when onPostgres().
std::string newPostgresDatabase();

class StoreUnderTest {
 public:
  explicit StoreUnderTest(const std::filesystem::path& dir);

  common::sql::Database hub() const;      // connection to the hub's tables (hub.db)
  common::sql::Database console() const;  // the console's (console.db)
  hub::ReadPool::Opener readers() const;  // read-only connections to the hub's tables
  bool postgres() const { return !url_.empty(); }
  const std::string& url() const { return url_; }  // "" on SQLite

 private:
  std::filesystem::path dir_;
  std::string url_;
};

}  // namespace testing
