// StaffDesk, the kiosk's staff side: reached through KioskApp as the kiosk uses it (gesture, PIN
// pad with its persistent lockout, staff screen, USB export), and directly for what the desk
// decides on its own. A real store on disk and a manual clock.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "common/password_hash.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/app/usb_export.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

struct StaffEvents final : app::AppEvents {
  int unlocked = 0, rejected = 0, syncNow = 0, quit = 0, left = 0;
  bool lastRejectLocked = false;
  std::vector<std::string> exports, exportFailures;
  void staffUnlocked() override { ++unlocked; }
  void staffPinRejected(int, bool locked) override {
    ++rejected;
    lastRejectLocked = locked;
  }
  void staffLeft() override { ++left; }
  void syncNowRequested() override { ++syncNow; }
  void maintenanceExitRequested() override { ++quit; }
  void exported(const std::string& folder) override { exports.push_back(folder); }
  void exportFailed(const std::string& why) override { exportFailures.push_back(why); }
};

// A kiosk with staff mode on (PIN 2468, hashed at test time with the cheapest Argon2id cost).
struct StaffFixture {
  testing::TempDir dir;
  config::KioskConfig cfg = [] {
    auto c = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
    c.staff.pinHash = common::hashPin("2468", common::HashCost::Minimal);
    return c;
  }();
  ManualClock clock;
  StaffEvents events;
  std::unique_ptr<app::KioskApp> app;

  StaffFixture() { restart(); }
  void restart() {
    app.reset();
    app = std::make_unique<app::KioskApp>(
        cfg, app::loadListFile(cfg.listFile), [this] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); },
        clock, events);
  }
  void type(std::string_view pin) {
    for (char c : pin) app->onIntent(Intent::pinDigit(static_cast<std::size_t>(c - '0')));
    app->onIntent(Intent::of(Intent::Kind::PinSubmit));
  }
  Screen screen() const { return app->session().screen(); }
};

}  // namespace

TEST_CASE("staff mode needs the gesture and the right PIN") {
  StaffFixture f;
  // Without the gesture the PIN pad's intents do nothing at all.
  f.type("2468");
  CHECK(f.screen() == Screen::Attract);
  CHECK(f.events.unlocked == 0);

  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  CHECK(f.screen() == Screen::StaffPin);
  f.app->onIntent(Intent::pinDigit(2));
  f.app->onIntent(Intent::pinDigit(4));
  CHECK(f.app->pinPrompt().digits == 2);
  f.app->onIntent(Intent::of(Intent::Kind::PinErase));
  CHECK(f.app->pinPrompt().digits == 1);
  f.app->onIntent(Intent::of(Intent::Kind::StaffLeave));
  CHECK(f.screen() == Screen::Attract);

  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  CHECK(f.app->pinPrompt().digits == 0);  // what was typed before is gone
  f.type("1357");
  CHECK(f.screen() == Screen::StaffPin);
  CHECK(f.app->pinPrompt().feedback == PinPrompt::Feedback::Wrong);
  CHECK(f.app->pinPrompt().triesLeft == 4);
  f.type("2468");
  CHECK(f.screen() == Screen::Staff);
  CHECK(f.events.unlocked == 1);
  CHECK(f.app->pinPrompt().triesLeft == 5);  // a right PIN clears the count
  CHECK(f.app->staffReport().tallies.size() == f.app->list().commitments.size());
}

TEST_CASE("five wrong PINs lock the pad out, across a restart too") {
  StaffFixture f;
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  for (int i = 0; i < 5; ++i) f.type("0000");
  CHECK(f.events.rejected == 5);
  CHECK(f.events.lastRejectLocked);
  CHECK(f.app->pinPrompt().feedback == PinPrompt::Feedback::Locked);
  CHECK(f.app->pinPrompt().lockedFor == 30s);
  // Even the right PIN is refused while locked out, and typing is ignored.
  f.type("2468");
  CHECK(f.screen() == Screen::StaffPin);
  CHECK(f.app->pinPrompt().digits == 0);

  // Pulling the plug does not hand out fresh tries.
  f.restart();
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  CHECK(f.app->pinPrompt().feedback == PinPrompt::Feedback::Locked);
  f.type("2468");
  CHECK(f.screen() == Screen::StaffPin);

  f.clock.advance(30s);
  f.app->tick();
  CHECK(f.app->pinPrompt().feedback != PinPrompt::Feedback::Locked);
  f.type("9999");  // the sixth wrong PIN in a row locks again, for twice as long
  CHECK(f.app->pinPrompt().lockedFor == 60s);
  f.clock.advance(60s);
  f.type("2468");
  CHECK(f.screen() == Screen::Staff);
}

