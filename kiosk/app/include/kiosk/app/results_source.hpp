// Where the 你评我改 results the kiosk shows come from: the hub, through the sync thread, kept in the
// data folder so a restart (or a hub that is down in the morning) still shows the last ones.
// Plain functions; any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "wire/results_board.hpp"

namespace kiosk::app {

inline constexpr const char* kPersistedResultsFile = "results.json";

// Writes the board to <dataDir>/results.json atomically (temp file, fsync, rename).
void persistResults(const std::filesystem::path& dataDir, const wire::ResultsBoard& board);

// The saved board if it is for `hall`, cut to `minimum` votes; an empty board when there is none.
// A damaged or foreign file is reported through `problem` and ignored.
wire::ResultsBoard loadPersistedResults(const std::filesystem::path& dataDir, const std::string& hall,
                                        std::int64_t minimum, std::string& problem);

}  // namespace kiosk::app
