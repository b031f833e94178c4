// The halls' display names and order (大厅名称), set by administrators on the 大厅名称 page or with
// `kiosk-hub hall name`, kept in console.db. Every page reads them, so they are held in memory and
// read again only after a change (a hub's own change; another hub sharing PostgreSQL is seen within
// `kRefreshSeconds`). Thread-safe: one connection and the cached names behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/hall_names.hpp"

namespace hub {

class HallDirectory {
 public:
  static constexpr std::int64_t kRefreshSeconds = 60;

  explicit HallDirectory(const std::filesystem::path& consoleDatabase);
  explicit HallDirectory(common::sql::Database db);  // SQLite or PostgreSQL, already open

  // Names `hall` (an id) and places it; throws std::invalid_argument with the key of the words saying
  // what is wrong (err_hall_name_…, err_hall_order) and stores nothing.
  void name(const std::string& hall, const std::string& name, std::int64_t order, std::int64_t nowUnix);
  // Every name set, as of at most kRefreshSeconds ago.
  HallNames names(std::int64_t nowUnix);
  std::vector<HallName> list();

 private:
  std::vector<HallName> readLocked();

  std::mutex mutex_;
  common::sql::Database db_;
  HallNames cached_;
  std::int64_t readUnix_ = INT64_MIN;
};

}  // namespace hub
