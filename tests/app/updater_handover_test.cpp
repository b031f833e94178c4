// The kiosk's side of the updater handover: run-status follows the screen (attract, closed, busy),
// READY and accepted heartbeats, and reads back as the updater reads it; the updater's report comes
// into the heartbeat cut to size, and a missing one is nothing.
#include <doctest/doctest.h>

#include <fstream>

#include "common/text_file.hpp"
#include "kiosk/app/updater_handover.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using kiosk::updater::KioskScreen;

TEST_CASE("run-status follows the screen, READY and the hub's heartbeats") {
  testing::TempDir dir;
  app::RunStatusWriter writer(dir.path());
  const auto read = [&] { return updater::parseRunStatus(common::readTextFile(dir / updater::kRunStatusFile)); };
  writer.screen(Screen::Attract, 1000);
  CHECK(read().screen == KioskScreen::Attract);
  CHECK(read().screenSinceUnix == 1000);
  writer.screen(Screen::Attract, 1200);  // no change of screen: the idle time still counts from 1000
  CHECK(read().screenSinceUnix == 1000);
  writer.ready(1001);
  writer.heartbeatAccepted(1060);
  writer.screen(Screen::Detail, 1100);  // a resident rating
  CHECK(read().screen == KioskScreen::Busy);
  CHECK(read().readyUnix == 1001);
  CHECK(read().heartbeatUnix == 1060);
  writer.screen(Screen::StaffPin, 1150);
  CHECK(read().screen == KioskScreen::Busy);
  writer.screen(Screen::Closed, 1300);
  CHECK(read().screen == KioskScreen::Closed);
  CHECK(app::updaterScreen(Screen::OutOfService) == KioskScreen::Closed);
  CHECK(app::updaterScreen(Screen::Thanks) == KioskScreen::Busy);
}

TEST_CASE("the updater's report reaches the heartbeat as it wrote it, and none or a damaged one is nothing") {
  testing::TempDir dir;
  CHECK_FALSE(app::readUpdateReport(dir.path()));
  const wire::UpdateReport written{"1.6.0-1", wire::UpdateState::RolledBack, "the kiosk was not ready within 60 s"};
  std::ofstream(dir / updater::kUpdateReportFile) << wire::encodeUpdateReport(written);
  const auto report = app::readUpdateReport(dir.path());
  REQUIRE(report);
  CHECK(report->version == "1.6.0-1");
  CHECK(report->state == wire::UpdateState::RolledBack);
  CHECK(report->reason == written.reason);
  std::ofstream(dir / updater::kUpdateReportFile) << "rolled back: an older updater's line\n";
  CHECK_FALSE(app::readUpdateReport(dir.path()));
}