TEST_CASE("staff mode ends itself on idle, and its buttons reach main through events") {
  StaffFixture f;
  f.app->onIntent(Intent::of(Intent::Kind::StaffSyncNow));  // locked: ignored
  CHECK(f.events.syncNow == 0);
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  f.type("2468");
  f.app->onIntent(Intent::of(Intent::Kind::StaffSyncNow));
  CHECK(f.events.syncNow == 1);
  CHECK(f.app->staffReport().notice.key == "staff.notice_offline");  // no [sync] in this config
  f.app->onIntent(Intent::of(Intent::Kind::StaffQuit));
  CHECK(f.events.quit == 1);

  f.clock.advance(f.cfg.session.staffIdleTimeout - 1ms);
  f.app->tick();
  CHECK(f.screen() == Screen::Staff);
  f.clock.advance(1ms);
  f.app->tick();
  CHECK(f.screen() == Screen::Attract);
}

TEST_CASE("export writes tallies and every unsent batch to the stick, and refuses when none is mounted") {
  StaffFixture f;
  f.cfg.staff.exportDir = f.dir / "usb";
  f.cfg.staff.exportNeedsMount = false;  // a temp folder stands in for the stick's mount point
  const auto key = wire::Ed25519PrivateKey::generate();
  f.app->setSigningKey(key);
  for (std::size_t i : {std::size_t{0}, std::size_t{0}, std::size_t{1}}) {
    f.app->onIntent(Intent::start());
    f.app->onIntent(Intent::open(i));
    f.app->onIntent(Intent::rate(i == 0 ? Rating::Good : Rating::Poor));
    if (f.screen() == Screen::Reason) f.app->onIntent(Intent::chooseReason(0));
    f.app->onIntent(Intent::finish());
    f.clock.advance(10s);  // past the response interval: each is a counted vote
  }
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  f.type("2468");

  // No stick: the folder does not exist. Nothing is written, and staff are told why.
  f.app->onIntent(Intent::of(Intent::Kind::StaffExport));
  CHECK(f.app->staffReport().notice.key == "staff.notice_no_stick");
  CHECK(f.app->staffReport().notice.detail == f.cfg.staff.exportDir.string());

  std::filesystem::create_directories(f.cfg.staff.exportDir);
  f.app->onIntent(Intent::of(Intent::Kind::StaffExport));
  REQUIRE(f.events.exports.size() == 1);
  CHECK(f.app->staffReport().notice.key == "staff.notice_exported");
  const std::filesystem::path folder = f.events.exports[0];
  CHECK(folder.parent_path() == f.cfg.staff.exportDir);
  CHECK_FALSE(std::filesystem::exists(folder.string() + ".partial"));

  std::ifstream csvFile(folder / "tallies.csv", std::ios::binary);
  const std::string csv{std::istreambuf_iterator<char>(csvFile), {}};
  CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  const auto& first = f.app->list().commitments[0];
  // c-0001: 2 good today, this month and in all; 100% satisfied.
  CHECK(csv.find(first.id + "," + first.holder.name) != std::string::npos);
  CHECK(csv.find(",2,0,0,2,0,0,2,0,0,2,100.0%,0.0%\r\n") != std::string::npos);

  // Both sessions' votes were frozen into batches and written byte for byte, each with the
  // kiosk's signature beside it (and its public key in the folder); they stay queued.
  const auto read = [](const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string{std::istreambuf_iterator<char>(in), {}};
  };
  CHECK(read(folder / "kiosk-key.pub.pem") == key.publicKey().toPem());
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder / "batches")) {
    if (entry.path().extension() == ".sig") continue;
    ++files;
    const std::string body = read(entry.path());
    CHECK(body.find("\"format\":\"rating-batch/1\"") != std::string::npos);
    std::string sig = read(entry.path().string() + ".sig");
    REQUIRE(sig.size() > 1);
    sig.pop_back();  // the newline
    CHECK(key.publicKey().verify(body, wire::base64Decode(sig)));
  }
  CHECK(files >= 1);
  CHECK(f.app->staffReport().sync.queuedBatches == static_cast<std::int64_t>(files));
  CHECK(f.app->staffReport().sync.openVotes == 0);

  // A plain folder where a stick's mount point should be is refused when a mount is required.
  f.cfg.staff.exportNeedsMount = true;
  f.app->onIntent(Intent::of(Intent::Kind::StaffExport));
  CHECK(f.app->staffReport().notice.key == "staff.notice_no_stick");
  CHECK(f.events.exports.size() == 1);
}

