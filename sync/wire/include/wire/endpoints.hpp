// The hub's HTTP paths, named once for the kiosk's sync client, kioskctl and the hub's route
// table, so the three cannot drift apart. Constants, and the one path built from a value.
#pragma once

#include <string>
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
// Software updates: POST publishes a signed update manifest, with its package as multipart or
// alone (admin); GET .../current gives a kiosk the manifest it is due, or 404; .../package: POST
// the .deb for the published manifest (admin); .../package/{sha256}: GET it (kiosk, Range).
inline constexpr std::string_view kUpdates = "/api/v1/updates";
inline constexpr std::string_view kCurrentUpdate = "/api/v1/updates/current";
inline constexpr std::string_view kUpdatePackage = "/api/v1/updates/package";
inline constexpr std::string_view kUpdatePackageFile = "/api/v1/updates/package/{sha256}";
// POST (admin): {"id", "action": "pause" | "resume" | "advance", "ring"?} — the console's 软件更新 page.
inline constexpr std::string_view kUpdateRollout = "/api/v1/updates/rollout";
inline std::string updatePackagePath(std::string_view sha256) {
  return std::string(kUpdatePackage) + "/" + std::string(sha256);
}
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
// 评议会 (issue 28): GET the panels held in a period with their results (staff, admin); a kiosk's
// panel mode GETs the ballot a typed code opens and POSTs it (wire/panel_ballot.hpp).
inline constexpr std::string_view kPanels = "/api/v1/panels";
inline constexpr std::string_view kPanelBallots = "/api/v1/panel-ballots/{code}";
inline std::string panelBallotPath(std::string_view code) {
  std::string path(kPanelBallots);
  return path.replace(path.find("{code}"), 6, std::string(code));
}

// The residents' pages (no login; brief, "Phone votes and the public page"): the vote page a
// kiosk's QR opens (GET) and its form (POST), and the public results of a hall and a commitment.
inline constexpr std::string_view kPhoneRoot = "/v/";
inline constexpr std::string_view kPhoneVotePage = "/v/{code}";
inline constexpr std::string_view kPhoneVote = "/v/{code}/vote";
// 征求意见: a suggestion left from a phone the same code admitted, while the hall's period is open.
inline constexpr std::string_view kPhoneSuggest = "/v/{code}/suggest";
inline constexpr std::string_view kPublicRoot = "/public/";
inline constexpr std::string_view kPublicHall = "/public/{hall}";
inline constexpr std::string_view kPublicCommitment = "/public/{hall}/{commitment}";
// The address a kiosk's QR encodes: its hub's public address for phones and the code.
// A 评议会 panelist's ballot, opened by the one-time code on their slip.
inline constexpr std::string_view kPanelBallot = "/v/panel/{code}";
inline std::string panelBallotUrl(std::string_view publicUrl, std::string_view code) {
  std::string base(publicUrl);
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string path(kPanelBallot);
  return base + path.replace(path.find("{code}"), 6, std::string(code));
}

inline std::string phoneVoteUrl(std::string_view publicUrl, std::string_view code) {
  std::string base(publicUrl);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(kPhoneRoot) + std::string(code);
}

}  // namespace wire::endpoint
