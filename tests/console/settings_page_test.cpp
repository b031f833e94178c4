// 终端设置: administrators only (no session, staff and a missing CSRF token refused); the form
// previews the differences and names each bad field in words, downloads exactly the previewed
// document, and publishes only a file signed by a trusted key for the page's own scope; a kiosk's
// own settings; each kiosk's applied versions from its heartbeat; every step audited.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/settings_store.hpp"
#include "wire/heartbeat.hpp"
#include "wire/kiosk_settings.hpp"

using testing::ConsoleFixture;
using testing::formBody;
using testing::header;

namespace {

std::string previewForm(const std::string& csrf, const std::string& version, const std::string& idle,
                        const std::string& closed, const std::string& kiosk = "") {
  return formBody(csrf, {{"step", "preview"},
                         {"hall", "hall-01"},
                         {"kiosk", kiosk},
                         {"version", version},
                         {"timing.idle_timeout_s", idle},
                         {"hours.set", "on"},
                         {"hours.monday", "08:30-12:00,13:30-17:30"},
                         {"hours.tuesday", "08:30-17:30"},
                         {"hours.wednesday", "08:30-17:30"},
                         {"hours.thursday", "08:30-17:30"},
                         {"hours.friday", "08:30-17:30"},
                         {"hours.closed_days", closed},
                         {"results.badge", "true"}});
}

// The hidden draft of a preview page, as the download form would post it.
std::string draftOf(const std::string& html) {
  const std::string marker = "name=\"draft\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  std::string v = html.substr(at + marker.size(), html.find('"', at + marker.size()) - at - marker.size());
  // Undo mustache's escaping of the JSON.
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&quot;", "\""},
                                 {"&lt;", "<"},
                                 {"&gt;", ">"},
                                 {"&#39;", "'"},
                                 {"&amp;", "&"}}) {
    for (auto p = v.find(from); p != std::string::npos; p = v.find(from, p + to.size())) v.replace(p, from.size(), to);
  }
  return v;
}

}  // namespace

TEST_CASE("终端设置 is for administrators only, and its forms need the session's CSRF token") {
  ConsoleFixture f;
  auto anonymous = f.browser();
  CHECK(anonymous.get("/console/admin/settings?hall=hall-01").status == 303);
  CHECK(anonymous.post("/console/admin/settings", "step=preview&hall=hall-01").status == 403);
  CHECK(anonymous.upload("/console/admin/settings/upload", {{"hall", "hall-01"}, {"file", "{}", true, "s.json"}})
            .status == 403);
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string csrf = staff.csrf();
  CHECK(staff.get("/console/admin/settings?hall=hall-01").status == 403);
  CHECK(staff.post("/console/admin/settings", previewForm(csrf, "1", "90", "")).status == 403);
  CHECK(staff
            .upload("/console/admin/settings/upload",
                    {{"csrf", csrf}, {"hall", "hall-01"}, {"file", "{}", true, "s.json"}})
            .status == 403);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  CHECK(admin.post("/console/admin/settings", previewForm("wrong", "1", "90", "")).status == 403);
  CHECK(admin.get("/console/admin/settings?hall=hall-09").status == 400);
  CHECK(admin.get("/console/admin/settings?hall=hall-01&kiosk=hall-09-k1").status == 404);
}

