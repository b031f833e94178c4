// Test support for the updater's dpkg tests: the real commitment-kiosk .deb this test run built
// (KIOSK_PACKAGE_DIR), remade as other versions (a broken one's kiosk exits at once), and a
// throwaway dpkg root with an UpdateRunner for one kiosk — its restart played as systemd would
// (the installed kiosk started; one that runs writes READY and a taken heartbeat to run-status).
// One Fleet per kiosk of a test; the test's thread only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "kiosk/updater/offer_source.hpp"
#include "kiosk/updater/update_runner.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"

namespace testing {

extern std::filesystem::path packageDir;  // set by main from KIOSK_PACKAGE_DIR

std::filesystem::path basePackage();  // the commitment-kiosk .deb in packageDir ("" when none)
// Runs `argv`, requiring it to succeed; its output.
std::string runOk(const std::vector<std::string>& argv);
// The real package as another version; `broken`: its kiosk exits at once, never READY.
std::filesystem::path repackAs(const std::filesystem::path& base, const std::string& version,
                               const std::filesystem::path& dir, bool broken);
std::string fileBytes(const std::filesystem::path& f);
std::int64_t votesIn(const std::filesystem::path& db);

struct Fleet {
  // `start`: the updater's clock (default 2026-12-08T20:00+08:00, after hours).
  Fleet(std::string kioskId = "hall-01-k1", std::string hall = "hall-01",
        std::optional<wire::Ed25519PrivateKey> trustedAdmin = std::nullopt,
        common::WallTime start = {1'796'731'200, 8 * 3600});

  testing::TempDir dir;
  std::filesystem::path root = dir / "root", data = dir / "root/var/lib/commitment-kiosk", stick = dir / "stick";
  wire::Ed25519PrivateKey admin;
  common::ManualClock clock;
  std::optional<kiosk::updater::UpdateRunner> runner;

  // A bundle on the stick: the package and its manifest signed by `key` (default: admin).
  void offer(const std::filesystem::path& deb, const std::string& version, std::int64_t id,
             const std::optional<wire::Ed25519PrivateKey>& key = std::nullopt, std::string sha = "");
  std::vector<std::string> round();  // from the stick
  std::vector<std::string> round(kiosk::updater::OfferSource& source);
  std::string installed() const;
  // The report the kiosk's heartbeat carries, as "state version[: reason]".
  std::string lastReport() const;
};

}  // namespace testing
