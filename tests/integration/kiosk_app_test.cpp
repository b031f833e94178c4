// KioskApp with a real store on disk and a manual clock: a vote is acknowledged only after its
// commit; a full disk takes the kiosk out of service without a false "thank you", and service
// resumes once the disk takes writes again.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "common/password_hash.hpp"
#include "kiosk/app/usb_export.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

struct RecordingEvents final : app::AppEvents {
  std::vector<store::VoteRecord> acks;
  std::vector<std::string> failures;
  int recoveries = 0;
  void voteAcknowledged(const store::VoteRecord& v) override { acks.push_back(v); }
  void storeFailed(std::string_view why) override { failures.emplace_back(why); }
  void storeRecovered() override { ++recoveries; }
};

struct Fixture {
  testing::TempDir dir;
  config::KioskConfig cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  ManualClock clock;
  RecordingEvents events;
  std::function<void()> beforeOpen = [] {};
  std::unique_ptr<app::KioskApp> app;

  Fixture() {
    app = std::make_unique<app::KioskApp>(cfg, app::loadListFile(cfg.listFile),
                                          [this] {
                                            beforeOpen();
                                            return std::make_unique<store::VoteStore>(dir / "kiosk.db");
                                          },
                                          clock, events);
  }

  void voteGoodOn(std::size_t index) {
    app->onIntent(Intent::start());
    app->onIntent(Intent::open(index));
    app->onIntent(Intent::rate(Rating::Good));
  }

  std::int64_t tally(const std::string& id) {
    for (const auto& row : app->store()->localTally())
      if (row.commitmentId == id && row.rating == Rating::Good) return row.n;
    return 0;
  }

  // Caps the file at its current pages and packs the tally's only page with tiny rows until it is
  // full: what is left is smaller than any real vote row, so the next new row cannot be written.
  void fillDisk() {
    auto& db = app->store()->database();
    common::sql::Statement pages(db, "PRAGMA page_count");
    pages.step();
    db.exec("PRAGMA max_page_count = " + std::to_string(pages.columnInt(0)));
    try {
      for (int i = 0; i < 10'000; ++i)
        db.exec("INSERT INTO tally(commitment_id, list_version, bucket, rating) VALUES ('f" + std::to_string(i) +
                "', 1, 'b', 'good')");
    } catch (const common::sql::SqliteError&) {
    }
  }
};

}  // namespace

TEST_CASE("a tapped vote is stored, then acknowledged with its bucket and list version") {
  Fixture f;
  f.voteGoodOn(0);
  CHECK(f.app->session().screen() == Screen::Thanks);
  REQUIRE(f.events.acks.size() == 1);
  CHECK(f.events.acks[0].commitmentId == "c-0001");
  CHECK(f.events.acks[0].listVersion == f.app->list().version);
  CHECK(f.events.acks[0].bucket.size() == std::string("2026-11-21T09:00+08:00").size());
  CHECK(f.tally("c-0001") == 1);
}

TEST_CASE("keys by name reach the session through the configured key map") {
  Fixture f;
  f.app->onKey("Return", 2);
  f.app->onKey("Right", 2);
  f.app->onKey("KP_Enter", 2);
  f.app->onKey("KP_1", 2);
  f.app->onKey("q", 2);  // unmapped: ignored
  REQUIRE(f.events.acks.size() == 1);
  CHECK(f.events.acks[0].commitmentId == "c-0002");
}

TEST_CASE("a full disk: out of service, no acknowledgement, earlier votes intact, then recovery") {
  Fixture f;
  f.voteGoodOn(0);
  f.app->onIntent(Intent::finish());
  REQUIRE(f.events.acks.size() == 1);

  f.fillDisk();
  f.voteGoodOn(1);
  CHECK(f.app->session().screen() == Screen::OutOfService);
  CHECK(f.events.acks.size() == 1);  // no false "thank you"
  REQUIRE(f.events.failures.size() == 1);
  CHECK(f.events.failures[0].find("full") != std::string::npos);

  // Retries wait for their interval, then reopen the store (a new connection has no cap).
  f.clock.advance(app::KioskApp::kStoreRetry - 1ms);
  f.app->tick();
  CHECK(f.app->session().screen() == Screen::OutOfService);
  f.clock.advance(1ms);
  f.app->tick();
  CHECK(f.app->session().screen() == Screen::Attract);
  CHECK(f.events.recoveries == 1);
  CHECK(f.tally("c-0001") == 1);
  CHECK(f.tally("c-0002") == 0);

  f.voteGoodOn(1);
  CHECK(f.events.acks.size() == 2);
  CHECK(f.tally("c-0002") == 1);
}

