#include "kiosk/app/maintenance_marker.hpp"

#include "common/durable_file.hpp"
#include "common/iso_time.hpp"

namespace kiosk::app {

void clearMaintenanceMarker(const std::filesystem::path& dataDir) noexcept {
  std::error_code ec;
  std::filesystem::remove(dataDir / kMaintenanceMarker, ec);
}

void leaveMaintenanceMarker(const std::filesystem::path& dataDir, WallTime now) {
  common::writeFileDurably(dataDir / kMaintenanceMarker, "left for maintenance at " + common::isoTimestamp(now) + "\n");
}

}  // namespace kiosk::app
