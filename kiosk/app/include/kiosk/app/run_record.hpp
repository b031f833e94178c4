// How often the kiosk has started and how many of those runs ended without a clean exit (a crash,
// a power cut, a kill): kept in <data_dir>/runs as "starts=N unclean=M", with <data_dir>/running
// present while a run lasts. Reported in the heartbeat, so 终端状态 shows a kiosk that keeps
// restarting. Plain functions; the UI thread, once at start and once at a clean exit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace kiosk::app {

inline constexpr const char* kRunsFile = "runs";
inline constexpr const char* kRunningMarker = "running";

struct RunRecord {
  std::int64_t starts = 0;   // this one included
  std::int64_t unclean = 0;  // earlier runs that left the running marker behind
};

// The record's text → its numbers; a missing, damaged or negative one reads as 0 (the record is a
// diagnostic: it must never keep the kiosk from starting).
RunRecord parseRunRecord(std::string_view text);

// This start: counts it (and the last run as unclean when its marker is still there), writes the
// record durably and leaves the marker. Throws std::runtime_error naming the file it cannot write.
RunRecord noteStart(const std::filesystem::path& dataDir);
// A clean exit: the marker goes. Never throws.
void noteCleanExit(const std::filesystem::path& dataDir) noexcept;

}  // namespace kiosk::app