TEST_CASE("a store that cannot be opened at start shows out of service until it can") {
  testing::TempDir dir;
  const auto cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  ManualClock clock;
  RecordingEvents events;
  bool broken = true;
  app::KioskApp app(cfg, app::loadListFile(cfg.listFile),
                    [&] {
                      if (broken) throw common::sql::SqliteError(10, "disk I/O error");
                      return std::make_unique<store::VoteStore>(dir / "kiosk.db");
                    },
                    clock, events);
  CHECK(app.session().screen() == Screen::OutOfService);
  CHECK(events.failures.size() == 1);
  REQUIRE(app.nextDeadline());
  clock.advance(app::KioskApp::kStoreRetry);
  app.tick();
  CHECK(app.session().screen() == Screen::OutOfService);
  broken = false;
  clock.advance(app::KioskApp::kStoreRetry);
  app.tick();
  CHECK(app.session().screen() == Screen::Attract);
}

TEST_CASE("outside opening hours the kiosk is closed and takes no votes; it opens by itself") {
  testing::TempDir dir;
  auto cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  // The manual clock starts on Saturday 2026-11-21 at 10:00 in Beijing.
  cfg.hours = OpeningHours{};
  cfg.hours.setDay(5, *OpeningHours::parseDay("10:30-12:00"));
  ManualClock clock;
  RecordingEvents events;
  app::KioskApp app(cfg, app::loadListFile(cfg.listFile),
                    [&] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); }, clock, events);
  CHECK(app.session().screen() == Screen::Closed);
  CHECK(app.hoursToday() == "10:30-12:00");
  for (const char* key : {"Return", "Down", "Return", "1", "2", "3"}) app.onKey(key, 2);
  app.onIntent(Intent::start());
  app.onIntent(Intent::open(0));
  app.onIntent(Intent::rate(Rating::Good));
  CHECK(app.session().screen() == Screen::Closed);
  CHECK(events.acks.empty());
  // The loop is told to wake exactly at opening time.
  REQUIRE(app.nextDeadline());
  CHECK(*app.nextDeadline() - clock.now() == std::chrono::minutes(30));

  clock.advance(30min);
  app.tick();
  CHECK(app.session().screen() == Screen::Attract);
  app.onKey("Return", 2);
  app.onKey("Return", 2);
  CHECK(app.session().screen() == Screen::Detail);
  // Closing time arrives mid-session: the resident is sent off and the vote does not count.
  clock.advance(90min);
  app.tick();
  CHECK(app.session().screen() == Screen::Closed);
  app.onKey("1", 2);
  CHECK(events.acks.empty());
}

// ---- Staff mode -------------------------------------------------------------------------------

namespace {

struct StaffEvents final : app::AppEvents {
  int unlocked = 0, rejected = 0, syncNow = 0, quit = 0, left = 0;
  bool lastRejectLocked = false;
  std::vector<std::string> exports;
  void staffUnlocked() override { ++unlocked; }
  void staffPinRejected(int, bool locked) override {
    ++rejected;
    lastRejectLocked = locked;
  }
  void staffLeft() override { ++left; }
  void syncNowRequested() override { ++syncNow; }
  void maintenanceExitRequested() override { ++quit; }
  void exported(const std::string& folder) override { exports.push_back(folder); }
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
    app = std::make_unique<app::KioskApp>(cfg, app::loadListFile(cfg.listFile),
                                          [this] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); },
                                          clock, events);
  }
  void type(std::string_view pin) {
    for (char c : pin) app->onIntent(Intent::pinDigit(static_cast<std::size_t>(c - '0')));
    app->onIntent(Intent::of(Intent::Kind::PinSubmit));
  }
  Screen screen() const { return app->session().screen(); }
};

}  // namespace

TEST_CASE("the PIN is stored only as an Argon2id hash, and only that PIN matches it") {
  const std::string hash = common::hashPin("2468", common::HashCost::Minimal);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("2468") == std::string::npos);
  CHECK(common::verifyPin(hash, "2468"));
  CHECK_FALSE(common::verifyPin(hash, "2469"));
  CHECK_FALSE(common::verifyPin(hash, ""));
  CHECK_FALSE(common::verifyPin("2468", "2468"));  // a plain PIN where the hash belongs never matches
  CHECK_FALSE(common::verifyPin("$argon2id$garbage", "2468"));
  std::string why;
  CHECK_FALSE(common::validPin("12a4", &why));
  CHECK(why.find("digits") != std::string::npos);
  CHECK_FALSE(common::validPin("123"));
  CHECK_THROWS_WITH_AS(common::hashPin("1234567890123"), doctest::Contains("4 to 12"), std::runtime_error);
}

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

TEST_CASE("without a PIN hash configured the gesture does nothing") {
  Fixture f;  // the shipped config has staff mode off unless [staff] pin_hash is set
  f.cfg.staff.pinHash.clear();
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  CHECK(f.app->session().screen() == Screen::Attract);
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

  // Both sessions' votes were frozen into batches and written byte for byte; they stay queued.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder / "batches")) {
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string body{std::istreambuf_iterator<char>(in), {}};
    CHECK(body.find("\"format\":\"rating-batch/1\"") != std::string::npos);
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
