// kiosk::updater::decide, table by table: what is offered, what is downloaded, when it installs,
// how health after the restart decides between keeping it and rolling back.
#include <doctest/doctest.h>

#include "kiosk/updater/update_decision.hpp"

using namespace kiosk::updater;

namespace {

constexpr std::int64_t kNow = 1'796'731'200;  // 2026-12-08T20:00+08:00

wire::UpdateManifest manifest(const std::string& version = "1.6.0-1", std::int64_t id = 3) {
  wire::UpdateManifest m;
  m.deployment = "zibo-zhangdian";
  m.id = id;
  m.version = version;
  m.architecture = "amd64";
  m.sha256 = std::string(64, 'a');
  m.size = 1000;
  m.notBefore = kNow - 60;
  m.rings = {{"试点", {}, {"hall-01-k1"}}, {"全区", {"*"}, {}}};
  return m;
}

UpdateFacts facts() {
  UpdateFacts f;
  f.nowUnix = kNow;
  f.installedVersion = "1.5.2-1";
  f.offer = manifest();
  f.ringDue = true;
  f.kioskId = "hall-01-k1";
  f.hall = "hall-01";
  f.screen = KioskScreen::Closed;
  return f;
}

UpdateState in(Phase phase, std::int64_t since = kNow) {
  UpdateState s;
  s.phase = phase;
  s.target = manifest();
  s.previousVersion = "1.5.2-1";
  s.phaseSinceUnix = since;
  return s;
}

}  // namespace

TEST_CASE("an offer is taken only when it is newer, due for this kiosk, past its time and not given up on") {
  struct Row {
    const char* what;
    void (*change)(UpdateFacts&, UpdateState&);
    bool taken;
  };
  const Row rows[] = {
      {"newer, due, in time", [](UpdateFacts&, UpdateState&) {}, true},
      {"nothing offered", [](UpdateFacts& f, UpdateState&) { f.offer.reset(); }, false},
      {"the same version", [](UpdateFacts& f, UpdateState&) { f.installedVersion = "1.6.0-1"; }, false},
      {"an older version", [](UpdateFacts& f, UpdateState&) { f.installedVersion = "1:0.9"; }, false},
      {"newer only by dpkg's order", [](UpdateFacts& f, UpdateState&) { f.installedVersion = "1.6.0~rc2-1"; }, true},
      {"the ring has not started", [](UpdateFacts& f, UpdateState&) { f.ringDue = false; }, false},
      {"no ring names this kiosk",
       [](UpdateFacts& f, UpdateState&) {
         f.offer->rings = {{"试点", {}, {"hall-02-k1"}}};
       },
       false},
      {"before not_before", [](UpdateFacts& f, UpdateState&) { f.offer->notBefore = kNow + 1; }, false},
      {"rolled back here before", [](UpdateFacts&, UpdateState& s) { s.abandonedVersion = "1.6.0-1"; }, false},
      {"a first install (nothing installed)", [](UpdateFacts& f, UpdateState&) { f.installedVersion.clear(); }, true},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    UpdateFacts f = facts();
    UpdateState s;
    row.change(f, s);
    const Step step = decide(s, f, {});
    CHECK((step.action == Action::Download) == row.taken);
    CHECK((step.next.phase == Phase::Downloading) == row.taken);
    if (row.taken) CHECK(step.next.previousVersion == f.installedVersion);
  }
}

