// Which hub does the background work — the rectification sweep and the alerts — when several
// share one PostgreSQL: the one holding a session-level advisory lock on a connection of its own.
// Were every hub to do it, each change would be announced once per hub. When the leader dies its
// connection closes, the lock is free, and another hub's next try takes it over. On SQLite a hub
// is alone with its database: always the leader. Thread-safe (the sweeper and the alert thread ask).
#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "common/sqlite.hpp"

namespace hub {

class BackgroundLeader {
 public:
  // `connect`: a new connection to the shared PostgreSQL; empty on SQLite.
  explicit BackgroundLeader(std::function<common::sql::Database()> connect = {});

  // True while this process holds the lead; tries to take it when free. A lost connection loses
  // the lead (another hub may hold it by now) until a later try wins it again.
  bool lead();

 private:
  std::function<common::sql::Database()> connect_;
  std::mutex mutex_;
  std::optional<common::sql::Database> db_;
  bool held_ = false;
};

}  // namespace hub
