// The updater's real path: the real commitment-kiosk .deb this test run built (a CTest fixture
// builds the packages), made into newer versions here, installed, upgraded and rolled back by
// UpdateRunner with the real dpkg into a throwaway root (dpkg --root … --force-script-chrootless)
// that touches no path of this machine. A bad signature, a wrong hash and an older version are
// refused; a package whose kiosk never becomes ready is rolled back by itself; the votes in the
// kiosk's database are there, unchanged, at the end. Needs root (dpkg) and the packages: else it
// says so and exits 77 (skipped).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "common/clock.hpp"
#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "kiosk/store/vote_store.hpp"
#include "kiosk/updater/handover_files.hpp"
#include "kiosk/updater/update_runner.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"

namespace fs = std::filesystem;
using namespace kiosk::updater;

namespace {

fs::path packageDir;

fs::path basePackage() {
  for (const auto& e : fs::directory_iterator(packageDir))
    if (e.path().filename().string().rfind("commitment-kiosk_", 0) == 0 && e.path().extension() == ".deb")
      return e.path();
  return {};
}

std::string run(const std::vector<std::string>& argv) {
  const auto r = runProcess(argv, std::chrono::seconds(300));
  INFO(argv[0] << ": " << r.output);
  REQUIRE(r.ok());
  return r.output;
}

// The real package as another version; `broken`: its kiosk exits at once, never READY.
fs::path repackAs(const fs::path& base, const std::string& version, const fs::path& dir, bool broken) {
  const fs::path tree = dir / ("tree-" + version);
  run({"dpkg-deb", "-R", base.string(), tree.string()});
  const fs::path control = tree / "DEBIAN/control";
  std::string text = common::readTextFile(control);
  const auto at = text.find("\nVersion: ") + 1;
  REQUIRE(at > 0);
  text.replace(at, text.find('\n', at) - at, "Version: " + version);
  std::ofstream(control, std::ios::trunc) << text;
  if (broken) {
    std::ofstream(tree / "usr/bin/kiosk", std::ios::trunc) << "#!/bin/sh\necho 'kiosk: broken build' >&2\nexit 1\n";
    fs::permissions(tree / "usr/bin/kiosk", fs::perms(0755));
  }
  const fs::path out = dir / ("commitment-kiosk_" + version + "_amd64.deb");
  run({"dpkg-deb", "--root-owner-group", "--build", tree.string(), out.string()});
  fs::remove_all(tree);
  return out;
}

std::string fileBytes(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Fleet {
  testing::TempDir dir;
  fs::path root = dir / "root", data = dir / "root/var/lib/commitment-kiosk", stick = dir / "stick";
  wire::Ed25519PrivateKey admin = wire::Ed25519PrivateKey::generate();
  common::ManualClock clock{{1'796'731'200, 8 * 3600}};  // 2026-12-08T20:00+08:00
  std::optional<UpdateRunner> runner;

  Fleet() {
    for (const char* d : {"var/lib/dpkg/info", "var/lib/dpkg/updates"}) fs::create_directories(root / d);
    std::ofstream(root / "var/lib/dpkg/status");
    std::ofstream(root / "var/lib/dpkg/available");
    fs::create_directories(stick / kBundleFolder);
    UpdaterSetup s;
    s.stateDir = dir / "updater";
    s.kioskDataDir = data;
    s.dpkg.root = root;
    s.deployment = "zibo-zhangdian";
    s.kioskId = "hall-01-k1";
    s.hall = "hall-01";
    s.trusted.emplace("admin", admin.publicKey());
    // The restart, as systemd would do it: the installed kiosk starts; one that runs says READY
    // and gets its heartbeat taken (written to run-status as the kiosk does: at 20:00 the hall is
    // closed, so it shows the closed screen); a broken one does not.
    s.restartKiosk = [this] {
      auto r = runProcess({(root / "usr/bin/kiosk").string(), "--version"}, std::chrono::seconds(30));
      const std::int64_t now = clock.wallNow().unix_seconds;
      if (r.ok())
        common::writeFileDurably(data / kRunStatusFile, encodeRunStatus({KioskScreen::Closed, now, now, now}));
      return r;
    };
    runner.emplace(s, clock);
  }

  // A bundle on the stick: the package and its manifest signed by `key`.
  void offer(const fs::path& deb, const std::string& version, std::int64_t id,
             const std::optional<wire::Ed25519PrivateKey>& key = std::nullopt, std::string sha = "") {
    wire::UpdateManifest m;
    m.deployment = "zibo-zhangdian";
    m.id = id;
    m.version = version;
    m.architecture = "amd64";
    const std::string bytes = fileBytes(deb);
    m.sha256 = sha.empty() ? wire::sha256Hex(bytes) : sha;
    m.size = static_cast<std::int64_t>(bytes.size());
    m.notBefore = clock.wallNow().unix_seconds - 3600;
    m.notBeforeText = "2026-12-08T19:00:00+08:00";
    m.rings = {{"全区", {"*"}, {}}};
    for (const auto& e : fs::directory_iterator(stick / kBundleFolder)) fs::remove(e.path());
    fs::copy_file(deb, stick / kBundleFolder / m.fileName());
    common::writeFileDurably(stick / kBundleFolder / kBundleManifest,
                             wire::signUpdateManifest(wire::encodeUpdateManifest(m), "admin", key.value_or(admin)));
  }

  std::vector<std::string> round() {
    BundleOffers source(stick);
    auto lines = runner->round(source);
    for (const auto& l : lines) MESSAGE(l);
    return lines;
  }
  std::string installed() const { return installedVersion(DpkgRoot{root}); }
  std::string lastReport() const { return common::readFirstLine(data / kUpdateReportFile); }
};

std::int64_t votesIn(const fs::path& db) {
  kiosk::store::VoteStore store(db);
  std::int64_t n = 0;
  for (const auto& row : store.localTally()) n += row.n;
  return n;
}

}  // namespace

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
    CHECK(f.lastReport() == "installed " + baseVersion + "+u1");
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
    CHECK(f.lastReport() == "rolled back: the kiosk was not ready within 60 s");
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
    CHECK(f.lastReport().find("refused: ") == 0);
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
    CHECK(f.lastReport() == "waiting to install " + baseVersion + "+u1");
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

int main(int argc, char** argv) {
  if (::geteuid() != 0) {
    std::cout << "SKIP: dpkg --root needs root\n";
    return 77;
  }
  const char* dir = std::getenv("KIOSK_PACKAGE_DIR");
  if (!dir) {
    std::cout << "SKIP: KIOSK_PACKAGE_DIR (the built packages) is not set\n";
    return 77;
  }
  packageDir = dir;
  doctest::Context context(argc, argv);
  return context.run();
}
