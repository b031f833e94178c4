#include "hub/store/hall_directory.hpp"

#include <climits>
#include <stdexcept>

#include "hub/store/console_schema.hpp"
#include "wire/list_limits.hpp"

namespace hub {

namespace sql = common::sql;

HallDirectory::HallDirectory(const std::filesystem::path& consoleDatabase)
    : HallDirectory(sql::Database(consoleDatabase)) {}

HallDirectory::HallDirectory(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

void HallDirectory::name(const std::string& hall, const std::string& name, std::int64_t order, std::int64_t nowUnix) {
  if (!wire::limits::isSafeId(hall)) throw std::invalid_argument("err_not_a_hall");
  if (const auto problem = hallNameProblem(name); !problem.empty()) throw std::invalid_argument(problem);
  if (order < 0 || order > 9999) throw std::invalid_argument("err_hall_order");
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement(db_, R"sql(INSERT INTO hall_name(hall, name, sort_order, updated_unix) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (hall) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order,
                                        updated_unix = excluded.updated_unix)sql")
      .bind(1, hall)
      .bind(2, name)
      .bind(3, order)
      .bind(4, nowUnix)
      .run();
  tx.commit();
  readUnix_ = INT64_MIN;  // the next page reads the new name
}

HallNames HallDirectory::names(std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  if (readUnix_ == INT64_MIN || nowUnix - readUnix_ >= kRefreshSeconds || nowUnix < readUnix_) {
    cached_ = HallNames(readLocked());
    readUnix_ = nowUnix;
  }
  return cached_;
}

std::vector<HallName> HallDirectory::list() {
  std::lock_guard lock(mutex_);
  return readLocked();
}

std::vector<HallName> HallDirectory::readLocked() {
  sql::Statement st(db_, "SELECT hall, name, sort_order FROM hall_name ORDER BY sort_order, name, hall");
  std::vector<HallName> out;
  while (st.step()) out.push_back({st.columnText(0), st.columnText(1), st.columnInt(2)});
  return out;
}

}  // namespace hub
