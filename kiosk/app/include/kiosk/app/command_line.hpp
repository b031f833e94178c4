// The kiosk's command line: what it was asked to do, or how to exit when it was asked wrongly
// (usage mistakes exit 2, like a bad config; --help and --version exit 0 after printing).
// A plain function; main calls it once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kiosk::app {

struct KioskOptions {
  std::filesystem::path configFile;  // empty with --demo: the shipped config/kiosk.toml
  std::filesystem::path dataDir;     // --data-dir, overrides the config
  bool demo = false;
  bool journalTargets = false;                    // diagnostics: tap targets and layout problems
  std::optional<std::pair<int, int>> windowSize;  // --windowed WxH; full-screen without
};

inline constexpr int kExitUsage = 2;

// Options, or the exit status to end with (messages already printed to stdout/stderr).
std::variant<KioskOptions, int> parseCommandLine(int argc, const char* const* argv, const std::string& version);

// "1280x800" → {1280, 800}; nullopt unless both sides are 320x240 to 8192x8192.
std::optional<std::pair<int, int>> parseWindowSize(const std::string& text);

}  // namespace kiosk::app
