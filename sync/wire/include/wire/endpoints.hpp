// The hub's HTTP paths, named once for the kiosk's sync client, kioskctl and the hub's route
// table, so the three cannot drift apart. Constants only.
#pragma once

#include <string_view>

namespace wire::endpoint {

inline constexpr std::string_view kHealth = "/healthz";  // liveness: the process answers (no database)
inline constexpr std::string_view kReady = "/readyz";    // readiness: and its database answers too
inline constexpr std::string_view kApiRoot = "/api/";    // every API path is under it
inline constexpr std::string_view kBatches = "/api/v1/batches";
inline constexpr std::string_view kCurrentList = "/api/v1/lists/current";
inline constexpr std::string_view kLists = "/api/v1/lists";
// Signed kiosk settings: POST publishes (admin); GET .../current gives a kiosk its hall's and its own.
inline constexpr std::string_view kSettings = "/api/v1/settings";
inline constexpr std::string_view kCurrentSettings = "/api/v1/settings/current";
inline constexpr std::string_view kHeartbeat = "/api/v1/heartbeat";
// Software updates: POST publishes a signed update manifest (admin); GET .../current tells a kiosk
// the newest and whether its ring is due; .../package: POST the .deb (admin), GET it (kiosk, Range).
inline constexpr std::string_view kUpdates = "/api/v1/updates";
inline constexpr std::string_view kCurrentUpdate = "/api/v1/updates/current";
inline constexpr std::string_view kUpdatePackage = "/api/v1/updates/package";
inline constexpr std::string_view kKiosks = "/api/v1/kiosks";  // GET: the fleet; POST: enrol (admin)
inline constexpr std::string_view kKioskMove = "/api/v1/kiosks/move";
inline constexpr std::string_view kKioskRevoke = "/api/v1/kiosks/revoke";
inline constexpr std::string_view kKioskCommand = "/api/v1/kiosks/command";  // 立即同步 / 重启程序 / 截屏 (admin)
// A kiosk posts the screenshot a 截屏 command asked for (kiosk_screenshot.hpp).
inline constexpr std::string_view kKioskScreenshot = "/api/v1/kiosks/screenshot";
inline constexpr std::string_view kKioskKey = "/api/v1/kiosk-key";  // a kiosk registers its signing key
inline constexpr std::string_view kTallies = "/api/v1/tallies";
inline constexpr std::string_view kRectifications = "/api/v1/rectifications";
inline constexpr std::string_view kResults = "/api/v1/results";  // 你评我改: results back to the kiosk
inline constexpr std::string_view kMetrics = "/metrics";         // Prometheus (a metrics or admin token)

}  // namespace wire::endpoint
