#include "hub/store/read_pool.hpp"

#include <sqlite3.h>  // the result code of "no connection free"

namespace hub {

ReadPool::ReadPool(const std::filesystem::path& file, std::size_t connections, std::chrono::milliseconds queryLimit)
    : ReadPool([file] { return common::sql::Database(file, common::sql::OpenMode::ReadOnly); }, connections,
               queryLimit) {}

ReadPool::ReadPool(const Opener& open, std::size_t connections, std::chrono::milliseconds queryLimit)
    : queryLimit_(queryLimit) {
  for (std::size_t i = 0; i < connections; ++i) idle_.push_back(std::make_unique<common::sql::Database>(open()));
}

ReadPool::Lease ReadPool::lease() {
  std::unique_ptr<common::sql::Database> db;
  {
    std::unique_lock lock(mutex_);
    // The server runs no more readers than connections, so a wait here is another reader's query,
    // bounded by its limit; past that plus a margin something is wrong, and the caller answers 503.
    if (!returned_.wait_for(lock, queryLimit_ + std::chrono::seconds(5), [this] { return !idle_.empty(); }))
      throw common::sql::Error(SQLITE_BUSY, "no reader connection came free in time");
    db = std::move(idle_.back());
    idle_.pop_back();
  }
  // From here the lease owns the connection: whatever setting the deadline throws (a database
  // that went away), the connection goes back to the pool and reconnects on its next use.
  Lease lease(*this, std::move(db));
  lease.db().setDeadline(std::chrono::steady_clock::now() + queryLimit_);
  return lease;
}

ReadPool::Lease::Lease(ReadPool& pool, std::unique_ptr<common::sql::Database> db) : pool_(pool), db_(std::move(db)) {}

ReadPool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), db_(std::move(other.db_)) {}

ReadPool::Lease::~Lease() {
  if (!db_) return;
  try {
    db_->setDeadline({});
  } catch (const common::sql::Error&) {
    // PostgreSQL gone for a moment: the next lease sets its own deadline (and reconnects).
  }
  {
    std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(db_));
  }
  pool_.returned_.notify_one();
}

}  // namespace hub