TEST_CASE("the download resumes, and a file of the wrong size or hash is discarded and never tried again") {
  UpdateFacts f = facts();
  f.downloadedBytes = 400;
  Step step = decide(in(Phase::Downloading), f, {});
  CHECK(step.action == Action::Download);  // from byte 400 on
  CHECK(step.next.phase == Phase::Downloading);
  f.downloadedBytes = 1000;
  CHECK(decide(in(Phase::Downloading), f, {}).action == Action::None);  // being hashed
  f.downloadedSha256 = std::string(64, 'a');
  step = decide(in(Phase::Downloading), f, {});
  CHECK(step.next.phase == Phase::WaitingQuiet);
  f.downloadedSha256 = std::string(64, 'b');
  step = decide(in(Phase::Downloading), f, {});
  CHECK(step.action == Action::Discard);
  CHECK(step.next.phase == Phase::Idle);
  CHECK(step.next.abandonedVersion == "1.6.0-1");
  CHECK(step.report == "refused 1.6.0-1: its SHA-256 is not the one the manifest signs");
  REQUIRE(step.ended);  // what the hub is told
  CHECK(step.ended->state == wire::UpdateState::Refused);
  CHECK(step.ended->version == "1.6.0-1");
  CHECK(step.ended->reason == "its SHA-256 is not the one the manifest signs");
  CHECK(decide(step.next, facts(), {}).action == Action::None);  // the same offer again: left alone
  f.downloadedBytes = 1001;
  step = decide(in(Phase::Downloading), f, {});
  CHECK(step.action == Action::Discard);
  CHECK(step.report.find("larger than the manifest's 1000 bytes") != std::string::npos);
}

TEST_CASE("a withdrawn or replaced offer stops the update before dpkg runs, and may be offered again") {
  for (const Phase phase : {Phase::Downloading, Phase::WaitingQuiet}) {
    UpdateFacts f = facts();
    f.offer.reset();  // the rollout was paused
    Step step = decide(in(phase), f, {});
    CHECK(step.action == Action::Discard);
    CHECK(step.next.phase == Phase::Idle);
    CHECK(step.next.abandonedVersion.empty());
    CHECK(step.report == "withdrawn 1.6.0-1");
    CHECK_FALSE(step.ended);                 // nothing ended: the kiosk is pending again
    CHECK_FALSE(progressReport(step.next));  // and says nothing
    f.offer = manifest("1.6.1-1", 4);        // replaced by a newer manifest
    CHECK(decide(in(phase), f, {}).action == Action::Discard);
  }
}

