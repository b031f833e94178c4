// 立即同步, 重启程序 and 截屏 from the 终端 page: administrators only, with the session's CSRF token,
// queued through the API for an enrolled kiosk, shown on the page with what came of them (a
// screenshot as the image), audited.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/command_store.hpp"
#include "hub/store/screenshot_store.hpp"
#include "test_png.hpp"
#include "wire/heartbeat.hpp"

using testing::ConsoleFixture;
using testing::formBody;
using testing::header;

TEST_CASE("an administrator sends a kiosk 立即同步 and 重启程序, and sees what came of them") {
  ConsoleFixture f;
  f.store->enrolKiosk("hall-01-k1", "hall-01", hub::tokenHash(hub::newToken()), f.now);
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(
      staff
          .post("/console/admin/kiosks/command", formBody(staff.csrf(), {{"kiosk_id", "hall-01-k1"}, {"kind", "sync"}}))
          .status == 403);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  CHECK(admin.post("/console/admin/kiosks/command", "kiosk_id=hall-01-k1&kind=sync").status == 403);  // no CSRF
  CHECK(admin.post("/console/admin/kiosks/command", formBody(csrf, {{"kiosk_id", "hall-01-k1"}, {"kind", "reboot"}}))
            .status == 400);
  CHECK(admin.post("/console/admin/kiosks/command", formBody(csrf, {{"kiosk_id", "hall-09-k1"}, {"kind", "sync"}}))
            .status == 404);
  const auto sent =
      admin.post("/console/admin/kiosks/command", formBody(csrf, {{"kiosk_id", "hall-01-k1"}, {"kind", "restart"}}));
  REQUIRE(sent.status == 303);
  CHECK(header(sent, "Location") == "/console/kiosks");
  auto page = admin.get("/console/kiosks?hall=hall-01");
  CHECK(page.body.find("重启程序 · ") != std::string::npos);
  CHECK(page.body.find("等待终端联网") != std::string::npos);

  // The kiosk's heartbeat takes it, its next one acknowledges it.
  const auto handed = hub::command_store::deliver(f.store->database(), "hall-01-k1", f.now);
  REQUIRE(handed.size() == 1);
  CHECK(admin.get("/console/kiosks?hall=hall-01").body.find("已送达，等待执行") != std::string::npos);
  hub::command_store::acknowledge(f.store->database(), "hall-01-k1", {handed[0].id, "done"}, f.now);
  page = admin.get("/console/kiosks?hall=hall-01");
  CHECK(page.body.find("已完成") != std::string::npos);
  CHECK(staff.get("/console/kiosks?hall=hall-01").body.find("重启程序 · ") == std::string::npos);  // admins' tool
  CHECK(admin.get("/console/admin/audit").body.find("终端指令") != std::string::npos);
}

TEST_CASE(
    "截屏: an administrator asks, sees the kiosk's screenshot on the 终端 page, and only the last three are kept") {
  ConsoleFixture f;
  f.store->enrolKiosk("hall-01-k1", "hall-01", hub::tokenHash(hub::newToken()), f.now);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  REQUIRE(
      admin.post("/console/admin/kiosks/command", formBody(csrf, {{"kiosk_id", "hall-01-k1"}, {"kind", "screenshot"}}))
          .status == 303);
  auto& db = f.store->database();
  const auto handed = hub::command_store::deliver(db, "hall-01-k1", f.now);
  REQUIRE(handed.size() == 1);
  CHECK(handed[0].kind == wire::CommandKind::Screenshot);
  // The kiosk's answer, as the API stores it (its checks are the API's own test).
  CHECK(hub::command_store::awaitsScreenshot(db, "hall-01-k1", handed[0].id, f.now));
  CHECK_FALSE(hub::command_store::awaitsScreenshot(db, "hall-02-k1", handed[0].id, f.now));  // not that kiosk's
  CHECK_FALSE(hub::command_store::awaitsScreenshot(db, "hall-01-k1", handed[0].id, f.now + 31 * 60 + 61));
  const std::string png = test_png::flat(96, 54);
  REQUIRE(hub::screenshot_store::add(db, "hall-01-k1", {handed[0].id, "list", 96, 54, png}, f.now));
  CHECK_FALSE(hub::screenshot_store::add(db, "hall-01-k1", {handed[0].id, "list", 96, 54, png}, f.now));  // once
  const auto page = admin.get("/console/kiosks?hall=hall-01");
  CHECK(page.body.find("截屏 · 承诺列表 · 96×54") != std::string::npos);
  const std::string src = "/console/admin/kiosks/screenshot?kiosk=hall-01-k1&shot=1";
  CHECK(page.body.find("<img src=\"/console/admin/kiosks/screenshot?kiosk=hall-01-k1&amp;shot=1\"") !=
        std::string::npos);
  const auto image = admin.get(src);
  REQUIRE(image.status == 200);
  CHECK(image.contentType == "image/png");
  CHECK(header(image, "X-Content-Type-Options") == "nosniff");
  CHECK(image.body == png);
  // Another kiosk's id, a shot that is not there, a shot that is not a number: not found.
  CHECK(admin.get("/console/admin/kiosks/screenshot?kiosk=hall-02-k1&shot=1").status == 404);
  CHECK(admin.get("/console/admin/kiosks/screenshot?kiosk=hall-01-k1&shot=2").status == 404);
  CHECK(admin.get("/console/admin/kiosks/screenshot?kiosk=hall-01-k1&shot=1x").status == 404);
  CHECK(admin.get("/console/admin/kiosks/screenshot?kiosk=../k&shot=1").status == 400);
  // Staff never see screenshots: not on the page, not by address.
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.get("/console/kiosks?hall=hall-01").body.find("kiosks/screenshot") == std::string::npos);
  CHECK(staff.get(src).status == 403);
  // Four more: the first is gone, the page shows the newest and links the two before it.
  for (int i = 2; i <= 5; ++i)
    REQUIRE(
        hub::screenshot_store::add(db, "hall-01-k1", {"cmd-9" + std::to_string(i), "attract", 96, 54, png}, f.now + i));
  CHECK(admin.get(src).status == 404);
  CHECK(hub::screenshot_store::recent(db).size() == hub::screenshot_store::kKeptPerKiosk);
  const auto later = admin.get("/console/kiosks?hall=hall-01").body;
  CHECK(later.find("shot=5") != std::string::npos);
  CHECK(later.find("更早的截屏") != std::string::npos);
  CHECK(later.find("shot=2") == std::string::npos);
  CHECK(admin.get("/console/admin/audit").body.find("hall-01-k1 截屏 cmd-") != std::string::npos);
}
