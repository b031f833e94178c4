// kioskctl end to end against a live hub over TLS: keygen, list build from CSV, sign, publish,
// a kiosk's batch, then tallies downloaded as CSV with BOM; enrolling a kiosk and importing a
// real USB export made by the kiosk's own code. Also: mistakes are refused clearly.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <ctime>

#include "common/iso_time.hpp"
#include "common/password_hash.hpp"
#include "hub_process.hpp"
#include "kiosk/app/kiosk_key.hpp"
#include "kiosk/app/usb_export.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/store/batch_queue.hpp"
#include "wire/rating_batch.hpp"
#include "wire/update_manifest.hpp"

using testing::HubProcess;
using testing::run;

namespace {

// A started hub with token files for admin and staff, and the --hub/--ca arguments kioskctl needs.
struct CtlHub {
  HubProcess hub;
  std::string d, ctl = testing::kioskctlBinary(), hubArgs;
  CtlHub() {
    hub.start();
    d = hub.dir().string();
    hubArgs = " --hub " + hub.url("") + " --ca " + hub.caFile().string();
    testing::writeFile(hub.dir() / "admin.token", hub.token("admin") + "\n");
    testing::writeFile(hub.dir() / "staff.token", hub.token("staff") + "\n");
  }
  // An administrator's list-signing key, made with kioskctl and trusted by the hub.
  void trustAdminKey() {
    REQUIRE(run(ctl + " keygen --out " + d + "/admin.pem --public-out " + d + "/admin.pub 2>&1").status == 0);
    REQUIRE(
        run(testing::hubBinary() + " key add --dir " + d + " --key-id admin-2026 " + d + "/admin.pub 2>&1").status ==
        0);
  }
};

}  // namespace