TEST_CASE("an administrator previews, downloads, signs offline and publishes a hall's settings") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto page = admin.get("/console/admin/settings?hall=hall-01");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("尚未发布") != std::string::npos);
  CHECK(page.body.find("无人操作返回首页（秒）") != std::string::npos);

  // Mistakes are named per field, in words; nothing is kept.
  const auto bad = admin.post("/console/admin/settings", previewForm(csrf, "1", "3", "2027年2月30日"));
  CHECK(bad.status == 422);
  CHECK(bad.body.find("请填整数（现为“3”）") != std::string::npos);
  CHECK(bad.body.find("有日期写法不对") != std::string::npos);
  CHECK(bad.body.find("value=\"3\"") != std::string::npos);  // what was typed stays in the form

  const auto preview = admin.post("/console/admin/settings", previewForm(csrf, "1", "90", "2027-01-01、2027-02-11"));
  REQUIRE(preview.status == 200);
  CHECK(preview.body.find("由终端配置文件决定") != std::string::npos);  // the before of every change
  CHECK(preview.body.find("2027-01-01 2027-02-11") != std::string::npos);
  CHECK(preview.body.find("kioskctl settings sign kiosk-settings-hall-01-v1.json --key k.pem --key-id k") !=
        std::string::npos);
  const std::string draft = draftOf(preview.body);
  REQUIRE_FALSE(draft.empty());

  const auto download =
      admin.post("/console/admin/settings",
                 formBody(csrf, {{"step", "download"}, {"hall", "hall-01"}, {"kiosk", ""}, {"draft", draft}}));
  REQUIRE(download.status == 200);
  CHECK(header(download, "Content-Disposition").find("kiosk-settings-hall-01-v1.json") != std::string::npos);
  const wire::KioskSettings settings = wire::parseKioskSettings(download.body);
  CHECK(settings.hall == "hall-01");
  CHECK(settings.values.at("timing.idle_timeout_s") == 90);
  CHECK(settings.values.at("hours.sunday") == "");
  // A draft changed on the way is refused: the download is the previewed document or nothing.
  auto forged = nlohmann::json::parse(draft);
  forged["hall"] = "hall-02";
  CHECK(admin
            .post("/console/admin/settings",
                  formBody(csrf, {{"step", "download"}, {"hall", "hall-01"}, {"kiosk", ""}, {"draft", forged.dump()}}))
            .status == 422);

  // Signed with a key the hub does not trust: refused by the hub's own check, in words.
  const auto untrusted = admin.upload(
      "/console/admin/settings/upload",
      {{"csrf", csrf},
       {"hall", "hall-01"},
       {"file", wire::signSettings(download.body, "k", wire::Ed25519PrivateKey::generate()), true, "s.signed.json"}});
  CHECK(untrusted.status == 422);
  CHECK(untrusted.body.find("平台无法用已登记的管理员公钥核验这个签名") != std::string::npos);
  // Another hall's file on this hall's page: named, not published.
  wire::KioskSettings other = settings;
  other.hall = "hall-02";
  CHECK(admin
            .upload("/console/admin/settings/upload",
                    {{"csrf", csrf},
                     {"hall", "hall-01"},
                     {"file", wire::signSettings(wire::encodeKioskSettings(other), "k", f.listKey), true, "o.json"}})
            .status == 422);
  CHECK(admin
            .upload("/console/admin/settings/upload",
                    {{"csrf", csrf}, {"hall", "hall-01"}, {"file", "not json", true, "s.signed.json"}})
            .body.find("这不是签过名的终端设置文件") != std::string::npos);

  const auto published = admin.upload("/console/admin/settings/upload",
                                      {{"csrf", csrf},
                                       {"hall", "hall-01"},
                                       {"file", wire::signSettings(download.body, "k", f.listKey), true, "s.json"}});
  REQUIRE(published.status == 303);
  CHECK(header(published, "Location") == "/console/admin/settings?hall=hall-01&published=1");
  CHECK(hub::settings_store::latestVersion(f.store->database(), "zibo-zhangdian", "hall-01", "") == 1);
  const auto after = admin.get("/console/admin/settings?hall=hall-01&published=1");
  CHECK(after.body.find("已发布第 1") != std::string::npos);
  CHECK(after.body.find("value=\"90\"") != std::string::npos);  // the form starts from what is published
  // The same version again: 409, in words.
  CHECK(admin
            .upload("/console/admin/settings/upload",
                    {{"csrf", csrf},
                     {"hall", "hall-01"},
                     {"file", wire::signSettings(download.body, "k", f.listKey), true, "s.json"}})
            .status == 409);
  const auto audit = admin.get("/console/admin/audit");
  for (const char* action : {"预览终端设置", "下载待签名终端设置", "发布终端设置"}) {
    CAPTURE(action);
    CHECK(audit.body.find(action) != std::string::npos);
  }
}

