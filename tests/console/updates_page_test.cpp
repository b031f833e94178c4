// 软件更新: administrators see the published update ring by ring — each kiosk counted from its
// heartbeat (pending, downloading, installed, healthy, rolled back), why a ring is not due, the
// kiosks with something to say and why — and pause, resume and start the next ring; a form about a
// manifest or ring that is no longer the one shown is refused; every step is in the audit log.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/update_store.hpp"
#include "wire/heartbeat.hpp"
#include "wire/update_manifest.hpp"

using testing::ConsoleFixture;
using testing::formBody;

namespace {

void heartbeat(ConsoleFixture& f, const std::string& kiosk, const std::string& hall, const std::string& running,
               const std::optional<wire::UpdateReport>& update = std::nullopt) {
  // The report added to the encoded heartbeat (GCC 12 warns, wrongly, on assigning the optional here).
  auto hb = nlohmann::json::parse(wire::encodeHeartbeat({running, 1, 0, 0, 0, "", 5'000'000'000, ""}));
  if (update) hb["update"] = wire::updateReportJson(*update);
  f.store->heartbeat(kiosk, hall, hb.dump(), f.now, 0);
}

// Manifest `id` for 1.6.0-1: a pilot kiosk, then hall-01, then every hall; published with its package.
void publish(ConsoleFixture& f, std::int64_t id) {
  const std::string package(4096, 'p');
  wire::UpdateManifest m;
  m.deployment = "zibo-zhangdian";
  m.id = id;
  m.version = "1.6.0-1";
  m.architecture = "amd64";
  m.sha256 = wire::sha256Hex(package);
  m.size = static_cast<std::int64_t>(package.size());
  m.notBeforeText = "2026-11-01T00:00:00+08:00";
  m.rings = {{"试点", {}, {"hall-01-k1"}}, {"一厅", {"hall-01"}, {}}, {"全区", {"*"}, {}}};
  const std::string envelope = wire::signUpdateManifest(wire::encodeUpdateManifest(m), "k", f.listKey);
  hub::update_store::publish(f.store->database(), wire::parseUpdateManifest(wire::encodeUpdateManifest(m)), envelope,
                             f.now - 3600, "token:1a2b3c");
  hub::update_store::storePackage(f.store->database(), m.sha256, package);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("软件更新 shows each ring's kiosks by state and why a ring waits, in words") {
  ConsoleFixture f;
  for (const char* k : {"hall-01-k1", "hall-01-k2", "hall-01-k3"})
    f.store->enrolKiosk(k, "hall-01", hub::tokenHash(hub::newToken()), f.now);
  f.store->enrolKiosk("hall-02-k1", "hall-02", hub::tokenHash(hub::newToken()), f.now);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  CHECK(admin.get("/console/admin/updates").body.find("尚未发布软件更新") != std::string::npos);

  publish(f, 5);
  heartbeat(f, "hall-01-k1", "hall-01", "1.5.2", wire::UpdateReport{"1.6.0-1", wire::UpdateState::Downloading});
  heartbeat(f, "hall-01-k2", "hall-01", "1.5.2");
  auto page = admin.get("/console/admin/updates");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("1.6.0-1") != std::string::npos);
  CHECK(page.body.find("由 管理员（kioskctl，令牌 1a2b3c…） 发布") != std::string::npos);  // not a bare token id
  CHECK(page.body.find("4 KB") != std::string::npos);
  CHECK(page.body.find("进行中") != std::string::npos);                      // the pilot ring
  CHECK(page.body.find("等上一批全部运行正常后开始") != std::string::npos);  // the two after it
  CHECK(page.body.find("全部大厅") != std::string::npos);                    // "*" in words
  CHECK(page.body.find("hall-01-k1") != std::string::npos);                  // downloading: listed
  CHECK(page.body.find("下载中") != std::string::npos);

  // The pilot comes back on the new version: the hall's ring starts; one of its kiosks rolls back.
  heartbeat(f, "hall-01-k1", "hall-01", "1.6.0", wire::UpdateReport{"1.6.0-1", wire::UpdateState::Healthy});
  heartbeat(f, "hall-01-k2", "hall-01", "1.5.2",
            wire::UpdateReport{"1.6.0-1", wire::UpdateState::RolledBack, "the kiosk was not ready within 60 s"});
  heartbeat(f, "hall-01-k3", "hall-01", "1.5.2",
            wire::UpdateReport{"1.6.0-1", wire::UpdateState::Refused, "the package is other 2.0, not the manifest's"});
  page = admin.get("/console/admin/updates");
  CHECK(page.body.find("已完成") != std::string::npos);                              // the pilot ring
  CHECK(page.body.find("有终端已回退，后续批次暂停") != std::string::npos);          // the hall's ring
  CHECK(page.body.find("终端原话：the package is other 2.0") != std::string::npos);  // a reason without words
  CHECK(page.body.find("已回退：装后 60 秒内终端未就绪") != std::string::npos);      // the updater's reason in words
  CHECK(count(page.body, "class=\"alarm\"") == 3);  // the ring's row and its two kiosks
  // The rollback holds 全区; 放行 is offered for it, with the ring the administrator sees.
  CHECK(page.body.find("放行“全区”") != std::string::npos);
  CHECK(page.body.find("name=\"ring\" value=\"2\"") != std::string::npos);
}

TEST_CASE("软件更新: pause, resume and start the next ring, only for the rollout on screen, each audited") {
  ConsoleFixture f;
  f.store->enrolKiosk("hall-01-k1", "hall-01", hub::tokenHash(hub::newToken()), f.now);
  f.store->enrolKiosk("hall-01-k2", "hall-01", hub::tokenHash(hub::newToken()), f.now);
  publish(f, 5);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto control = [&] { return hub::update_store::latest(f.store->database(), "zibo-zhangdian")->control; };
  const auto post = [&](std::initializer_list<std::pair<const char*, std::string>> fields) {
    return admin.post("/console/admin/updates", formBody(csrf, fields));
  };

  auto r = post({{"action", "pause"}, {"manifest", "5"}});
  CHECK(r.status == 303);
  CHECK(control().paused);
  CHECK(admin.get("/console/admin/updates?done=pause").body.find("已暂停推送") != std::string::npos);
  // Paused: nothing to start.
  CHECK(post({{"action", "advance"}, {"manifest", "5"}, {"ring", "1"}}).status == 409);
  CHECK(post({{"action", "resume"}, {"manifest", "5"}}).status == 303);
  CHECK_FALSE(control().paused);
  // 放行 starts the ring after the pilot, once; asked again for the same ring it is refused as stale.
  CHECK(post({{"action", "advance"}, {"manifest", "5"}, {"ring", "1"}}).status == 303);
  CHECK(control().advancedThrough == 1);
  const auto stale = post({{"action", "advance"}, {"manifest", "5"}, {"ring", "1"}});
  CHECK(stale.status == 409);
  CHECK(stale.body.find("推送情况已经变化") != std::string::npos);
  // A newer manifest published meanwhile: the form about 5 changes nothing.
  publish(f, 6);
  CHECK(post({{"action", "pause"}, {"manifest", "5"}}).status == 409);
  CHECK_FALSE(control().paused);
  // Bad input, each named; no CSRF, no change.
  CHECK(post({{"action", "explode"}, {"manifest", "6"}}).status == 400);
  CHECK(admin.post("/console/admin/updates", "action=pause&manifest=6").status == 403);
  CHECK_FALSE(control().paused);

  const auto audit = admin.get("/console/admin/audit").body;
  CHECK(audit.find("暂停软件更新") != std::string::npos);
  CHECK(audit.find("继续软件更新") != std::string::npos);
  CHECK(audit.find("放行软件更新批次") != std::string::npos);
  CHECK(audit.find("5 1.6.0-1 → 一厅") != std::string::npos);
}
