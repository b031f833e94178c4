// 立即同步 and 重启程序 from the 终端 page: administrators only, with the session's CSRF token,
// queued through the API for an enrolled kiosk, shown on the page with what came of them, audited.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/command_store.hpp"
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