TEST_CASE("an export the stick cannot take tells staff in words, and the journal why") {
  StaffFixture f;
  // A folder that exists but takes no files, even for root: what a full or read-only stick does.
  f.cfg.staff.exportDir = "/proc";
  f.cfg.staff.exportNeedsMount = false;
  f.app->onIntent(Intent::start());
  f.app->onIntent(Intent::open(0));
  f.app->onIntent(Intent::rate(Rating::Good));
  f.app->onIntent(Intent::finish());
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  f.type("2468");
  f.app->onIntent(Intent::of(Intent::Kind::StaffExport));
  const auto notice = f.app->staffReport().notice;
  CHECK(notice.key == "staff.notice_export_failed");
  CHECK(notice.detail.empty());  // no system message on the staff screen
  REQUIRE(f.events.exportFailures.size() == 1);
  CHECK(f.events.exportFailures[0].find("writing to the USB stick failed") != std::string::npos);
  CHECK(f.events.exports.empty());
  // The strings staff read say what to do, in their language.
  const std::string zh = testing::readFile(testing::sourceRoot() / "config/strings/zh-CN.toml");
  CHECK(zh.find("notice_export_failed = \"导出失败：无法写入U盘") != std::string::npos);
}

TEST_CASE("the tallies CSV lists every commitment in list order, quotes what needs it, and keeps unlisted votes") {
  auto list = app::loadListFile(testing::sourceRoot() / "config/demo/commitments.json");
  list.commitments.resize(2);
  list.commitments[1].title = "办事\"零跑腿\", 一次办好";
  const std::vector<CommitmentTally> tallies{
      {list.commitments[1].id, {1, 0, 0}, {2, 1, 0}, {3, 1, 1}},
      {"c-retired", {0, 0, 0}, {0, 0, 0}, {0, 4, 0}},  // from an earlier list
  };
  const std::string csv = app::talliesCsv(list, tallies);
  CHECK(csv.rfind("\xEF\xBB\xBF承诺编号,", 0) == 0);
  const auto first = csv.find(list.commitments[0].id + ",");
  const auto second = csv.find(list.commitments[1].id + ",");
  const auto retired = csv.find("c-retired,");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(retired != std::string::npos);
  CHECK(first < second);
  CHECK(second < retired);
  CHECK(csv.find("\"办事\"\"零跑腿\"\", 一次办好\"") != std::string::npos);
  CHECK(csv.find(",1,0,0,2,1,0,3,1,1,5,60.0%,40.0%\r\n") != std::string::npos);
  CHECK(csv.find("c-retired,,,,,0,0,0,0,0,0,0,4,0,4,0.0%,100.0%\r\n") != std::string::npos);
  // A commitment without votes has empty shares rather than a division by zero.
  CHECK(csv.find(",0,0,0,0,0,0,0,0,0,0,,\r\n") != std::string::npos);
}

