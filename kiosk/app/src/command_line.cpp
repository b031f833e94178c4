#include "kiosk/app/command_line.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace kiosk::app {

std::optional<std::pair<int, int>> parseWindowSize(const std::string& text) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 320 || h < 240 || w > 8192 ||
      h > 8192)
    return std::nullopt;
  return std::pair{w, h};
}

std::variant<KioskOptions, int> parseCommandLine(int argc, const char* const* argv, const std::string& version) {
  CLI::App cli{"Commitment-rating kiosk: residents rate public commitments good / fair / poor."};
  KioskOptions o;
  std::string configFile, dataDir, windowed;
  cli.add_option("--config", configFile, "kiosk.toml to use")->check(CLI::ExistingFile);
  cli.add_flag("--demo", o.demo, "run with the demo list and config shipped in config/");
  cli.add_option("--data-dir", dataDir, "where the vote database lives (overrides the config)");
  cli.add_option("--windowed", windowed, "run in a window of WxH pixels instead of full-screen");
  cli.add_flag("--journal-targets", o.journalTargets,
               "diagnostics: after each screen change or tap, print the tap targets' rectangles and any "
               "text that leaves its card to stdout");
  cli.set_version_flag("--version", "kiosk " + version);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kExitUsage;  // --help and --version end here with 0
  }
  if (configFile.empty() && !o.demo) {
    std::cerr << "kiosk: give --config FILE, or --demo to try the shipped demo\n";
    return kExitUsage;
  }
  if (!windowed.empty() && !(o.windowSize = parseWindowSize(windowed))) {
    std::cerr << "kiosk: --windowed must look like 1280x800, found \"" << windowed << "\"\n";
    return kExitUsage;
  }
  o.configFile = configFile;
  o.dataDir = dataDir;
  return o;
}

}  // namespace kiosk::app
