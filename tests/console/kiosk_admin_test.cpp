// 终端管理 and 导入 U 盘数据 in the console, through the HubRouter as the server has it: an
// administrator enrols a kiosk (its token once, the bundle built from it), moves and revokes it,
// and imports a USB export's signed batches — accepted once, duplicates after, forged ones
// refused by name; staff can do none of it; every change is in the audit log.
#include <doctest/doctest.h>

#include "common/iso_time.hpp"
#include "console_fixture.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/kiosk_days.hpp"
#include "hub/store/tally_queries.hpp"
#include "hub_process.hpp"
#include "wire/crypto.hpp"
#include "wire/heartbeat.hpp"
#include "wire/rating_batch.hpp"

using testing::ConsoleFixture;
using testing::header;
using Part = ConsoleFixture::Browser::Part;

namespace {

// The token shown on the enrolment page.
std::string shownToken(const std::string& html) { return testing::textAfter(html, "<code class=\"token\">", '<'); }

std::string batch(const std::string& kioskId, std::int64_t seq, std::int64_t good) {
  wire::RatingBatch b{kioskId, "epoch-usb", seq, "2026-11-17T18:00:00+08:00", {}};
  b.counts.push_back({"c-0101", 1, "2026-11-17T10:00+08:00", "good", std::nullopt, good, 0});
  return wire::encodeBatch(b);
}

std::int64_t hallTotal(ConsoleFixture& f, const std::string& hall) {
  std::int64_t n = 0;
  for (const auto& row :
       f.store->tallies("2026-01-01", "2026-12-31", std::vector<std::string>{hall}, hub::TallyGroup::Hall))
    n += row.total();
  return n;
}

bool audited(ConsoleFixture& f, const std::string& action, const std::string& detail) {
  for (const auto& e : f.accounts->auditEntries({}, 1000))
    if (e.action == action && e.detail.find(detail) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("an administrator enrols a kiosk: the token once, the bundle from it, then moves and revokes it") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto kiosks = admin.get("/console/kiosks");
  CHECK(kiosks.body.find("action=\"/console/admin/kiosks\"") != std::string::npos);

  auto page = admin.post("/console/admin/kiosks", "csrf=" + csrf + "&kiosk_id=hall-01-k7&hall=hall-01&public_key=");
  REQUIRE(page.status == 200);
  CHECK(header(page, "Cache-Control") == "no-store");
  const std::string token = shownToken(page.body);
  REQUIRE(token.rfind("kh_", 0) == 0);
  const auto principal = f.store->principalFor(hub::tokenHash(token));
  REQUIRE(principal);
  CHECK(principal->kioskId == "hall-01-k7");
  CHECK(principal->halls == std::vector<std::string>{"hall-01"});
  CHECK(audited(f, "kiosk_enrol", "hall-01-k7 hall-01"));
  // The token is in no record: only its hash is kept.
  for (const auto& e : f.accounts->auditEntries({}, 1000)) CHECK(e.detail.find(token) == std::string::npos);

  // The bundle: a ZIP holding the token (0600), the CA, the trusted keys and the [sync] section.
  auto zip = admin.post("/console/admin/kiosks/bundle", "csrf=" + csrf + "&kiosk_id=hall-01-k7&token=" + token +
                                                            "&hub_url=https%3A%2F%2Fhub.example%3A8443");
  REQUIRE(zip.status == 200);
  CHECK(zip.contentType == "application/zip");
  CHECK(zip.body.rfind("PK", 0) == 0);
  testing::writeFile(f.dir / "bundle.zip", zip.body);
  const auto listing = testing::run(
      "/usr/bin/python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
      "[print(i.filename, oct(i.external_attr >> 16), z.read(i).decode().splitlines()[0] if i.file_size else '') "
      "for i in z.infolist()]\" " +
      (f.dir / "bundle.zip").string());
  CAPTURE(listing.out);
  CHECK(listing.out.find("kiosk-hall-01-k7/hub/kiosk-token 0o100600 " + token) != std::string::npos);
  CHECK(listing.out.find("kiosk-hall-01-k7/hub/ca.pem 0o100644 -----BEGIN CERTIFICATE-----") != std::string::npos);
  CHECK(listing.out.find("kiosk-hall-01-k7/hub/keys/k.pem 0o100644 -----BEGIN PUBLIC KEY-----") != std::string::npos);
  CHECK(listing.out.find("kiosk-hall-01-k7/kiosk.toml 0o100644 # 评价终端 hall-01-k7 的配置文件") != std::string::npos);
  // hall-01's current list (version 1) goes with it: the kiosk shows it before it first syncs.
  CHECK(listing.out.find("kiosk-hall-01-k7/hub/commitments.json 0o100644 {") != std::string::npos);
  CHECK(listing.out.find("kiosk-hall-01-k7/安装说明.txt") != std::string::npos);
  CHECK(audited(f, "kiosk_bundle", "hall-01-k7"));
  // Someone else's token, or a made-up one, gets no bundle.
  CHECK(admin
            .post("/console/admin/kiosks/bundle",
                  "csrf=" + csrf + "&kiosk_id=hall-01-k1&token=" + token + "&hub_url=https%3A%2F%2Fh")
            .status == 403);
  CHECK(admin
            .post("/console/admin/kiosks/bundle",
                  "csrf=" + csrf + "&kiosk_id=hall-01-k7&token=" + token + "&hub_url=http%3A%2F%2Fh")
            .status == 400);

  // Mistakes are named, nothing is stored.
  const auto twice = admin.post("/console/admin/kiosks", "csrf=" + csrf + "&kiosk_id=hall-01-k7&hall=hall-02");
  CHECK(twice.status == 409);
  CHECK(twice.body.find("终端 hall-01-k7 已经接入。要重新接入") != std::string::npos);
  CHECK(twice.body.find("revoke it first") == std::string::npos);
  const auto nobody = admin.post("/console/admin/kiosks/move", "csrf=" + csrf + "&kiosk_id=nobody&hall=hall-02");
  CHECK(nobody.body.find("终端 nobody 没有接入平台") != std::string::npos);
  const auto badId = admin.post("/console/admin/kiosks", "csrf=" + csrf + "&kiosk_id=%E7%BB%88%E7%AB%AF&hall=hall-01");
  CHECK(badId.status == 400);
  CHECK(badId.body.find("终端编号只能用") != std::string::npos);
  const auto badKey =
      admin.post("/console/admin/kiosks", "csrf=" + csrf + "&kiosk_id=hall-01-k8&hall=hall-01&public_key=abc");
  CHECK(badKey.status == 400);
  CHECK(badKey.body.find("公钥无效：请粘贴终端导出文件夹中 kiosk-key.pub.pem 的全部内容") != std::string::npos);
  CHECK_FALSE(f.store->principalFor(hub::tokenHash(token))->halls.empty());
  CHECK(hub::queries::enrolledHall(f.store->database(), "hall-01-k8") == std::nullopt);

  // Move, then revoke (which needs the box ticked): its token stops working at once.
  CHECK(admin.post("/console/admin/kiosks/move", "csrf=" + csrf + "&kiosk_id=hall-01-k7&hall=hall-02").status == 303);
  CHECK(f.store->principalFor(hub::tokenHash(token))->halls == std::vector<std::string>{"hall-02"});
  CHECK(audited(f, "kiosk_move", "hall-01-k7 hall-02"));
  CHECK(admin.post("/console/admin/kiosks/move", "csrf=" + csrf + "&kiosk_id=nobody&hall=hall-02").status == 404);
  CHECK(admin.post("/console/admin/kiosks/revoke", "csrf=" + csrf + "&kiosk_id=hall-01-k7").status == 400);
  CHECK(admin.post("/console/admin/kiosks/revoke", "csrf=" + csrf + "&kiosk_id=hall-01-k7&confirm=yes").status == 303);
  CHECK_FALSE(f.store->principalFor(hub::tokenHash(token)));
  CHECK(f.router->handle({"POST", "/api/v1/heartbeat", "Bearer " + token, "", "{}"}).status == 401);
  CHECK(audited(f, "kiosk_revoke", "hall-01-k7"));
}

TEST_CASE("importing a USB export: signed batches once, duplicates after, forged ones refused and named") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto key = wire::Ed25519PrivateKey::generate();
  const std::string pem = key.publicKey().toPem();
  // An offline kiosk, enrolled with the public key from its export.
  std::string form = "csrf=" + csrf + "&kiosk_id=hall-01-k5&hall=hall-01&public_key=";
  for (char c : pem)
    form += c == '\n' ? std::string("%0A") : c == '+' ? std::string("%2B") : c == '/' ? "%2F" : std::string(1, c);
  REQUIRE(admin.post("/console/admin/kiosks", form).status == 200);
  CHECK(admin.get("/console/admin/import").body.find("enctype=\"multipart/form-data\"") != std::string::npos);

  const std::int64_t before = hallTotal(f, "hall-01");
  std::vector<Part> parts{{"csrf", csrf}};
  for (std::int64_t seq = 1; seq <= 3; ++seq) {
    const std::string body = batch("hall-01-k5", seq, 10 * seq);
    char name[96];
    std::snprintf(name, sizeof name, "commitment-kiosk-hall-01-k5/batches/rating-batch-%06lld.json",
                  static_cast<long long>(seq));
    parts.push_back({"files", body, true, name});
    parts.push_back({"files", wire::base64Encode(key.sign(body)) + "\n", true, std::string(name) + ".sig"});
  }
  parts.push_back({"files", "\xEF\xBB\xBF承诺编号\r\n", true, "commitment-kiosk-hall-01-k5/tallies.csv"});
  parts.push_back({"files", pem, true, "commitment-kiosk-hall-01-k5/kiosk-key.pub.pem"});

  const auto first = admin.upload("/console/admin/import", parts);
  REQUIRE(first.status == 200);
  CHECK(first.body.find("新导入 3 批，重复 0 批，被拒绝 0 批") != std::string::npos);
  CHECK(first.body.find("rating-batch-000002.json") != std::string::npos);
  CHECK(hallTotal(f, "hall-01") == before + 60);
  const auto second = admin.upload("/console/admin/import", parts);
  CHECK(second.body.find("新导入 0 批，重复 3 批，被拒绝 0 批") != std::string::npos);
  CHECK(hallTotal(f, "hall-01") == before + 60);
  CHECK(audited(f, "import", "3 batches: 0 accepted, 3 duplicate, 0 refused"));
  {
    common::sql::Statement st(f.store->database(), "SELECT COUNT(*) FROM batch WHERE imported_by = 'user:admin'");
    REQUIRE(st.step());
    CHECK(st.columnInt(0) == 3);
  }

  // Altered bytes with the old signature, and a batch without one: refused, named, not counted.
  std::vector<Part> forged{{"csrf", csrf},
                           {"files", batch("hall-01-k5", 4, 500), true, "rating-batch-000004.json"},
                           {"files", parts[2].content, true, "rating-batch-000004.json.sig"},
                           {"files", batch("hall-01-k5", 5, 1), true, "rating-batch-000005.json"}};
  const auto refused = admin.upload("/console/admin/import", forged);
  CHECK(refused.body.find("被拒绝 2 批") != std::string::npos);
  CHECK(refused.body.find("签名与平台登记的终端 hall-01-k5 公钥不符") != std::string::npos);
  CHECK(refused.body.find("缺少同名的签名文件（.sig）") != std::string::npos);
  CHECK(refused.body.find("does not verify") == std::string::npos);  // the API's English stays in the API

  // A kiosk the hub does not know, one enrolled without a key, a damaged file: each with its advice.
  REQUIRE(admin.post("/console/admin/kiosks", "csrf=" + csrf + "&kiosk_id=hall-01-k6&hall=hall-01").status == 200);
  const std::vector<Part> strangers{{"csrf", csrf},
                                    {"files", batch("hall-09-k1", 1, 5), true, "a/rating-batch-000001.json"},
                                    {"files", "x", true, "a/rating-batch-000001.json.sig"},
                                    {"files", batch("hall-01-k6", 2, 5), true, "b/rating-batch-000002.json"},
                                    {"files", "x", true, "b/rating-batch-000002.json.sig"},
                                    {"files", "{\"format\":", true, "c/rating-batch-000003.json"},
                                    {"files", "x", true, "c/rating-batch-000003.json.sig"}};
  const std::string advice = admin.upload("/console/admin/import", strangers).body;
  CHECK(advice.find("被拒绝 3 批") != std::string::npos);
  CHECK(advice.find("终端 hall-09-k1 尚未接入平台") != std::string::npos);
  CHECK(advice.find("终端 hall-01-k6 已接入，但平台没有它的签名公钥") != std::string::npos);
  CHECK(advice.find("不是有效的评价批次文件") != std::string::npos);
  CHECK(hallTotal(f, "hall-01") == before + 60);
  CHECK(hallTotal(f, "hall-01") == before + 60);

  // Not a USB export, a form without its CSRF token, a broken upload, files elsewhere: refused.
  CHECK(admin.upload("/console/admin/import", {{"csrf", csrf}, {"files", "x", true, "notes.txt"}}).status == 400);
  CHECK(admin.upload("/console/admin/import", {{"files", parts[1].content, true, "rating-batch-000001.json"}}).status ==
        403);
  hub::Request cut{"POST", "/console/admin/import", "", "",
                   "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf};
  cut.contentType = "multipart/form-data; boundary=b";
  CHECK(admin.send(cut).status == 400);
  CHECK(admin.upload("/console/admin/users", {{"csrf", csrf}, {"login", "x"}}).status == 415);

  // Staff cannot import, even with their own session's token.
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.get("/console/admin/import").status == 403);
  CHECK(staff
            .upload("/console/admin/import",
                    {{"csrf", staff.csrf()}, {"files", parts[1].content, true, "rating-batch-000009.json"}})
            .status == 403);
}

TEST_CASE("终端状态 is each kiosk as it is now: a hall to pick, no period") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string kiosks = admin.get("/console/kiosks").body;
  CHECK(kiosks.find("<form class=\"picker\"") != std::string::npos);
  CHECK(kiosks.find("name=\"hall\"") != std::string::npos);
  CHECK(kiosks.find("name=\"period\"") == std::string::npos);
  CHECK(kiosks.find("type=\"date\"") == std::string::npos);
  // A clerk of one hall has nothing to pick there at all; the overview keeps its period.
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.get("/console/kiosks").body.find("<form class=\"picker\"") == std::string::npos);
  CHECK(staff.get("/console/").body.find("name=\"period\"") != std::string::npos);
}

