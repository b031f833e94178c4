// The kiosk's journal: one machine-readable line per event on stdout ("vote-acknowledged
// commitment=c-0001 rating=good counted=1 bucket=…", "screen list", "staff-unlocked") and storage
// errors on stderr. Tests and the benchmark read these lines; systemd keeps them. It is the app's
// AppEvents, and the sink for the sync thread's lines, so line() may be called from any thread
// (each line is written whole); the rest is UI thread only.
#pragma once

#include <cstdio>
#include <functional>
#include <mutex>
#include <string>

#include "kiosk/app/app_events.hpp"

namespace kiosk::app {

class Journal final : public AppEvents {
 public:
  explicit Journal(std::FILE* out = stdout, std::FILE* errors = stderr) : out_(out), errors_(errors) {}

  void line(const std::string& text);

  void voteAcknowledged(const store::VoteRecord& v) override;
  void storeFailed(std::string_view why) override;
  void storeRecovered() override { line("store-recovered"); }
  void storeRescued(const store::Rescue& rescue) override;
  void storeRescueFailed(std::string_view why) override;
  void staffUnlocked() override { line("staff-unlocked"); }
  void staffPinRejected(int failures, bool lockedOut) override;
  void staffLeft() override { line("staff-left"); }
  void exported(const std::string& folder) override { line("exported folder=" + folder); }
  void exportFailed(const std::string& why) override;
  void syncNowRequested() override;
  void maintenanceExitRequested() override;

  // What "sync now" does (the hub link's), once there is one.
  void onSyncNow(std::function<void()> syncNow) { syncNow_ = std::move(syncNow); }
  // True once staff chose "exit for maintenance": the main loop ends.
  bool maintenanceExitChosen() const { return maintenanceExit_; }

 private:
  std::mutex mutex_;
  std::FILE* out_;
  std::FILE* errors_;
  std::function<void()> syncNow_;
  bool maintenanceExit_ = false;
};

}  // namespace kiosk::app