TEST_CASE("an unreadable wrong-PIN count is taken as the worst case: the pad starts locked") {
  StaffFixture f;
  f.app->store()->setSetting("staff_pin_failures", "not a number");
  f.restart();
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  CHECK(f.app->pinPrompt().feedback == PinPrompt::Feedback::Locked);
  f.type("2468");
  CHECK(f.screen() == Screen::StaffPin);
  f.clock.advance(PinGate::kFirstLockout);
  f.type("2468");
  CHECK(f.screen() == Screen::Staff);
}

// ---- The desk on its own ----------------------------------------------------------------------

TEST_CASE("the desk ignores staff intents outside staff mode and resident intents always") {
  StaffFixture f;
  app::StaffDesk desk(f.cfg, f.clock, f.events);
  Session session(f.cfg.session, {"c-0001"}, {}, {{"annual", "区人社局"}});
  const auto list = app::loadListFile(f.cfg.listFile);
  desk.onIntent(Intent::of(Intent::Kind::StaffQuit), session, f.app->store(), list);
  desk.onIntent(Intent::pinDigit(2), session, f.app->store(), list);
  CHECK(f.events.quit == 0);
  CHECK(desk.pinPrompt().digits == 0);
  desk.onIntent(Intent::of(Intent::Kind::StaffGesture), session, f.app->store(), list);
  CHECK(session.screen() == Screen::StaffPin);
  desk.onIntent(Intent::start(), session, f.app->store(), list);  // not the desk's to handle
  CHECK(session.screen() == Screen::StaffPin);
  CHECK_FALSE(desk.nextRefresh(session));  // no refreshing until the staff screen shows
}

TEST_CASE("the desk unlocks with the right PIN, then refreshes the report once a second") {
  StaffFixture f;
  app::StaffDesk desk(f.cfg, f.clock, f.events);
  Session session(f.cfg.session, {"c-0001"}, {}, {{"annual", "区人社局"}});
  const auto list = app::loadListFile(f.cfg.listFile);
  int reads = 0;
  desk.setSyncStatusSource([&] {
    ++reads;
    SyncSummary s;
    s.configured = true;
    s.problem = "unreachable";
    return s;
  });
  desk.onIntent(Intent::of(Intent::Kind::StaffGesture), session, f.app->store(), list);
  for (int d : {2, 4, 6, 8})
    desk.onIntent(Intent::pinDigit(static_cast<std::size_t>(d)), session, f.app->store(), list);
  desk.onIntent(Intent::of(Intent::Kind::PinSubmit), session, f.app->store(), list);
  REQUIRE(session.screen() == Screen::Staff);
  CHECK(reads == 1);
  CHECK(desk.report().sync.problem == "unreachable");
  CHECK(desk.report().tallies.size() == list.commitments.size());
  REQUIRE(desk.nextRefresh(session));
  CHECK(*desk.nextRefresh(session) == f.clock.now() + app::StaffDesk::kRefresh);
  desk.tick(session, f.app->store(), list);
  CHECK(reads == 1);  // not due yet
  f.clock.advance(app::StaffDesk::kRefresh);
  desk.tick(session, f.app->store(), list);
  CHECK(reads == 2);
}

TEST_CASE("export with no store open says so instead of writing half a folder") {
  StaffFixture f;
  f.cfg.staff.exportDir = f.dir / "usb";
  f.cfg.staff.exportNeedsMount = false;
  app::StaffDesk desk(f.cfg, f.clock, f.events);
  Session session(f.cfg.session, {"c-0001"}, {}, {{"annual", "区人社局"}});
  const auto list = app::loadListFile(f.cfg.listFile);
  desk.onIntent(Intent::of(Intent::Kind::StaffGesture), session, f.app->store(), list);
  for (int d : {2, 4, 6, 8})
    desk.onIntent(Intent::pinDigit(static_cast<std::size_t>(d)), session, f.app->store(), list);
  desk.onIntent(Intent::of(Intent::Kind::PinSubmit), session, f.app->store(), list);
  REQUIRE(session.screen() == Screen::Staff);
  desk.onIntent(Intent::of(Intent::Kind::StaffExport), session, nullptr, list);
  CHECK(desk.report().notice.key == "staff.notice_store_error");
  CHECK_FALSE(std::filesystem::exists(f.dir / "usb"));
  CHECK(f.events.exports.empty());
}
