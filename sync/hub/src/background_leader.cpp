#include "hub/background_leader.hpp"

namespace hub {

namespace sql = common::sql;

BackgroundLeader::BackgroundLeader(std::function<sql::Database()> connect) : connect_(std::move(connect)) {}

bool BackgroundLeader::lead() {
  if (!connect_) return true;
  std::lock_guard lock(mutex_);
  try {
    if (!db_) {
      db_.emplace(connect_());
      held_ = false;
    }
    if (held_) {
      sql::Statement alive(*db_, "SELECT 1");  // the lock lives exactly as long as this connection
      alive.step();
      return true;
    }
    sql::Statement take(*db_, "SELECT pg_try_advisory_lock(hashtext('kiosk-hub:background'))");
    held_ = take.step() && take.columnInt(0) == 1;
  } catch (const sql::SqliteError&) {
    db_.reset();  // reconnect at the next try; the old session's lock went with it
    held_ = false;
  }
  return held_;
}

}  // namespace hub
