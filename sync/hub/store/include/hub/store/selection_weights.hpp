// The weights each hall sets for its yearly 评选 report (hub/core/selection.hpp), in console.db:
// one row per hall, replaced when a leader or administrator changes them, with who and when — the
// report prints them, so a reader knows what the ranking weighed. Thread-safe: one connection
// behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "common/sqlite.hpp"
#include "hub/core/selection.hpp"

namespace hub {

struct HallWeights {
  selection::Weights weights;
  std::string setBy;  // a login; "" while the defaults apply
  std::int64_t setUnix = 0;
};

class SelectionWeightsStore {
 public:
  explicit SelectionWeightsStore(const std::filesystem::path& consoleDatabase);
  explicit SelectionWeightsStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  // The hall's weights, or the defaults (selection::Weights{}) when it has set none.
  HallWeights forHall(const std::string& hall);
  // Throws std::invalid_argument when the weights are not valid(); stores nothing then.
  void set(const std::string& hall, const selection::Weights& weights, const std::string& login, std::int64_t nowUnix);

 private:
  std::mutex mutex_;
  common::sql::Database db_;
};

}  // namespace hub
