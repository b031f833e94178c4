// The updater's real path: the real commitment-kiosk .deb this test run built (a CTest fixture
// builds the packages), made into newer versions here, installed, upgraded and rolled back by
// UpdateRunner with the real dpkg into a throwaway root (dpkg --root … --force-script-chrootless)
// that touches no path of this machine. A bad signature, a wrong hash and an older version are
// refused; a package whose kiosk never becomes ready is rolled back by itself; the votes in the
// kiosk's database are there, unchanged, at the end. Needs root (dpkg) and the packages: else it
// says so and exits 77 (skipped: dpkg_test_main.cpp).
#include <doctest/doctest.h>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "dpkg_fleet.hpp"
#include "kiosk/store/vote_store.hpp"
#include "kiosk/updater/handover_files.hpp"

namespace fs = std::filesystem;
using namespace kiosk::updater;

using namespace testing;

TEST_CASE("the real package is installed, upgraded and rolled back in a throwaway root, votes intact") {
  const fs::path base = basePackage();
  REQUIRE_MESSAGE(!base.empty(), "no commitment-kiosk .deb in " << packageDir);
  const std::string hostStatus = fileBytes("/var/lib/dpkg/status");
  Fleet f;
  const std::string baseVersion = readDebInfo(base).version;
  const fs::path good = repackAs(base, baseVersion + "+u1", f.dir.path(), false);
  const fs::path broken = repackAs(base, baseVersion + "+u2", f.dir.path(), true);

  // The kiosk as a hall has it: the package installed by hand, votes in its data folder.
  REQUIRE(installPackage(DpkgRoot{f.root}, base).ok());
  REQUIRE(f.installed() == baseVersion);
  {
    kiosk::store::VoteStore store(f.data / "kiosk.db");
    for (int i = 0; i < 3; ++i) store.record({"c-01", 1, "2026-12-08T09:00+08:00", kiosk::Rating::Good, {}, true});
    store.record({"c-02", 1, "2026-12-08T09:00+08:00", kiosk::Rating::Poor, "态度", true});
  }
  const std::string votesBefore = fileBytes(f.data / "kiosk.db");
  common::writeFileDurably(f.data / kRunStatusFile, encodeRunStatus({KioskScreen::Closed, 0, 0, 0}));

  SUBCASE("a newer package installs at the closed screen; a broken one rolls back by itself") {
    f.offer(good, baseVersion + "+u1", 1);
    f.round();
    CHECK(f.installed() == baseVersion + "+u1");
    CHECK(f.lastReport() == "healthy " + baseVersion + "+u1");
    CHECK(f.runner->state().phase == Phase::Idle);
    // The copy a rollback needs is the installed one's (the hand-installed one was repacked, then pruned).
    CHECK(fs::exists(f.runner->keptPackage(baseVersion + "+u1")));
    CHECK_FALSE(fs::exists(f.runner->keptPackage(baseVersion)));

    f.offer(broken, baseVersion + "+u2", 2);
    f.round();
    CHECK(f.installed() == baseVersion + "+u2");  // installed, not yet healthy
    CHECK(f.runner->state().phase == Phase::CheckingHealth);
    f.clock.advance(std::chrono::seconds(30));
    f.round();
    CHECK(f.runner->state().phase == Phase::CheckingHealth);  // still within its minute
    f.clock.advance(std::chrono::seconds(31));
    f.round();
    CHECK(f.installed() == baseVersion + "+u1");
    CHECK(f.lastReport() == "rolled_back " + baseVersion + "+u2: the kiosk was not ready within 60 s");
    // Never tried again, though still offered.
    f.clock.advance(std::chrono::seconds(600));
    f.round();
    CHECK(f.installed() == baseVersion + "+u1");
    CHECK(f.runner->state().phase == Phase::Idle);
  }

  SUBCASE("a bad signature, a wrong hash and an older version are refused") {
    f.offer(good, baseVersion + "+u1", 1, wire::Ed25519PrivateKey::generate());
    f.round();
    CHECK(f.installed() == baseVersion);
    CHECK(f.lastReport().find("refused ?: ") == 0);
    CHECK(f.lastReport().find("signature") != std::string::npos);

    f.offer(good, baseVersion + "+u1", 2, std::nullopt, std::string(64, 'a'));
    f.round();
    CHECK(f.installed() == baseVersion);
    CHECK(f.lastReport() == "refused " + baseVersion + "+u1: its SHA-256 is not the one the manifest signs");

    const fs::path older = repackAs(base, "0.0.1", f.dir.path(), false);
    f.offer(older, "0.0.1", 3);
    f.round();
    CHECK(f.installed() == baseVersion);
    CHECK(f.runner->state().phase == Phase::Idle);
    CHECK_FALSE(f.runner->state().target);
  }

  SUBCASE("nothing installs while a resident is rating, nor in opening hours on a busy attract screen") {
    common::writeFileDurably(f.data / kRunStatusFile, encodeRunStatus({KioskScreen::Busy, 0, 0, 0}));
    f.offer(good, baseVersion + "+u1", 1);
    f.round();
    CHECK(f.installed() == baseVersion);
    CHECK(f.runner->state().phase == Phase::WaitingQuiet);
    CHECK(f.lastReport() == "waiting " + baseVersion + "+u1");
    const std::int64_t now = f.clock.wallNow().unix_seconds;
    common::writeFileDurably(f.data / kRunStatusFile, encodeRunStatus({KioskScreen::Attract, now - 700, 0, 0}));
    f.round();  // the attract screen untouched for over ten minutes: a quiet moment
    CHECK(f.installed() == baseVersion + "+u1");
  }

  // The package never touched the data folder: the votes are all there, the file unchanged.
  CHECK(fileBytes(f.data / "kiosk.db") == votesBefore);
  CHECK(votesIn(f.data / "kiosk.db") == 4);
  const std::string list = common::readTextFile(f.root / "var/lib/dpkg/info/commitment-kiosk.list");
  CHECK(list.find("/var/lib/commitment-kiosk") == std::string::npos);
  // And this machine's dpkg database is as it was.
  CHECK(fileBytes("/var/lib/dpkg/status") == hostStatus);
}
