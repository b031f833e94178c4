// Kiosks' screenshots (截屏) as the hub keeps them: the PNG a kiosk posted in answer to a 截屏
// command, checked by wire::parseScreenshotUpload, stored in base64 (one TEXT column in SQLite and
// PostgreSQL alike), the last kKeptPerKiosk per kiosk. Free functions over the caller's connection;
// writes on the writer lane.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "wire/kiosk_screenshot.hpp"

namespace hub::screenshot_store {

inline constexpr std::size_t kKeptPerKiosk = 3;

struct ShotInfo {  // everything but the image
  std::int64_t id = 0;
  std::string kioskId;
  std::string commandId;
  std::string screen;  // attract, list, closed
  int width = 0, height = 0;
  std::int64_t takenUnix = 0;  // when the hub received it (a kiosk's clock may be wrong)
};

// Stores the screenshot and drops the kiosk's older ones past kKeptPerKiosk. False when this
// command's screenshot is stored already (nothing changes).
bool add(common::sql::Database& db, const std::string& kioskId, const wire::ScreenshotUpload& shot,
         std::int64_t nowUnix);
// Each kiosk's newest first, at most kKeptPerKiosk each.
std::vector<ShotInfo> recent(common::sql::Database& db);
// One kiosk's screenshot's PNG bytes, or nothing (another kiosk's id finds nothing).
std::optional<std::string> png(common::sql::Database& db, const std::string& kioskId, std::int64_t id);

}  // namespace hub::screenshot_store
