#include "hub/store/background_leader.hpp"

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
      // The lock lives exactly as long as the session that took it. The connection may have been
      // made again since (a restart, a terminated session): then the lock went with the old
      // session, another hub may hold it now, and this one must not go on as if it still led.
      sql::Statement mine(*db_,
                          "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                          "AND pid = pg_backend_pid()");
      held_ = mine.step() && mine.columnInt(0) > 0;
      if (held_) return true;
    }
    sql::Statement take(*db_, "SELECT pg_try_advisory_lock(hashtext('kiosk-hub:background'))");
    held_ = take.step() && take.columnInt(0) == 1;
  } catch (const sql::Error&) {
    db_.reset();  // reconnect at the next try; the old session's lock went with it
    held_ = false;
  }
  return held_;
}

}  // namespace hub
