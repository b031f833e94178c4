// Leader reviews (领导点评): a leader's or administrator's note on a unit of a hall, at least once
// every half-year, kept in console.db with who wrote it and when. Reviews are only ever added; the
// latest one per unit is what the 单位 page shows and flags when it is missing.
// Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"

namespace hub {

struct LeaderReview {
  std::int64_t id = 0;
  std::string hall, unit;
  std::string half;  // "2026H2": the half-year the review is for
  std::string login, note;
  std::int64_t atUnix = 0;
};

class ReviewStore {
 public:
  explicit ReviewStore(const std::filesystem::path& consoleDatabase);
  explicit ReviewStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  LeaderReview add(const std::string& hall, const std::string& unit, const std::string& half, const std::string& login,
                   const std::string& note, std::int64_t nowUnix);
  // One unit's reviews in these halls, newest first.
  std::vector<LeaderReview> forUnit(const std::vector<std::string>& halls, const std::string& unit);
  // Every review in these halls, by hall, unit, then oldest first.
  std::vector<LeaderReview> list(const std::vector<std::string>& halls);
  // The newest review per unit, over these halls.
  std::map<std::string, LeaderReview> latestByUnit(const std::vector<std::string>& halls);

 private:
  std::mutex mutex_;
  common::sql::Database db_;
};

// "2026H1" for January–June, "2026H2" for July–December, of a "YYYY-MM-DD" day.
std::string halfYearOf(const std::string& day);

}  // namespace hub