TEST_CASE("a kiosk's own settings, a new staff PIN hashed and never shown, and each kiosk's applied versions") {
  ConsoleFixture f;
  f.store->enrolKiosk("hall-01-k1", "hall-01", hub::tokenHash(hub::newToken()), f.now);
  f.store->enrolKiosk("hall-01-k2", "hall-01", hub::tokenHash(hub::newToken()), f.now);
  hub::settings_store::add(
      f.store->database(), "zibo-zhangdian",
      {"hall-01", "", 4,
       wire::signSettings(wire::encodeKioskSettings({"zibo-zhangdian", "hall-01", "", 4, {}}), "k", f.listKey), f.now,
       "user:admin"});
  wire::Heartbeat hb{"1.5.0", 1, 0, 0, 0, "", 5'000'000'000, ""};
  hb.hallSettingsVersion = 4;
  hb.kioskSettingsVersion = 0;
  f.store->heartbeat("hall-01-k1", "hall-01", wire::encodeHeartbeat(hb), f.now, 0);
  hb.hallSettingsVersion = 3;
  f.store->heartbeat("hall-01-k2", "hall-01", wire::encodeHeartbeat(hb), f.now, 0);

  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto page = admin.get("/console/admin/settings?hall=hall-01");
  CHECK(page.body.find("4 / 4") != std::string::npos);
  CHECK(page.body.find("3 / 4") != std::string::npos);
  CHECK(page.body.find("待更新") != std::string::npos);
  CHECK(page.body.find("已是最新") != std::string::npos);
  // The 终端 page shows the same, the behind one in red, and leads to 终端设置.
  const auto kiosks = admin.get("/console/kiosks?hall=hall-01");
  CHECK(kiosks.body.find("<td class=\"\">全厅第 4 版（已发布 4）</td>") != std::string::npos);
  CHECK(kiosks.body.find("<td class=\"bad\">全厅第 3 版（已发布 4）</td>") != std::string::npos);
  CHECK(kiosks.body.find("href=\"/console/admin/settings?hall=hall-01\"") != std::string::npos);

  const auto preview = admin.post("/console/admin/settings", formBody(csrf, {{"step", "preview"},
                                                                             {"hall", "hall-01"},
                                                                             {"kiosk", "hall-01-k2"},
                                                                             {"version", "1"},
                                                                             {"staff.pin", "135790"},
                                                                             {"keys.good", "F1 KP_1"}}));
  REQUIRE(preview.status == 200);
  CHECK(preview.body.find("135790") == std::string::npos);
  CHECK(preview.body.find("改为新密码") != std::string::npos);
  const auto settings = wire::parseKioskSettings(draftOf(preview.body));
  CHECK(settings.kiosk == "hall-01-k2");
  CHECK(settings.values.at("staff.pin_hash").get<std::string>().rfind("$argon2id$", 0) == 0);
  CHECK(settings.values.at("keys.good") == nlohmann::json{"F1", "KP_1"});
  CHECK(preview.body.find("kiosk-settings-hall-01-k2-v1.json") != std::string::npos);
  // A new PIN of letters is refused and not echoed.
  const auto badPin = admin.post("/console/admin/settings", formBody(csrf, {{"step", "preview"},
                                                                            {"hall", "hall-01"},
                                                                            {"kiosk", "hall-01-k2"},
                                                                            {"version", "1"},
                                                                            {"staff.pin", "abc123"}}));
  CHECK(badPin.status == 422);
  CHECK(badPin.body.find("abc123") == std::string::npos);
  CHECK(badPin.body.find("员工密码须为 4 到 12 位数字") != std::string::npos);
}
