// KioskApp with a real store on disk and a manual clock: a vote is acknowledged only after its
// commit; a full disk takes the kiosk out of service without a false "thank you", and service
// resumes once the disk takes writes again.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/app/usb_export.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "temp_dir.hpp"
#include "wire/kiosk_settings.hpp"

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
  std::vector<store::Rescue> rescues;
  int rescueFailures = 0;
  void storeRescued(const store::Rescue& r) override { rescues.push_back(r); }
  void storeRescueFailed(std::string_view) override { ++rescueFailures; }
};

struct Fixture {
  testing::TempDir dir;
  config::KioskConfig cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  ManualClock clock;
  RecordingEvents events;
  std::function<void()> beforeOpen = [] {};
  std::unique_ptr<app::KioskApp> app;

  Fixture() {
    app = std::make_unique<app::KioskApp>(
        cfg, app::loadListFile(cfg.listFile),
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
    } catch (const common::sql::Error&) {
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
  app::KioskApp app(
      cfg, app::loadListFile(cfg.listFile),
      [&] {
        if (broken) throw common::sql::Error(10, "disk I/O error");
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

TEST_CASE("outside opening hours the kiosk is closed and takes no votes, it opens by itself") {
  testing::TempDir dir;
  auto cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  // The manual clock starts on Saturday 2026-11-21 at 10:00 in Beijing.
  cfg.hours = OpeningHours{};
  cfg.hours.setDay(5, *OpeningHours::parseDay("10:30-12:00"));
  ManualClock clock;
  RecordingEvents events;
  app::KioskApp app(
      cfg, app::loadListFile(cfg.listFile), [&] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); }, clock,
      events);
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

TEST_CASE("without a PIN hash configured the gesture does nothing") {
  Fixture f;  // the shipped config has staff mode off unless [staff] pin_hash is set
  f.cfg.staff.pinHash.clear();
  f.app->onIntent(Intent::of(Intent::Kind::StaffGesture));
  CHECK(f.app->session().screen() == Screen::Attract);
}

TEST_CASE("a vote database deleted under the running kiosk is noticed before the thanks, then replaced") {
  Fixture f;
  f.voteGoodOn(0);
  f.app->onIntent(Intent::finish());
  REQUIRE(f.events.acks.size() == 1);
  std::filesystem::remove(f.dir / "kiosk.db");
  f.voteGoodOn(1);
  CHECK(f.app->session().screen() == Screen::OutOfService);
  CHECK(f.events.acks.size() == 1);  // the resident was not thanked for a vote that would be lost
  REQUIRE_FALSE(f.events.failures.empty());
  CHECK(f.events.failures.back().find("deleted or replaced") != std::string::npos);
  // What the deleted file held was copied back to its path from the open connection.
  REQUIRE(f.events.rescues.size() == 1);
  CHECK(f.events.rescues[0].kind == store::Rescue::Kind::Restored);
  CHECK(f.events.rescues[0].unsyncedVotes == 1);
  // The retry opens the path again: the same database, the thanked vote kept, and votes count again.
  f.clock.advance(app::KioskApp::kStoreRetry);
  f.app->tick();
  CHECK(f.app->session().screen() == Screen::Attract);
  CHECK(f.tally("c-0001") == 1);
  f.voteGoodOn(1);
  CHECK(f.events.acks.size() == 2);
  CHECK(f.tally("c-0002") == 1);
}

TEST_CASE("a deleted vote database whose copy cannot be made keeps the kiosk out of service, never empty") {
  Fixture f;
  f.voteGoodOn(0);
  f.app->onIntent(Intent::finish());
  std::filesystem::remove(f.dir / "kiosk.db");
  std::filesystem::create_directory(f.dir / "kiosk.db.partial");        // where the copy must be written
  std::filesystem::create_directory(f.dir / "kiosk.db.partial" / "x");  // a non-empty folder: remove() fails
  f.voteGoodOn(1);
  CHECK(f.app->session().screen() == Screen::OutOfService);
  CHECK(f.events.rescueFailures == 1);
  f.clock.advance(app::KioskApp::kStoreRetry);
  f.app->tick();
  CHECK(f.app->session().screen() == Screen::OutOfService);  // no empty database opened at the path
  CHECK_FALSE(std::filesystem::exists(f.dir / "kiosk.db"));
  CHECK(f.events.rescueFailures == 2);
  std::filesystem::remove_all(f.dir / "kiosk.db.partial");  // the obstacle is gone: the copy succeeds
  f.clock.advance(app::KioskApp::kStoreRetry);
  f.app->tick();
  CHECK(f.app->session().screen() == Screen::Attract);
  REQUIRE(f.events.rescues.size() == 1);
  CHECK(f.tally("c-0001") == 1);
}

TEST_CASE("new settings applied in place between residents: new hours close the kiosk, new timeouts hold") {
  Fixture f;
  REQUIRE(f.app->session().screen() == Screen::Attract);
  config::SettingsOverlay overlay;
  const WallTime now = f.clock.wallNow();
  const bool morning = ((now.unix_seconds + now.utc_offset_seconds) % 86400) < 12 * 3600;
  for (std::size_t d = 0; d < 7; ++d)
    overlay[std::string(wire::weekdayKeys()[d])] = morning ? "23:00-24:00" : "00:00-01:00";
  overlay["timing.idle_timeout_s"] = 20;
  f.cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml", overlay);  // in place, as main does
  f.app->reconfigure();
  CHECK(f.app->session().screen() == Screen::Closed);
  CHECK(f.app->session().config().idleTimeout == 20s);
  CHECK(f.app->hoursToday() == (morning ? "23:00-24:00" : "00:00-01:00"));
}
