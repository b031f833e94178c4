// "Exit for maintenance" leaves <data_dir>/maintenance behind; the systemd unit will not start the
// kiosk while it exists (cage 0.1.4 does not pass exit statuses on, so RestartPreventExitStatus=3
// alone would not hold it). The next start removes it. Plain functions; UI thread.
#pragma once

#include <filesystem>

#include "kiosk/core/clock.hpp"

namespace kiosk::app {

inline constexpr const char* kMaintenanceMarker = "maintenance";

// Started again: maintenance is over.
void clearMaintenanceMarker(const std::filesystem::path& dataDir) noexcept;
// Throws std::runtime_error naming the file if it cannot be written.
void leaveMaintenanceMarker(const std::filesystem::path& dataDir, WallTime now);

}  // namespace kiosk::app