TEST_CASE("it installs only at a quiet moment") {
  struct Row {
    const char* what;
    KioskScreen screen;
    std::int64_t idle;
    bool openNow, onlyWhenClosed, installs;
  };
  const Row rows[] = {
      {"the closed screen", KioskScreen::Closed, 0, false, false, true},
      {"the attract screen, idle long enough", KioskScreen::Attract, 600, true, false, true},
      {"the attract screen, touched recently", KioskScreen::Attract, 599, true, false, false},
      {"a resident rating or staff working", KioskScreen::Busy, 0, true, false, false},
      {"only_when_closed, in opening hours", KioskScreen::Attract, 3600, true, true, false},
      {"only_when_closed, after hours", KioskScreen::Closed, 0, false, true, true},
      {"the kiosk not running, after hours", KioskScreen::Unknown, 0, false, false, true},
      {"the kiosk not running, in opening hours", KioskScreen::Unknown, 0, true, false, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    UpdateFacts f = facts();
    f.screen = row.screen;
    f.attractIdleSeconds = row.idle;
    f.inOpeningHours = row.openNow;
    UpdatePolicy policy;
    policy.onlyWhenClosed = row.onlyWhenClosed;
    const Step step = decide(in(Phase::WaitingQuiet), f, policy);
    CHECK((step.action == Action::Install) == row.installs);
    CHECK((step.next.phase == Phase::Installing) == row.installs);
  }
}

TEST_CASE("after dpkg the kiosk restarts and must be ready in 60 s and heard from in 5 min, else it rolls back") {
  UpdateFacts f = facts();
  f.dpkgSucceeded = true;
  Step step = decide(in(Phase::Installing), f, {});
  CHECK(step.action == Action::Restart);
  CHECK(step.next.phase == Phase::CheckingHealth);
  f.dpkgSucceeded.reset();
  struct Row {
    const char* what;
    std::int64_t after;
    bool ready, heartbeat;
    Phase phase;
    const char* report;
  };
  const Row rows[] = {
      {"ready and heard from: kept", 90, true, true, Phase::Idle, "installed 1.6.0-1"},
      {"still starting", 30, false, false, Phase::CheckingHealth, ""},
      {"never ready", 61, false, false, Phase::RollingBack, ""},
      {"ready, waiting for a heartbeat", 200, true, false, Phase::CheckingHealth, ""},
      {"ready, never heard from", 301, true, false, Phase::RollingBack, ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    UpdateFacts later = f;
    later.nowUnix = kNow + row.after;
    later.readySeen = row.ready;
    later.heartbeatAccepted = row.heartbeat;
    step = decide(in(Phase::CheckingHealth), later, {});
    CHECK(step.next.phase == row.phase);
    CHECK(step.report == row.report);
    CHECK(bool(step.ended) == (row.phase == Phase::Idle));
    if (step.ended) CHECK(step.ended->state == wire::UpdateState::Healthy);
    if (row.phase == Phase::RollingBack) CHECK(step.action == Action::Reinstall);
  }
  // The rollback: the previous package back, the kiosk restarted, why reported, never tried again.
  UpdateFacts late = f;
  late.nowUnix = kNow + 61;
  step = decide(in(Phase::CheckingHealth), late, {});
  REQUIRE(step.next.phase == Phase::RollingBack);
  late.dpkgSucceeded = true;
  step = decide(step.next, late, {});
  CHECK(step.action == Action::Restart);
  CHECK(step.next.phase == Phase::Idle);
  CHECK(step.report == "rolled back: the kiosk was not ready within 60 s");
  REQUIRE(step.ended);
  CHECK(step.ended->state == wire::UpdateState::RolledBack);
  CHECK(step.ended->reason == "the kiosk was not ready within 60 s");
  CHECK(step.next.abandonedVersion == "1.6.0-1");
  CHECK(decide(step.next, facts(), {}).action == Action::None);
}

TEST_CASE("a failed dpkg rolls back at once, and a failed rollback says so") {
  UpdateFacts f = facts();
  f.dpkgSucceeded = false;
  Step step = decide(in(Phase::Installing), f, {});
  CHECK(step.action == Action::Reinstall);
  REQUIRE(step.next.phase == Phase::RollingBack);
  step = decide(step.next, f, {});  // dpkg fails again, on the previous package
  CHECK(step.action == Action::Restart);
  CHECK(step.report == "rollback failed: dpkg could not install it; dpkg could not reinstall 1.5.2-1");
  UpdateFacts waiting = facts();  // dpkg still running: nothing to do
  CHECK(decide(in(Phase::Installing), waiting, {}).action == Action::None);
  CHECK(decide(in(Phase::RollingBack), waiting, {}).action == Action::None);
}

TEST_CASE("a state file without its target (damaged, or from an older updater) goes back to idle") {
  UpdateState broken;
  broken.phase = Phase::Installing;
  const Step step = decide(broken, facts(), {});
  CHECK(step.next.phase == Phase::Idle);
  CHECK(step.action == Action::None);
}

TEST_CASE("while an update is under way the hub hears downloading, waiting or installed, and nothing when idle") {
  const struct {
    Phase phase;
    std::optional<wire::UpdateState> said;
  } rows[] = {{Phase::Idle, std::nullopt},
              {Phase::Downloading, wire::UpdateState::Downloading},
              {Phase::WaitingQuiet, wire::UpdateState::Waiting},
              {Phase::Installing, wire::UpdateState::Waiting},
              {Phase::CheckingHealth, wire::UpdateState::Installed},
              {Phase::RollingBack, wire::UpdateState::Installed}};
  for (const auto& row : rows) {
    CAPTURE(static_cast<int>(row.phase));
    const auto report = progressReport(in(row.phase));
    REQUIRE(bool(report) == bool(row.said));
    if (report) {
      CHECK(report->state == *row.said);
      CHECK(report->version == "1.6.0-1");
    }
  }
}
