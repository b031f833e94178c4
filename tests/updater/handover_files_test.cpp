// The files the kiosk and its updater hand each other: run-status and the updater's state, each
// read back as written, and a damaged or foreign one read as "nothing known" rather than trusted.
#include <doctest/doctest.h>

#include "kiosk/updater/handover_files.hpp"

using namespace kiosk::updater;

TEST_CASE("run-status reads back as the kiosk wrote it, and a damaged one is nothing known") {
  const RunStatus written{KioskScreen::Attract, 1'796'731'000, 1'796'730'000, 1'796'731'100};
  const RunStatus read = parseRunStatus(encodeRunStatus(written));
  CHECK(read.screen == KioskScreen::Attract);
  CHECK(read.screenSinceUnix == written.screenSinceUnix);
  CHECK(read.readyUnix == written.readyUnix);
  CHECK(read.heartbeatUnix == written.heartbeatUnix);
  for (const char* damaged : {"", "{", "[]", R"({"screen":"dancing","ready_unix":"soon"})"}) {
    CAPTURE(damaged);
    const RunStatus s = parseRunStatus(damaged);
    CHECK(s.screen == KioskScreen::Unknown);
    CHECK(s.readyUnix == 0);
  }
}

TEST_CASE("the updater's state reads back with its target, and a damaged one reads as none") {
  UpdateState s;
  s.phase = Phase::CheckingHealth;
  wire::UpdateManifest m;
  m.deployment = "zibo-zhangdian";
  m.id = 7;
  m.version = "1.6.0-1";
  m.architecture = "amd64";
  m.sha256 = std::string(64, 'b');
  m.size = 912'344;
  m.notBefore = 1'796'731'200;
  m.notBeforeText = "2026-12-08T20:00:00+08:00";
  m.rings = {{"试点", {}, {"hall-01-k1"}}};
  s.target = m;
  s.previousVersion = "1.5.2-1";
  s.phaseSinceUnix = 1'796'731'260;
  s.why = "";
  s.abandonedVersion = "1.5.9-1";
  const auto read = parseUpdateState(encodeUpdateState(s));
  REQUIRE(read);
  CHECK(read->phase == Phase::CheckingHealth);
  REQUIRE(read->target);
  CHECK(read->target->version == "1.6.0-1");
  CHECK(read->target->sha256 == m.sha256);
  CHECK(read->target->rings.at(0).kiosks.at(0) == "hall-01-k1");
  CHECK(read->previousVersion == "1.5.2-1");
  CHECK(read->phaseSinceUnix == 1'796'731'260);
  CHECK(read->abandonedVersion == "1.5.9-1");
  for (const char* damaged : {"", "{\"phase\":\"flying\"}", R"({"phase":"installing","target":{"format":"x"}})"}) {
    CAPTURE(damaged);
    CHECK_FALSE(parseUpdateState(damaged));
  }
}