TEST_CASE("终端状态 shows each kiosk's health as it reported it, a kiosk that crashed in red") {
  ConsoleFixture f;
  wire::Heartbeat hb{"1.5.0", 1, 0, 0, 0, "2026-11-18T10:00+08:00", 5'000'000'000, ""};
  hb.uptimeSeconds = 3 * 86400 + 60;
  hb.starts = 12;
  hb.uncleanExits = 1;
  hb.touches = 1234;
  f.store->heartbeat("hall-01-k1", "hall-01", wire::encodeHeartbeat(hb), f.now - 10, 0);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/kiosks").body;
  CHECK(page.find("<td class=\"bad\">本次已运行 3 天 · 共启动 12 次，其中 1 次未正常退出（崩溃或断电） · "
                  "上次心跳以来触摸 1,234 次 · 最近一次评价在 2026-11-18 10:00 时段</td>") != std::string::npos);
  // hall-02-k1 is an older kiosk that says nothing of its health: "—", nothing made up.
  CHECK(page.find("<td class=\"\">—</td>") != std::string::npos);
  const std::string csv = admin.get("/console/kiosks?format=csv").body;
  CHECK(csv.find("运行状况") != std::string::npos);
  CHECK(csv.find("共启动 12 次") != std::string::npos);
}

TEST_CASE("终端状态 flags a hidden window and a panel open for hours without a touch, and only those") {
  ConsoleFixture f;
  const std::string today = common::isoDay(f.now + 8 * 3600), yesterday = common::dayText(common::dayNumber(today) - 1);
  wire::Heartbeat hb{"1.5.0", 1, 0, 0, 0, "", 5'000'000'000, ""};
  hb.starts = 3;
  hb.screen = "hidden";
  f.store->heartbeat("hall-01-k1", "hall-01", wire::encodeHeartbeat(hb), f.now - 10, 0);
  hb.screen = "shown";
  f.store->heartbeat("hall-02-k1", "hall-02", wire::encodeHeartbeat(hb), f.now - 10, 0);
  auto& db = f.store->database();
  hub::kiosk_days::add(db, "hall-02-k1", yesterday, 0, 9 * 3600);  // open all day, nobody touched it
  hub::kiosk_days::add(db, "hall-02-k1", today, 2, 3 * 3600);      // today it is touched
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  std::string page = admin.get("/console/kiosks").body;
  CHECK(page.find("<td class=\"bad\">共启动 3 次 · 程序窗口被隐藏或最小化，居民看不到</td>") != std::string::npos);
  CHECK(page.find("<td class=\"bad\">共启动 3 次 · 昨天开放 9 小时，屏幕没有被触摸过（触摸屏可能失灵）</td>") !=
        std::string::npos);
  // Touched yesterday too, and a shown window: nothing to flag.
  hub::kiosk_days::add(db, "hall-02-k1", yesterday, 1, 0);
  page = admin.get("/console/kiosks").body;
  CHECK(page.find("触摸屏可能失灵") == std::string::npos);
  CHECK(page.find("<td class=\"\">共启动 3 次</td>") != std::string::npos);
}
