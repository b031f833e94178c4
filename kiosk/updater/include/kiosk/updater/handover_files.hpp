// What the kiosk and its updater tell each other through the kiosk's data folder — the kiosk runs
// as its own user and the updater as root, so neither opens a port or a socket for the other:
//   <data_dir>/run-status     written by the kiosk: its screen and since when, when this run said
//                             READY, when the hub last accepted its heartbeat (JSON, one object);
//   <data_dir>/update-report  written by the updater: its last word (wire/update_report.hpp,
//                             {"version","state","reason"?}), which the kiosk sends in its
//                             heartbeat's `update`; removed when it has nothing to say.
// Pure text ↔ value functions (the files' I/O is each writer's); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/updater/update_decision.hpp"

namespace kiosk::updater {

inline constexpr const char* kRunStatusFile = "run-status";
inline constexpr const char* kUpdateReportFile = "update-report";

struct RunStatus {
  KioskScreen screen = KioskScreen::Unknown;
  std::int64_t screenSinceUnix = 0;  // when it came to this screen (the attract screen's idle time)
  std::int64_t readyUnix = 0;        // when this run of the kiosk said READY
  std::int64_t heartbeatUnix = 0;    // when the hub last accepted its heartbeat
};

std::string encodeRunStatus(const RunStatus& status);
// A missing, damaged or foreign file reads as nothing known (the updater then waits for after hours).
RunStatus parseRunStatus(std::string_view text);

// The updater's state file (state.json in its own folder): the phase, the target manifest and the
// rest of UpdateState. A damaged one reads as nothing: Idle, which a crash loop cannot turn into
// an install.
std::string encodeUpdateState(const UpdateState& state);
std::optional<UpdateState> parseUpdateState(std::string_view text);

}  // namespace kiosk::updater
