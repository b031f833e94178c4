// Read-only connections to the hub's database for the reader lane (console pages, exports, the
// API's reports): readers in WAL mode never block the ingest writer, and each query is cut off at
// the time limit so no request holds a connection for long. Thread-safe: any thread may lease.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/sqlite.hpp"

namespace hub {

class ReadPool {
 public:
  // SQLite: read-only connections to `file`. Otherwise `open` makes each connection (PostgreSQL).
  using Opener = std::function<common::sql::Database()>;
  ReadPool(const std::filesystem::path& file, std::size_t connections, std::chrono::milliseconds queryLimit);
  ReadPool(const Opener& open, std::size_t connections, std::chrono::milliseconds queryLimit);

  // One connection for the lease's lifetime, its deadline set to now + the query limit. Waits
  // while every connection is leased (the server runs at most as many readers as connections),
  // but not for ever. Throws Error when no connection comes free in time or the database
  // cannot be reached; the connection is back in the pool either way (it reconnects when used).
  class Lease {
   public:
    Lease(ReadPool& pool, std::unique_ptr<common::sql::Database> db);
    Lease(Lease&& other) noexcept;
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    common::sql::Database& db() { return *db_; }

   private:
    ReadPool& pool_;
    std::unique_ptr<common::sql::Database> db_;
  };
  Lease lease();

 private:
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<common::sql::Database>> idle_;
  std::chrono::milliseconds queryLimit_;
};

}  // namespace hub
