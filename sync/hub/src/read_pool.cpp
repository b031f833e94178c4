#include "hub/read_pool.hpp"

namespace hub {

ReadPool::ReadPool(const std::filesystem::path& file, std::size_t connections, std::chrono::milliseconds queryLimit)
    : ReadPool([file] { return common::sql::Database(file, common::sql::OpenMode::ReadOnly); }, connections,
               queryLimit) {}

ReadPool::ReadPool(const Opener& open, std::size_t connections, std::chrono::milliseconds queryLimit)
    : queryLimit_(queryLimit) {
  for (std::size_t i = 0; i < connections; ++i) idle_.push_back(std::make_unique<common::sql::Database>(open()));
}

ReadPool::Lease ReadPool::lease() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !idle_.empty(); });
  auto db = std::move(idle_.back());
  idle_.pop_back();
  db->setDeadline(std::chrono::steady_clock::now() + queryLimit_);
  return Lease(*this, std::move(db));
}

ReadPool::Lease::Lease(ReadPool& pool, std::unique_ptr<common::sql::Database> db) : pool_(pool), db_(std::move(db)) {}

ReadPool::Lease::~Lease() {
  if (!db_) return;
  try {
    db_->setDeadline({});
  } catch (const common::sql::SqliteError&) {
    // PostgreSQL gone for a moment: the next lease sets its own deadline (and reconnects).
  }
  {
    std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(db_));
  }
  pool_.returned_.notify_one();
}

}  // namespace hub
