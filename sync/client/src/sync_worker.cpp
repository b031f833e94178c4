#include "sync/sync_worker.hpp"

namespace kiosk::sync {

SyncWorker::SyncWorker(SyncEngine& engine) : engine_(engine), thread_([this] { loop(); }) {}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::syncNow() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_one();
}

void SyncWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::loop() {
  for (;;) {
    const Millis delay = engine_.runOnce();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_ || nudged_; });
    if (stopping_) return;
    nudged_ = false;
  }
}

}  // namespace kiosk::sync
