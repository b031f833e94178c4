// The sync thread: runs SyncEngine rounds, sleeping between them on a condition variable so
// stop() and syncNow() take effect at once. The UI thread only calls those and reads status.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "sync/sync_engine.hpp"

namespace kiosk::sync {

class SyncWorker {
 public:
  explicit SyncWorker(SyncEngine& engine);
  ~SyncWorker();  // stops and joins
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void syncNow();  // e.g. staff's "sync now", or a nudge after many votes
  void stop();

 private:
  void loop();
  SyncEngine& engine_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool nudged_ = false;
  std::thread thread_;
};

}  // namespace kiosk::sync
