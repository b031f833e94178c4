#include "dpkg_fleet.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "kiosk/store/vote_store.hpp"
#include "kiosk/updater/handover_files.hpp"

namespace testing {

namespace fs = std::filesystem;
using namespace kiosk::updater;

fs::path packageDir;

fs::path basePackage() {
  for (const auto& e : fs::directory_iterator(packageDir))
    if (e.path().filename().string().rfind("commitment-kiosk_", 0) == 0 && e.path().extension() == ".deb")
      return e.path();
  return {};
}

std::string runOk(const std::vector<std::string>& argv) {
  const auto r = runProcess(argv, std::chrono::seconds(300));
  INFO(argv[0] << ": " << r.output);
  REQUIRE(r.ok());
  return r.output;
}

fs::path repackAs(const fs::path& base, const std::string& version, const fs::path& dir, bool broken) {
  const fs::path tree = dir / ("tree-" + version);
  runOk({"dpkg-deb", "-R", base.string(), tree.string()});
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
  runOk({"dpkg-deb", "--root-owner-group", "--build", tree.string(), out.string()});
  fs::remove_all(tree);
  return out;
}

std::string fileBytes(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::int64_t votesIn(const fs::path& db) {
  kiosk::store::VoteStore store(db);
  std::int64_t n = 0;
  for (const auto& row : store.localTally()) n += row.n;
  return n;
}

Fleet::Fleet(std::string kioskId, std::string hall, std::optional<wire::Ed25519PrivateKey> trustedAdmin,
             common::WallTime start)
    : admin(trustedAdmin ? std::move(*trustedAdmin) : wire::Ed25519PrivateKey::generate()), clock(start) {
  for (const char* d : {"var/lib/dpkg/info", "var/lib/dpkg/updates"}) fs::create_directories(root / d);
  std::ofstream(root / "var/lib/dpkg/status");
  std::ofstream(root / "var/lib/dpkg/available");
  fs::create_directories(stick / kBundleFolder);
  UpdaterSetup s;
  s.stateDir = dir / "updater";
  s.kioskDataDir = data;
  s.dpkg.root = root;
  s.deployment = "zibo-zhangdian";
  s.kioskId = std::move(kioskId);
  s.hall = std::move(hall);
  s.trusted.emplace("admin", admin.publicKey());
  // The restart, as systemd would do it: the installed kiosk starts; one that runs says READY
  // and gets its heartbeat taken (written to run-status as the kiosk does: at 20:00 the hall is
  // closed, so it shows the closed screen); a broken one does not.
  s.restartKiosk = [this] {
    auto r = runProcess({(root / "usr/bin/kiosk").string(), "--version"}, std::chrono::seconds(30));
    const std::int64_t now = clock.wallNow().unix_seconds;
    if (r.ok()) common::writeFileDurably(data / kRunStatusFile, encodeRunStatus({KioskScreen::Closed, now, now, now}));
    return r;
  };
  runner.emplace(s, clock);
}

void Fleet::offer(const fs::path& deb, const std::string& version, std::int64_t id,
                  const std::optional<wire::Ed25519PrivateKey>& key, std::string sha) {
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

std::vector<std::string> Fleet::round() {
  BundleOffers source(stick);
  return round(source);
}

std::vector<std::string> Fleet::round(OfferSource& source) {
  auto lines = runner->round(source);
  for (const auto& l : lines) MESSAGE(l);
  return lines;
}

std::string Fleet::installed() const { return installedVersion(DpkgRoot{root}); }

std::string Fleet::lastReport() const {
  const auto r = wire::parseUpdateReport(common::readTextFile(data / kUpdateReportFile));
  if (!r) return "(none or damaged)";
  return std::string(wire::updateStateName(r->state)) + " " + r->version + (r->reason.empty() ? "" : ": " + r->reason);
}

}  // namespace testing
