// The rollout end to end with the real pieces: a real kiosk-hub over TLS, the real kioskctl signing
// and publishing the real commitment-kiosk .deb (remade as newer versions), and two kiosks' real
// updaters (UpdateRunner with HubOffers through the kiosks' own curl transport, the real dpkg in
// throwaway roots). The pilot kiosk installs the good build and reports healthy, which starts the
// second ring; a broken build rolls back on the pilot by itself and holds the second ring until an
// administrator starts it; a pause withdraws the offer. Each kiosk's heartbeat is what the kiosk
// would send (its app_version and the updater's report from its data folder). Prints the update
// path's figures: publish → healthy, download size, the kiosk's time without a working build.
// Root and the packages only (dpkg_test_main.cpp).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>

#include "common/durable_file.hpp"
#include "common/iso_time.hpp"
#include "common/sqlite.hpp"
#include "common/text_file.hpp"
#include "dpkg_fleet.hpp"
#include "hub_process.hpp"
#include "kiosk/app/updater_handover.hpp"
#include "kiosk/updater/handover_files.hpp"
#include "sync/curl_transport.hpp"
#include "wire/heartbeat.hpp"

namespace fs = std::filesystem;
using namespace kiosk::updater;
using namespace testing;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// One kiosk: its throwaway root and updater, its token, its transport to the hub.
struct HallKiosk {
  HallKiosk(const HubProcess& hub, const std::string& id, const std::string& hall, const std::string& role,
            const wire::Ed25519PrivateKey& admin)
      : fleet(id, hall, admin, common::SystemClock().wallNow()), token(hub.token(role)) {
    kiosk::sync::TransportSettings s;
    s.baseUrl = hub.url("");
    s.caFile = hub.caFile().string();
    s.token = token;
    transport.emplace(s);
    offers.emplace(*transport);
  }
  std::vector<std::string> round() { return fleet.round(*offers); }
  // The heartbeat the kiosk would send now: what it runs, and its updater's last word.
  long heartbeat(const HubProcess& hub, const std::string& appVersion) {
    // The report added to the encoded heartbeat (GCC 12 warns, wrongly, on assigning the optional here).
    auto hb = nlohmann::json::parse(wire::encodeHeartbeat({appVersion, 1, 0, 0, 0, "", 1'000'000'000, ""}));
    if (const auto report = kiosk::app::readUpdateReport(fleet.data)) hb["update"] = wire::updateReportJson(*report);
    return hub.post("/api/v1/heartbeat", hb.dump(), token).status;
  }
  Fleet fleet;
  std::string token;
  std::optional<kiosk::sync::CurlTransport> transport;
  std::optional<HubOffers> offers;
};

std::string auditActions(const HubProcess& hub) {
  common::sql::Database db(hub.dir() / "console.db", common::sql::OpenMode::ReadOnly);
  common::sql::Statement st(db, "SELECT action || ' ' || detail FROM audit ORDER BY id");
  std::string out;
  while (st.step()) out += st.columnText(0) + "\n";
  return out;
}

}  // namespace

TEST_CASE("from the hub, ring by ring: the pilot installs and is healthy, a broken build rolls back and holds") {
  const fs::path base = basePackage();
  REQUIRE_MESSAGE(!base.empty(), "no commitment-kiosk .deb in " << packageDir);
  kiosk::sync::initTransportLibrary();
  HubProcess hub;
  hub.start();
  const std::string d = hub.dir().string(), ctl = kioskctlBinary();
  const auto admin = wire::Ed25519PrivateKey::generate();
  writeFile(hub.dir() / "admin.pem", admin.toPem());
  writeFile(hub.dir() / "admin.pub", admin.publicKey().toPem());
  writeFile(hub.dir() / "admin.token", hub.token("admin") + "\n");
  REQUIRE(run(hubBinary() + " key add --dir " + d + " --key-id admin " + d + "/admin.pub 2>&1").status == 0);
  const std::string hubArgs =
      " --hub " + hub.url("") + " --ca " + hub.caFile().string() + " --token-file " + d + "/admin.token";

  // Two halls' kiosks with the base build installed by hand; the pilot ring is hall-01-k1.
  HallKiosk pilot(hub, "hall-01-k1", "hall-01", "kiosk", admin);
  HallKiosk other(hub, "hall-02-k1", "hall-02", "kiosk2", admin);
  for (auto* k : {&pilot, &other}) {
    REQUIRE(installPackage(DpkgRoot{k->fleet.root}, base).ok());
    // Each kiosk shows its closed screen (the hall is shut): a quiet moment whatever the hour.
    common::writeFileDurably(k->fleet.data / kRunStatusFile, encodeRunStatus({KioskScreen::Closed, 0, 0, 0}));
  }
  const std::string baseVersion = readDebInfo(base).version;
  const fs::path good = repackAs(base, baseVersion + "+u1", hub.dir(), false);
  const fs::path broken = repackAs(base, baseVersion + "+u2", hub.dir(), true);

  const auto publish = [&](const fs::path& deb, int id) {
    const std::string notBefore = common::isoTimestamp({common::SystemClock().wallNow().unix_seconds - 60, 8 * 3600});
    const std::string file = d + "/update-" + std::to_string(id) + ".signed.json";
    const auto signedOut = run(ctl + " update sign " + deb.string() + " --deployment zibo-zhangdian --id " +
                               std::to_string(id) + " --ring 试点=kiosk:hall-01-k1 --ring '全区=*' --not-before " +
                               notBefore + " --key " + d + "/admin.pem --key-id admin --out " + file + " 2>&1");
    REQUIRE_MESSAGE(signedOut.status == 0, signedOut.out);
    const auto published = run(ctl + " update publish " + file + " --package " + deb.string() + hubArgs + " 2>&1");
    REQUIRE_MESSAGE(published.status == 0, published.out);
  };

  // The good build: the pilot is due, the other hall's kiosk is not yet.
  const auto publishedAt = Clock::now();
  publish(good, 1);
  other.round();
  CHECK(other.fleet.runner->state().phase == Phase::Idle);
  const auto rollStart = Clock::now();
  pilot.round();
  const double installSeconds = secondsSince(rollStart);
  CHECK(pilot.fleet.installed() == baseVersion + "+u1");
  CHECK(pilot.fleet.lastReport() == "healthy " + baseVersion + "+u1");
  REQUIRE(pilot.heartbeat(hub, baseVersion) == 200);
  const double publishToHealthy = secondsSince(publishedAt);
  // The pilot's healthy word starts the next ring at once: the other hall's kiosk takes it too.
  other.round();
  CHECK(other.fleet.installed() == baseVersion + "+u1");
  REQUIRE(other.heartbeat(hub, baseVersion) == 200);

  // The broken build: the pilot installs it, its kiosk never becomes ready, and a minute later it
  // is back on the good build by itself; the second ring waits.
  publish(broken, 2);
  pilot.round();
  CHECK(pilot.fleet.installed() == baseVersion + "+u2");  // installed; its kiosk exits at once, so no heartbeat
  pilot.fleet.clock.advance(std::chrono::seconds(61));
  pilot.round();
  CHECK(pilot.fleet.installed() == baseVersion + "+u1");
  CHECK(pilot.fleet.lastReport() == "rolled_back " + baseVersion + "+u2: the kiosk was not ready within 60 s");
  REQUIRE(pilot.heartbeat(hub, baseVersion) == 200);
  CHECK(hub.get("/api/v1/updates/current", hub.token("kiosk2")).status == 404);
  other.round();
  CHECK(other.fleet.installed() == baseVersion + "+u1");

  // The administrator pauses, then starts the second ring anyway: offered, and (paused) withdrawn.
  const auto rollout = [&](const std::string& body) {
    return hub.post("/api/v1/updates/rollout", body, hub.token("admin"));
  };
  REQUIRE(rollout(R"({"id":2,"action":"advance","ring":1})").status == 200);
  CHECK(hub.get("/api/v1/updates/current", hub.token("kiosk2")).status == 200);
  REQUIRE(rollout(R"({"id":2,"action":"pause"})").status == 200);
  CHECK(hub.get("/api/v1/updates/current", hub.token("kiosk2")).status == 404);
  CHECK(hub.get("/api/v1/updates/package/" + wire::sha256Hex(fileBytes(broken)), hub.token("kiosk2")).status == 403);

  const std::string audit = auditActions(hub);
  CHECK(audit.find("update_publish 1 " + baseVersion + "+u1") != std::string::npos);
  CHECK(audit.find("update_publish 2 " + baseVersion + "+u2") != std::string::npos);
  MESSAGE("figures: download " << fs::file_size(good) << " bytes (" << (fs::file_size(good) + 4194303) / 4194304
                               << " range(s) of 4 MiB); publish -> pilot healthy " << publishToHealthy
                               << " s (this test drives each round at once; the updater's own round is every "
                                  "minute); download + dpkg + restart + check "
                               << installSeconds << " s");
}
