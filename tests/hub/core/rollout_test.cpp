// hub::rolloutProgress: the rings' counts and which ring is due, as the console will show them and
// the hub will answer kiosks — paused, advanced by hand, blocked by a rollback.
#include <doctest/doctest.h>

#include "hub/core/rollout.hpp"

using hub::KioskUpdate;
using hub::KioskUpdateReport;
using hub::RolloutControl;

namespace {

constexpr std::int64_t kNow = 1'796'731'200;

wire::UpdateManifest manifest() {
  wire::UpdateManifest m;
  m.deployment = "zibo-zhangdian";
  m.id = 3;
  m.version = "1.6.0-1";
  m.architecture = "amd64";
  m.sha256 = std::string(64, 'a');
  m.size = 1000;
  m.notBefore = kNow - 60;
  m.rings = {{"试点", {}, {"hall-01-k1"}}, {"第一服务大厅", {"hall-01"}, {}}, {"全区", {"*"}, {}}};
  return m;
}

std::vector<KioskUpdateReport> fleet() {
  return {{"hall-01-k1", "hall-01", "1.5.2"},
          {"hall-01-k2", "hall-01", "1.5.2"},
          {"hall-01-k3", "hall-01", "1.5.2"},
          {"hall-02-k1", "hall-02", "1.5.2"}};
}

}  // namespace

TEST_CASE("each kiosk's state from its running version and its updater's last word") {
  const auto m = manifest();
  using S = wire::UpdateState;
  const auto said = [](S state, const char* version = "1.6.0-1") { return wire::UpdateReport{version, state, ""}; };
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2"}) == KioskUpdate::Pending);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::Downloading)}) == KioskUpdate::Downloading);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::Waiting)}) == KioskUpdate::Downloading);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::Installed)}) == KioskUpdate::Installed);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::Healthy)}) == KioskUpdate::Healthy);    // the updater's word
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.6.0", said(S::Installed)}) == KioskUpdate::Healthy);  // app_version
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.6.0-1"}) == KioskUpdate::Healthy);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::RolledBack)}) == KioskUpdate::RolledBack);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::Refused)}) == KioskUpdate::RolledBack);
  // A word about another version (the last update's, or a later one) says nothing of this one.
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::RolledBack, "1.5.9-1")}) == KioskUpdate::Pending);
  CHECK(hub::kioskUpdate(m, {"k", "h", "1.5.2", said(S::Healthy, "1.5.2-1")}) == KioskUpdate::Pending);
}

TEST_CASE("ring by ring: the next starts once the one before is healthy") {
  const auto m = manifest();
  auto kiosks = fleet();
  auto rings = hub::rolloutProgress(m, kiosks, {}, kNow);
  REQUIRE(rings.size() == 3);
  CHECK(rings[0].due);
  CHECK_FALSE(rings[1].due);
  CHECK_FALSE(rings[2].due);
  CHECK(rings[0].pending == 1);
  CHECK(rings[1].pending == 2);  // k2, k3: k1 is in the pilot ring, the first that names it
  CHECK(rings[2].pending == 1);
  CHECK(hub::ringDueFor(m, kiosks, {}, kNow, "hall-01-k1", "hall-01"));
  CHECK_FALSE(hub::ringDueFor(m, kiosks, {}, kNow, "hall-01-k2", "hall-01"));
  kiosks[0].updater = wire::UpdateReport{"1.6.0-1", wire::UpdateState::Downloading};
  CHECK(hub::rolloutProgress(m, kiosks, {}, kNow)[0].downloading == 1);
  kiosks[0].runningVersion = "1.6.0";  // the pilot is healthy: the hall's ring starts
  rings = hub::rolloutProgress(m, kiosks, {}, kNow);
  CHECK(rings[0].healthy == 1);
  CHECK(rings[1].due);
  CHECK_FALSE(rings[2].due);
  kiosks[1].runningVersion = kiosks[2].runningVersion = "1.6.0";
  CHECK(hub::rolloutProgress(m, kiosks, {}, kNow)[2].due);
  CHECK(hub::ringDueFor(m, kiosks, {}, kNow, "hall-02-k1", "hall-02"));
}

TEST_CASE("nothing is due before not_before or while paused, and a rollback holds the next ring until advanced") {
  const auto m = manifest();
  auto kiosks = fleet();
  CHECK_FALSE(hub::rolloutProgress(m, kiosks, {}, m.notBefore - 1)[0].due);
  CHECK_FALSE(hub::rolloutProgress(m, kiosks, {true, 0}, kNow)[0].due);
  kiosks[0].updater =
      wire::UpdateReport{"1.6.0-1", wire::UpdateState::RolledBack, "no heartbeat was accepted within 5 min"};
  auto rings = hub::rolloutProgress(m, kiosks, {}, kNow);
  CHECK(rings[0].rolledBack == 1);
  CHECK_FALSE(rings[1].due);
  CHECK(hub::ringToAdvance(rings) == std::optional<std::size_t>(1));  // what 放行下一批 would start
  rings = hub::rolloutProgress(m, kiosks, {false, 1}, kNow);          // an administrator says: go on anyway
  CHECK(hub::ringToAdvance(rings) == std::optional<std::size_t>(2));
  CHECK(rings[1].due);
  CHECK_FALSE(rings[2].due);
  CHECK_FALSE(hub::ringToAdvance(hub::rolloutProgress(m, kiosks, {false, 2}, kNow)));  // every ring is due
  CHECK_FALSE(hub::ringToAdvance(hub::rolloutProgress(m, kiosks, {true, 0}, kNow)));   // none is: nothing to advance
  CHECK_FALSE(hub::rolloutProgress(m, kiosks, {true, 2}, kNow)[1].due);                // paused wins over advanced
  CHECK_FALSE(hub::rolloutProgress(m, kiosks, {false, 2}, m.notBefore - 1)[1].due);    // and not before its time
  // A kiosk no ring names takes no part.
  auto pilotOnly = m;
  pilotOnly.rings = {{"试点", {}, {"hall-01-k1"}}};
  CHECK(hub::rolloutProgress(pilotOnly, kiosks, {}, kNow)[0].total() == 1);
  CHECK_FALSE(hub::ringDueFor(pilotOnly, kiosks, {}, kNow, "hall-02-k1", "hall-02"));
}
