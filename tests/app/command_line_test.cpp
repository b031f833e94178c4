// The kiosk's command line: what it asks for, and exit 2 with a named problem for every mistake.
#include <doctest/doctest.h>

#include <variant>
#include <vector>

#include "kiosk/app/command_line.hpp"

using kiosk::app::KioskOptions;

namespace {
std::variant<KioskOptions, int> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kiosk");
  return kiosk::app::parseCommandLine(static_cast<int>(args.size()), args.data(), "9.9.9");
}
}  // namespace

TEST_CASE("the demo in a window, with diagnostics") {
  const auto r = parse({"--demo", "--windowed", "1280x800", "--journal-targets", "--data-dir", "/tmp/k"});
  REQUIRE(std::holds_alternative<KioskOptions>(r));
  const auto& o = std::get<KioskOptions>(r);
  CHECK(o.demo);
  CHECK(o.journalTargets);
  CHECK(o.configFile.empty());
  CHECK(o.dataDir == "/tmp/k");
  REQUIRE(o.windowSize);
  CHECK(o.windowSize->first == 1280);
  CHECK(o.windowSize->second == 800);
}

TEST_CASE("usage mistakes exit 2, help exits 0") {
  CHECK(std::get<int>(parse({})) == 2);                                   // neither --config nor --demo
  CHECK(std::get<int>(parse({"--demo", "--windowed", "big"})) == 2);      // not WxH
  CHECK(std::get<int>(parse({"--demo", "--bogus"})) == 2);                // unknown option
  CHECK(std::get<int>(parse({"--config", "/no/such/kiosk.toml"})) == 2);  // missing file
  CHECK(std::get<int>(parse({"--help"})) == 0);
}

TEST_CASE("window sizes: WxH within 320x240 to 8192x8192, nothing trailing") {
  CHECK(kiosk::app::parseWindowSize("1080x1920") == std::pair{1080, 1920});
  for (const char* bad : {"", "1280", "1280x", "x800", "1280*800", "100x100", "9000x800", "1280x800x2", "1280x800 "})
    CHECK_MESSAGE(!kiosk::app::parseWindowSize(bad), bad);
}