TEST_CASE("administrator and staff workflow through kioskctl") {
  CtlHub h;
  auto& hub = h.hub;
  const std::string &d = h.d, &ctl = h.ctl, &hubArgs = h.hubArgs;
  h.trustAdminKey();
  const std::string csv = (testing::sourceRoot() / "config/demo/commitments-example.csv").string();
  auto built =
      run(ctl + " list build " + csv + " --deployment zibo-zhangdian --hall hall-01 --version 3 --title 党员公开承诺" +
          " --reasons 'not_kept=承诺未兑现;attitude=服务态度差' --out " + d + "/list.json 2>&1");
  REQUIRE_MESSAGE(built.status == 0, built.out);
  REQUIRE(run(ctl + " list sign " + d + "/list.json --key " + d + "/admin.pem --key-id admin-2026 --out " + d +
              "/list.signed.json 2>&1")
              .status == 0);
  auto published =
      run(ctl + " list publish " + d + "/list.signed.json" + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  REQUIRE_MESSAGE(published.status == 0, published.out);
  CHECK(published.out.find("\"version\":3") != std::string::npos);
  // Publishing the same version again is refused by the hub, and kioskctl says so.
  auto again =
      run(ctl + " list publish " + d + "/list.signed.json" + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  CHECK(again.status == 1);
  CHECK(again.out.find("409") != std::string::npos);

  // Votes of the current hour (hall time), so the hub files them as sent on any date: a batch from
  // a fixed day would count as a wrong clock once the real date is a year past it (or before it).
  const std::int64_t now = std::time(nullptr);
  const std::int64_t hour = now - now % 3600;
  const std::string createdAt = common::isoTimestamp({now, 8 * 3600});
  const std::string bucket = common::isoMinute({hour, 8 * 3600});
  const std::string day = bucket.substr(0, 10);
  wire::RatingBatch b{"hall-01-k1", "e", 1, createdAt, {}};
  b.counts.push_back({"c-0001", 3, bucket, "good", std::nullopt, 4, 0});
  b.counts.push_back({"c-0001", 3, bucket, "poor", "attitude", 1, 0});
  REQUIRE(hub.post("/api/v1/batches", wire::encodeBatch(b), hub.token("kiosk")).status == 201);

  auto tallies = run(ctl + " tallies" + hubArgs + " --token-file " + d + "/staff.token --from " + day + " --to " + day +
                     " --format csv --out " + d + "/tallies.csv 2>&1");
  REQUIRE_MESSAGE(tallies.status == 0, tallies.out);
  const std::string out = testing::readFile(hub.dir() / "tallies.csv");
  CHECK(out.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(out.find("hall-01,c-0001,王丽,社保业务一次办好,4,0,1,5,80.0%,20.0%") != std::string::npos);

  // A staff token cannot publish; a wrong CA is refused before anything is sent.
  testing::writeFile(hub.dir() / "wrong-ca.pem",
                     testing::readFile(testing::sourceRoot() / "tests/support/not-a-ca.pem"));
  CHECK(run(ctl + " list publish " + d + "/list.signed.json" + hubArgs + " --token-file " + d + "/staff.token 2>&1")
            .out.find("403") != std::string::npos);
  auto wrongCa = run(ctl + " tallies --hub " + hub.url("") + " --ca " + d + "/wrong-ca.pem --token-file " + d +
                     "/staff.token --from 2026-11-01 --to 2026-11-30 --out " + d + "/x.csv 2>&1");
  CHECK(wrongCa.status == 1);
}

TEST_CASE("kioskctl refuses mistakes with a named problem") {
  testing::TempDir dir;
  const std::string d = dir.path().string(), ctl = testing::kioskctlBinary();
  testing::writeFile(
      dir / "bad.csv",
      "编号,承诺人,类型,期限,承诺标题,承诺内容,开始日期,结束日期\nc-1,王丽,外星人,年度,t,x,2026-01-01,2026-12-31\n");
  auto r = run(ctl + " list build " + d + "/bad.csv --deployment z --hall h --version 1 --title t --out " + d +
               "/l.json 2>&1");
  CHECK(r.status == 1);
  CHECK(r.out.find("line 2, column 3 (类型)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "l.json"));
  testing::writeFile(dir / "broken.json", "{\"format\": \"commitment-list/1\"}");
  REQUIRE(run(ctl + " keygen --out " + d + "/k.pem 2>&1").status == 0);
  r = run(ctl + " list sign " + d + "/broken.json --key " + d + "/k.pem --key-id k --out " + d + "/s.json 2>&1");
  CHECK(r.status == 1);
  CHECK(r.out.find("deployment") != std::string::npos);
  CHECK(run(ctl + " tallies --hub http://127.0.0.1:1 --token-file " + d +
            "/k.pem --from a --to b --format xlsx --out x 2>&1")
            .status == 2);
}

TEST_CASE("kioskctl signs and publishes kiosk settings, and refuses to sign what kiosks would refuse") {
  CtlHub h;
  const std::string &d = h.d, &ctl = h.ctl;
  h.trustAdminKey();
  testing::writeFile(h.hub.dir() / "settings.json", R"({"format": "kiosk-settings/1", "deployment": "zibo-zhangdian",
    "hall": "hall-01", "version": 1, "settings": {"timing.idle_timeout_s": 90, "hours.closed_days": ["2027-01-01"]}})");
  auto signedOut = run(ctl + " settings sign " + d + "/settings.json --key " + d +
                       "/admin.pem --key-id admin-2026 --out " + d + "/settings.signed.json 2>&1");
  REQUIRE_MESSAGE(signedOut.status == 0, signedOut.out);
  CHECK(signedOut.out.find("hall hall-01, version 1") != std::string::npos);
  auto published = run(ctl + " settings publish " + d + "/settings.signed.json" + h.hubArgs + " --token-file " + d +
                       "/admin.token 2>&1");
  REQUIRE_MESSAGE(published.status == 0, published.out);
  CHECK(published.out.find("\"version\":1") != std::string::npos);
  CHECK(h.hub.get("/api/v1/settings/current", h.hub.token("kiosk")).status == 200);

  testing::writeFile(h.hub.dir() / "bad.json", R"({"format": "kiosk-settings/1", "deployment": "zibo-zhangdian",
    "hall": "hall-01", "version": 2, "settings": {"timing.idle_timeout_s": 3}})");
  auto refused = run(ctl + " settings sign " + d + "/bad.json --key " + d + "/admin.pem --key-id admin-2026 --out " +
                     d + "/bad.signed.json 2>&1");
  CHECK(refused.status == 1);
  CHECK(refused.out.find("settings.timing.idle_timeout_s: must be between 10 and 3600 (found 3)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(h.hub.dir() / "bad.signed.json"));
}

TEST_CASE("kioskctl pin-hash prints only an Argon2id hash that the kiosk accepts, and refuses a bad PIN") {
  const std::string ctl = testing::kioskctlBinary();
  auto r = run("echo 246810 | " + ctl + " pin-hash");
  REQUIRE(r.status == 0);
  std::string hash = r.out;
  while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find('\n') == std::string::npos);  // one line: safe to paste or pipe into kiosk.toml
  CHECK(common::verifyPin(hash, "246810"));
  CHECK_FALSE(common::verifyPin(hash, "246811"));

  r = run("echo 12ab | " + ctl + " pin-hash 2>&1");
  CHECK(r.status == 2);
  CHECK(r.out.find("digits") != std::string::npos);
  r = run("printf '' | " + ctl + " pin-hash 2>&1");
  CHECK(r.status == 2);
}

TEST_CASE("kioskctl enrol writes the kiosk's bundle, and kioskctl import posts its USB export once, then duplicates") {
  CtlHub h;
  auto& hub = h.hub;
  const std::string &d = h.d, &ctl = h.ctl, &hubArgs = h.hubArgs;

  // Without a trusted administrator key a kiosk could accept no list: enrolment says so.
  auto early = run(ctl + " enrol" + hubArgs + " --token-file " + d +
                   "/admin.token --kiosk-id hall-03-k1 --hall hall-03 --out " + d + "/early 2>&1");
  CHECK(early.status == 1);
  CHECK(early.out.find("kiosk-hub key add") != std::string::npos);
  h.trustAdminKey();

  // The kiosk made its key on first start; its USB export carries the public half.
  testing::TempDir kioskData;
  const auto kioskKey = kiosk::app::loadOrCreateKioskKey(kioskData.path());
  auto enrolled = run(ctl + " enrol" + hubArgs + " --token-file " + d +
                      "/admin.token --kiosk-id hall-03-k1 --hall hall-03 --kiosk-key " +
                      (kioskData / kiosk::app::kKioskPublicKeyFile).string() + " --out " + d + "/bundle 2>&1");
  REQUIRE_MESSAGE(enrolled.status == 0, enrolled.out);
  const auto bundle = hub.dir() / "bundle";
  struct stat st {};
  REQUIRE(::stat((bundle / "hub/kiosk-token").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(testing::readFile(bundle / "hub/ca.pem") == testing::readFile(hub.caFile()));
  CHECK(testing::readFile(bundle / "hub/keys/admin-2026.pem") == testing::readFile(hub.dir() / "admin.pub"));
  CHECK(testing::readFile(bundle / "kiosk.toml").find("hall = \"hall-03\"") != std::string::npos);
  std::string token = testing::readFile(bundle / "hub/kiosk-token");
  token.pop_back();
  CHECK(hub.post("/api/v1/heartbeat", R"({"app_version":"t","list_version":0,"queued_batches":0,"disk_free_bytes":1})",
                 token)
            .status == 200);
  auto twice = run(ctl + " enrol" + hubArgs + " --token-file " + d +
                   "/admin.token --kiosk-id hall-03-k1 --hall hall-03 --out " + d + "/bundle2 2>&1");
  CHECK(twice.status == 1);
  CHECK(twice.out.find("409") != std::string::npos);

  // A real USB export, made by the kiosk's own code from votes in its store.
  kiosk::ManualClock clock;
  auto store = std::make_shared<kiosk::store::VoteStore>(kioskData / "kiosk.db");
  std::int64_t votes = 0;
  for (int hour = 0; hour < 3; ++hour) {
    for (int i = 0; i < 5; ++i, ++votes)
      store->record({"c-0001", 1, kiosk::bucketLabel(clock.wallNow(), std::chrono::minutes(60)), kiosk::Rating::Good,
                     std::nullopt, true});
    kiosk::store::BatchQueue(*store, "hall-03-k1").freeze(common::isoTimestamp(clock.wallNow()));
    clock.advance(std::chrono::hours(1));
  }
  wire::CommitmentList list;
  std::filesystem::create_directories(kioskData / "usb");
  const auto exported = kiosk::app::exportToUsb(
      *store, list, {kioskData / "usb", false, "hall-03-k1", clock.wallNow(), std::chrono::minutes(60), kioskKey});
  REQUIRE(exported.batches == 3);

  auto first =
      run(ctl + " import " + (kioskData / "usb").string() + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  REQUIRE_MESSAGE(first.status == 0, first.out);
  CHECK(first.out.find("rating-batch-000001.json\t201\taccepted") != std::string::npos);
  CHECK(first.out.find("rating-batch-000003.json\t201\taccepted") != std::string::npos);
  auto second =
      run(ctl + " import " + (kioskData / "usb").string() + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  REQUIRE_MESSAGE(second.status == 0, second.out);
  CHECK(second.out.find("rating-batch-000002.json\t200\tduplicate") != std::string::npos);
  CHECK(second.out.find("201") == std::string::npos);
  const auto tallies = hub.get("/api/v1/tallies?hall=hall-03", hub.token("admin"));
  CHECK(tallies.body.find("\"total\":" + std::to_string(votes)) != std::string::npos);

  // An altered batch on the stick is refused, named, and counts nothing; staff cannot import.
  const auto batchFile = exported.folder / "batches" / "rating-batch-000001.json";
  std::string altered = testing::readFile(batchFile);
  altered.replace(altered.find("\"n\":5"), 5, "\"n\":9");
  testing::writeFile(batchFile, altered);
  auto forged =
      run(ctl + " import " + (kioskData / "usb").string() + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  CHECK(forged.status == 1);
  CHECK(forged.out.find("rating-batch-000001.json\t422\trefused") != std::string::npos);
  auto staff =
      run(ctl + " import " + (kioskData / "usb").string() + hubArgs + " --token-file " + d + "/staff.token 2>&1");
  CHECK(staff.status == 1);
  CHECK(staff.out.find("403") != std::string::npos);
  CHECK(hub.get("/api/v1/tallies?hall=hall-03", hub.token("admin")).body.find("\"total\":" + std::to_string(votes)) !=
        std::string::npos);
  auto empty = run(ctl + " import " + d + "/bundle" + hubArgs + " --token-file " + d + "/admin.token 2>&1");
  CHECK(empty.status == 1);
  CHECK(empty.out.find("no rating-batch-*.json") != std::string::npos);
}

namespace {

// A small commitment-kiosk .deb (control file only) made with dpkg-deb: what `update sign` reads.
std::string fakeKioskDeb(const std::filesystem::path& dir, const std::string& package, const std::string& version) {
  const auto root = dir / ("deb-" + package + "-" + version);
  std::filesystem::create_directories(root / "DEBIAN");
  std::filesystem::create_directories(root / "usr/share/doc" / package);
  testing::writeFile(root / "DEBIAN/control", "Package: " + package + "\nVersion: " + version +
                                                  "\nArchitecture: all\nMaintainer: test <t@example.org>\n"
                                                  "Description: a stand-in for the kiosk\n");
  testing::writeFile(root / "usr/share/doc" / package / "README", std::string(300'000, 'k'));  // a few ranges' worth
  const std::string deb = (dir / (package + "_" + version + "_all.deb")).string();
  const auto built = run("dpkg-deb --root-owner-group --build " + root.string() + " " + deb + " 2>&1");
  REQUIRE_MESSAGE(built.status == 0, built.out);
  return deb;
}

}  // namespace

TEST_CASE("kioskctl update: sign from the .deb, publish manifest and package at once, bundle for a stick") {
  CtlHub h;
  const std::string &d = h.d, &ctl = h.ctl;
  h.trustAdminKey();
  const std::string deb = fakeKioskDeb(h.hub.dir(), "commitment-kiosk", "9.9.9-1");
  // An hour ago by this machine's clock: the pilot is due on whatever date the test runs.
  const std::string notBefore = common::isoTimestamp({std::time(nullptr) - 3600, 8 * 3600});
  const std::string sign = ctl + " update sign " + deb + " --deployment zibo-zhangdian --key " + d +
                           "/admin.pem --key-id admin-2026 --not-before " + notBefore;
  auto signedOut =
      run(sign + " --id 1 --ring 试点=kiosk:hall-01-k1 --ring '全区=*' --out " + d + "/update.signed.json 2>&1");
  REQUIRE_MESSAGE(signedOut.status == 0, signedOut.out);
  CHECK(signedOut.out.find("commitment-kiosk_9.9.9-1_all.deb") != std::string::npos);
  const std::string envelope = testing::readFile(h.hub.dir() / "update.signed.json");
  const auto m = wire::updateManifestInEnvelope(envelope);
  CHECK(m.version == "9.9.9-1");  // from the package's own control file
  CHECK(m.architecture == "all");
  CHECK(m.sha256 == wire::sha256Hex(testing::readFile(deb)));
  REQUIRE(m.rings.size() == 2);
  CHECK(m.rings[0].kiosks == std::vector<std::string>{"hall-01-k1"});
  CHECK(m.rings[1].halls == std::vector<std::string>{"*"});

  auto published = run(ctl + " update publish " + d + "/update.signed.json --package " + deb + h.hubArgs +
                       " --token-file " + d + "/admin.token 2>&1");
  REQUIRE_MESSAGE(published.status == 0, published.out);
  CHECK(published.out.find("\"package_stored\":true") != std::string::npos);
  // The pilot kiosk is due: it gets the signed manifest and the package, by its hash.
  const auto current = h.hub.get("/api/v1/updates/current", h.hub.token("kiosk"));
  REQUIRE(current.status == 200);
  CHECK(current.body == envelope);
  CHECK(h.hub.get("/api/v1/updates/package/" + m.sha256, h.hub.token("kiosk")).body == testing::readFile(deb));

  // The stick: the manifest and the package where the updater looks; an older bundle's package gone.
  const auto stick = h.hub.dir() / "stick";
  std::filesystem::create_directories(stick / wire::kBundleFolder);
  testing::writeFile(stick / wire::kBundleFolder / "commitment-kiosk_9.9.8-1_all.deb", "old");
  auto bundled =
      run(ctl + " update bundle " + d + "/update.signed.json --package " + deb + " --out " + stick.string() + " 2>&1");
  REQUIRE_MESSAGE(bundled.status == 0, bundled.out);
  CHECK(testing::readFile(stick / wire::kBundleFolder / wire::kBundleManifest) == envelope);
  CHECK(testing::readFile(stick / wire::kBundleFolder / m.fileName()) == testing::readFile(deb));
  CHECK_FALSE(std::filesystem::exists(stick / wire::kBundleFolder / "commitment-kiosk_9.9.8-1_all.deb"));

  // Mistakes, each named, nothing written or published.
  const std::string other = fakeKioskDeb(h.hub.dir(), "commitment-kiosk", "9.9.9-2");
  auto mismatch = run(ctl + " update publish " + d + "/update.signed.json --package " + other + h.hubArgs +
                      " --token-file " + d + "/admin.token 2>&1");
  CHECK(mismatch.status == 1);
  CHECK(mismatch.out.find("is not the package") != std::string::npos);
  auto stale = run(ctl + " update bundle " + d + "/update.signed.json --package " + other + " --out " + stick.string() +
                   " 2>&1");
  CHECK(stale.status == 1);
  CHECK(testing::readFile(stick / wire::kBundleFolder / wire::kBundleManifest) == envelope);  // untouched
  const std::string stranger = fakeKioskDeb(h.hub.dir(), "some-other-package", "1.0");
  auto foreign = run(ctl + " update sign " + stranger + " --deployment zibo-zhangdian --key " + d +
                     "/admin.pem --key-id admin-2026 --id 2 --ring 'all=*' --out " + d + "/x.json 2>&1");
  CHECK(foreign.status == 1);
  CHECK(foreign.out.find("not commitment-kiosk") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(h.hub.dir() / "x.json"));
  auto badRing = run(sign + " --id 2 --ring 'pilot' --out " + d + "/x.json 2>&1");
  CHECK(badRing.status == 2);
  CHECK(badRing.out.find("--ring pilot: must look like") != std::string::npos);
  auto badTime =
      run(ctl + " update sign " + deb + " --deployment zibo-zhangdian --key " + d +
          "/admin.pem --key-id admin-2026 --id 2 --ring 'all=*' --not-before tomorrow --out " + d + "/x.json 2>&1");
  CHECK(badTime.status == 1);
  CHECK(badTime.out.find("not_before") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(h.hub.dir() / "x.json"));
  auto older = run(ctl + " update publish " + d + "/update.signed.json --package " + deb + h.hubArgs +
                   " --token-file " + d + "/admin.token 2>&1");
  CHECK(older.status == 1);
  CHECK(older.out.find("409") != std::string::npos);  // id 1 again: not newer
}
