// The kiosk's side of the files it shares with kiosk-updater (kiosk/updater/handover_files.hpp):
// it keeps <data_dir>/run-status up to date — its screen (attract, closed, or busy with a resident
// or staff) and since when, when this run said READY, when the hub last took its heartbeat — and
// reads the updater's update-report for its heartbeat. A new build counts as healthy only once it
// has written READY and a heartbeat here, so this is what keeps a good update from being rolled
// back. Thread-safe: the UI thread writes the screen and READY, the sync thread the heartbeat.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "kiosk/core/session.hpp"
#include "kiosk/updater/handover_files.hpp"
#include "wire/update_report.hpp"

namespace kiosk::app {

class RunStatusWriter {
 public:
  explicit RunStatusWriter(std::filesystem::path dataDir) : file_(dataDir / updater::kRunStatusFile) {}

  // Each is written at once (a few times per resident at most). Never throw: the status is for
  // the updater, and a full disk must not stop the kiosk.
  void screen(Screen shown, std::int64_t nowUnix) noexcept;
  void ready(std::int64_t nowUnix) noexcept;
  void heartbeatAccepted(std::int64_t nowUnix) noexcept;

 private:
  void write() noexcept;  // under mutex_
  std::filesystem::path file_;
  std::mutex mutex_;
  updater::RunStatus status_;
};

// What the updater's screen categories make of the kiosk's screens.
updater::KioskScreen updaterScreen(Screen shown);

// The updater's last word for the heartbeat; nothing when it has said nothing or the file is
// damaged (a report the hub would refuse must not cost the kiosk its heartbeat).
std::optional<wire::UpdateReport> readUpdateReport(const std::filesystem::path& dataDir) noexcept;

}  // namespace kiosk::app
