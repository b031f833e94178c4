// HubStore: what ingest keeps (day, month and hall aggregates, hours, reasons) read back through the
// queries the API and the console use, and an older database migrated without losing a count.
#include <doctest/doctest.h>

#include <map>

#include "common/iso_time.hpp"
#include "common/sqlite.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/tally_queries.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"

namespace sql = common::sql;
using hub::HubStore;
using hub::TallyGroup;

namespace {

struct Expected {
  std::int64_t good = 0, fair = 0, poor = 0, filtered = 0;
};

void ingestDay(HubStore& store, const std::string& hall, const std::string& day, std::int64_t seq,
               std::map<std::tuple<std::string, std::string, std::string>, Expected>& expected) {
  wire::RatingBatch b{"k-" + hall, "epoch", seq, day + "T18:00:00+08:00", {}};
  const int spread = static_cast<int>(seq % 5);
  for (int c = 0; c < 3; ++c) {
    const std::string id = "c-" + std::to_string(c);
    auto& e = expected[{hall, id, day}];
    // Two hour buckets of the same rating fold into one day row.
    for (const char* bucket : {"T09:00+08:00", "T15:00+08:00"}) {
      b.counts.push_back({id, 1, day + bucket, "good", std::nullopt, 3 + spread, 0});
      e.good += 3 + spread;
    }
    b.counts.push_back({id, 1, day + "T10:00+08:00", "fair", std::nullopt, 1 + c, 1});
    e.fair += 1 + c;
    e.filtered += 1;
    b.counts.push_back({id, 1, day + "T11:00+08:00", "poor", std::string("slow"), c, 0});
    e.poor += c;
  }
  CHECK(store.ingest(b, wire::sha256Hex(wire::encodeBatch(b)), hall, 0, 0) == hub::IngestResult::Accepted);
}

std::string day(int offset) { return common::isoDay(1'768'867'200LL + offset * 86'400LL); }  // from 2026-01-20

}  // namespace

TEST_CASE("a period's tallies equal the sum of its days, however it falls across months") {
  testing::TempDir dir;
  HubStore store(dir / "hub.db");
  std::map<std::tuple<std::string, std::string, std::string>, Expected> expected;  // hall, commitment, day
  for (int i = 0; i < 80; ++i) {  // 2026-01-20 … 2026-04-09, two halls
    ingestDay(store, "hall-01", day(i), i + 1, expected);
    if (i % 3 == 0) ingestDay(store, "hall-02", day(i), i + 1, expected);
  }
  const std::pair<std::string, std::string> periods[] = {{"2026-01-20", "2026-04-09"}, {"2026-02-01", "2026-02-28"},
                                                         {"2026-01-25", "2026-03-31"}, {"2026-02-14", "2026-02-14"},
                                                         {"2026-03-01", "2026-04-02"}, {"2025-12-01", "2026-12-31"}};
  for (const auto& [from, to] : periods) {
    CAPTURE(from);
    CAPTURE(to);
    std::map<std::pair<std::string, std::string>, Expected> want;
    for (const auto& [key, e] : expected) {
      const auto& [hall, id, d] = key;
      if (d < from || d > to) continue;
      auto& w = want[{hall, id}];
      w.good += e.good;
      w.fair += e.fair;
      w.poor += e.poor;
      w.filtered += e.filtered;
    }
    const auto rows = store.tallies(from, to, std::nullopt, TallyGroup::Commitment);
    REQUIRE(rows.size() == want.size());
    for (const auto& r : rows) {
      const auto& w = want.at({r.hall, r.commitmentId});
      CHECK(r.good == w.good);
      CHECK(r.fair == w.fair);
      CHECK(r.poor == w.poor);
      CHECK(r.filtered == w.filtered);
      const auto one =
          hub::queries::commitmentTally(store.database(), r.commitmentId, from, to, std::vector<std::string>{r.hall});
      CHECK(one.total() == r.total());
    }
    // Grouped by hall, and the daily trend, add up to the same.
    std::int64_t byHall = 0, byDay = 0, wanted = 0;
    for (const auto& r : store.tallies(from, to, std::nullopt, TallyGroup::Hall)) byHall += r.total();
    for (const auto& d : hub::queries::dailyTotals(store.database(), from, to, std::nullopt))
      byDay += d.good + d.fair + d.poor;
    for (const auto& [key, w] : want) wanted += w.good + w.fair + w.poor;
    CHECK(byHall == wanted);
    CHECK(byDay == wanted);
  }
  // Staff of one hall: the other hall's rows never appear.
  for (const auto& r :
       store.tallies("2026-01-01", "2026-12-31", std::vector<std::string>{"hall-02"}, TallyGroup::Commitment))
    CHECK(r.hall == "hall-02");
}

TEST_CASE("hours feed the weekday x hour map, and reasons for 差 are kept per commitment") {
  testing::TempDir dir;
  HubStore store(dir / "hub.db");
  std::map<std::tuple<std::string, std::string, std::string>, Expected> expected;
  ingestDay(store, "hall-01", "2026-11-23", 1, expected);  // a Monday
  std::map<int, std::int64_t> byHour;
  for (const auto& c : hub::queries::hourOfWeek(store.database(), "2026-11-23", "2026-11-23", std::nullopt)) {
    CHECK(c.weekday == 0);
    byHour[c.hour] += c.good + c.fair + c.poor;
  }
  CHECK(byHour == std::map<int, std::int64_t>{{9, 12}, {10, 6}, {11, 3}, {15, 12}});
  const auto reasons = hub::queries::poorReasons(store.database(), "c-2", "2026-11-01", "2026-11-30", std::nullopt);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] == std::pair<std::string, std::int64_t>{"slow", 2});
}

TEST_CASE("a version 2 database keeps every count when its rating rows move to the period tables") {
  testing::TempDir dir;
  {
    // The tables of schema v2 that hold counts, as a hub before this version left them.
    sql::Database db(dir / "hub.db");
    db.exec(R"sql(
      CREATE TABLE token(hash TEXT PRIMARY KEY, role TEXT NOT NULL, kiosk_id TEXT, halls TEXT NOT NULL,
                         created_unix INTEGER NOT NULL);
      CREATE TABLE admin_key(key_id TEXT PRIMARY KEY, pem TEXT NOT NULL, added_unix INTEGER NOT NULL);
      CREATE TABLE list(id INTEGER PRIMARY KEY, deployment TEXT NOT NULL, hall TEXT NOT NULL, version INTEGER NOT NULL,
                        envelope TEXT NOT NULL, etag TEXT NOT NULL, received_unix INTEGER NOT NULL,
                        UNIQUE (deployment, hall, version));
      CREATE TABLE batch(kiosk_id TEXT NOT NULL, epoch TEXT NOT NULL, seq INTEGER NOT NULL, sha256 TEXT NOT NULL,
                         hall TEXT NOT NULL, votes INTEGER NOT NULL, received_unix INTEGER NOT NULL,
                         clock_offset_s INTEGER NOT NULL, PRIMARY KEY (kiosk_id, epoch, seq)) WITHOUT ROWID;
      CREATE TABLE tally_day(hall TEXT NOT NULL, day TEXT NOT NULL, commitment_id TEXT NOT NULL, rating TEXT NOT NULL,
                             n INTEGER NOT NULL, filtered INTEGER NOT NULL,
                             PRIMARY KEY (hall, commitment_id, day, rating)) WITHOUT ROWID;
      CREATE TABLE reason_day(hall TEXT NOT NULL, day TEXT NOT NULL, commitment_id TEXT NOT NULL, reason TEXT NOT NULL,
                              n INTEGER NOT NULL, PRIMARY KEY (hall, day, commitment_id, reason)) WITHOUT ROWID;
      CREATE TABLE kiosk(kiosk_id TEXT PRIMARY KEY, hall TEXT NOT NULL, last_seen_unix INTEGER NOT NULL,
                         heartbeat TEXT NOT NULL, clock_offset_s INTEGER NOT NULL);
      CREATE TABLE tally_hour(hall TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, rating TEXT NOT NULL,
                              n INTEGER NOT NULL, PRIMARY KEY (hall, day, hour, rating)) WITHOUT ROWID;
      INSERT INTO tally_day VALUES ('hall-01', '2026-05-31', 'c-1', 'good', 7, 0), ('hall-01', '2026-05-31', 'c-1', 'poor', 2, 1),
                                   ('hall-01', '2026-06-01', 'c-1', 'fair', 4, 0), ('hall-02', '2026-06-15', 'c-9', 'good', 5, 2);
      PRAGMA user_version = 2;)sql");
  }
  HubStore store(dir / "hub.db");
  const auto rows = store.tallies("2026-05-01", "2026-06-30", std::nullopt, TallyGroup::Commitment);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].hall == "hall-01");
  CHECK(rows[0].good == 7);
  CHECK(rows[0].fair == 4);
  CHECK(rows[0].poor == 2);
  CHECK(rows[0].filtered == 1);
  CHECK(rows[1].good == 5);
  CHECK(rows[1].filtered == 2);
  // June alone comes from the monthly rows; the 31st of May from the daily ones.
  CHECK(store.tallies("2026-06-01", "2026-06-30", std::nullopt, TallyGroup::Hall).size() == 2);
  CHECK(store.tallies("2026-05-31", "2026-05-31", std::nullopt, TallyGroup::Hall).at(0).total() == 9);
  CHECK(hub::queries::knownHalls(store.database()) == std::vector<std::string>{"hall-01", "hall-02"});
  // Every count before channels were kept (v14) came from a kiosk.
  CHECK(store.tallies("2026-05-01", "2026-06-30", std::nullopt, TallyGroup::Commitment).size() == 2);
  CHECK(hub::queries::tallies(store.database(), "2026-05-01", "2026-06-30", std::nullopt, TallyGroup::Hall, {"kiosk"})
            .size() == 2);
  CHECK(hub::queries::tallies(store.database(), "2026-05-01", "2026-06-30", std::nullopt, TallyGroup::Hall, {"phone"})
            .empty());
  // A batch after the migration adds to the migrated rows.
  wire::RatingBatch b{
      "k", "e", 1, "2026-06-01T18:00:00+08:00", {{"c-1", 1, "2026-06-01T10:00+08:00", "fair", {}, 1, 0}}};
  store.ingest(b, wire::sha256Hex(wire::encodeBatch(b)), "hall-01", 0, 0);
  CHECK(store.tallies("2026-06-01", "2026-06-01", std::nullopt, TallyGroup::Commitment).at(0).fair == 5);
  // The counts from before versions were recorded are kept under version 0; the new batch's under 1.
  const auto versions = hub::queries::countsByVersion(store.database(), "c-1", std::vector<std::string>{"hall-01"});
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].first == 0);
  CHECK(versions[0].second.good == 7);
  CHECK(versions[0].second.fair == 4);
  CHECK(versions[0].second.poor == 2);
  CHECK(versions[1].first == 1);
  CHECK(versions[1].second.total() == 1);
  // The day and month rows too (v6): the period's ledger names the migrated votes by version 0.
  for (const auto& [from, to] : {std::pair{"2026-06-01", "2026-06-01"}, std::pair{"2026-06-01", "2026-06-30"}}) {
    CAPTURE(from);
    CAPTURE(to);
    const auto byVersion = store.tallies(from, to, std::vector<std::string>{"hall-01"}, TallyGroup::CommitmentVersion);
    REQUIRE(byVersion.size() == 2);
    CHECK(byVersion[0].listVersion == 0);
    CHECK(byVersion[0].fair == 4);
    CHECK(byVersion[1].listVersion == 1);
    CHECK(byVersion[1].fair == 1);
  }
}

TEST_CASE("counts are kept per channel: a tally counts all of them, one, or each apart") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());  // both dialects: the channel's migration and its queries
  HubStore store(stores.hub());
  wire::RatingBatch kiosk{"k", "e", 1, "2026-06-01T18:00:00+08:00", {}};
  kiosk.counts.push_back({"c-1", 1, "2026-06-01T09:00+08:00", "good", {}, 4, 0});
  kiosk.counts.push_back({"c-1", 1, "2026-06-01T10:00+08:00", "poor", {}, 1, 0});
  REQUIRE(store.ingest(kiosk, wire::sha256Hex(wire::encodeBatch(kiosk)), "hall-01", 0, 0) ==
          hub::IngestResult::Accepted);
  wire::RatingBatch phone{"k", "phone:s1:c-1", 1, "2026-06-01T10:05:00+08:00", {}};
  phone.counts.push_back({"c-1", 1, "2026-06-01T10:00+08:00", "fair", {}, 1, 0});
  REQUIRE(store.ingest(phone, "vote-1", "hall-01", 0, 0, {"", "", "phone"}) == hub::IngestResult::Accepted);
  // The same session's vote again is the same identity: one vote per commitment per session.
  CHECK(store.ingest(phone, "vote-1", "hall-01", 0, 0, {"", "", "phone"}) == hub::IngestResult::Duplicate);
  CHECK(store.ingest(phone, "vote-2", "hall-01", 0, 0, {"", "", "phone"}) == hub::IngestResult::Conflict);
  for (const auto& [from, to] : {std::pair{"2026-06-01", "2026-06-01"}, std::pair{"2026-06-01", "2026-06-30"}}) {
    CAPTURE(from);
    const hub::queries::Halls hall01 = std::vector<std::string>{"hall-01"};
    CHECK(hub::queries::tallies(store.database(), from, to, hall01, TallyGroup::Commitment).at(0).total() == 6);
    CHECK(hub::queries::tallies(store.database(), from, to, std::nullopt, TallyGroup::Commitment, {"kiosk"})
              .at(0)
              .total() == 5);
    const auto phoneOnly = hub::queries::tallies(store.database(), from, to, hall01, TallyGroup::Commitment, {"phone"});
    REQUIRE(phoneOnly.size() == 1);
    CHECK(phoneOnly[0].fair == 1);
    CHECK(phoneOnly[0].total() == 1);
    CHECK(hub::queries::tallies(store.database(), from, to, hall01, TallyGroup::Hall, {"poster"}).empty());
    const auto split =
        hub::queries::tallies(store.database(), from, to, hall01, TallyGroup::Hall, {std::nullopt, true});
    REQUIRE(split.size() == 2);
    CHECK(split[0].channel == "kiosk");
    CHECK(split[0].total() == 5);
    CHECK(split[1].channel == "phone");
    CHECK(split[1].total() == 1);
  }
}

TEST_CASE("counts are kept per list version the kiosk showed, per hall") {
  testing::TempDir dir;
  HubStore store(dir / "hub.db");
  wire::RatingBatch b{"k", "e", 1, "2026-06-01T18:00:00+08:00", {}};
  b.counts.push_back({"c-1", 3, "2026-06-01T09:00+08:00", "good", {}, 4, 0});
  b.counts.push_back({"c-1", 3, "2026-06-01T10:00+08:00", "poor", {}, 1, 0});
  b.counts.push_back({"c-1", 4, "2026-06-01T11:00+08:00", "good", {}, 2, 0});  // the list changed at 11:00
  b.counts.push_back({"c-2", 4, "2026-06-01T11:00+08:00", "fair", {}, 5, 0});
  REQUIRE(store.ingest(b, wire::sha256Hex(wire::encodeBatch(b)), "hall-01", 0, 0) == hub::IngestResult::Accepted);
  wire::RatingBatch other{
      "k2", "e", 1, "2026-06-01T18:00:00+08:00", {{"c-1", 4, "2026-06-01T12:00+08:00", "fair", {}, 3, 0}}};
  REQUIRE(store.ingest(other, wire::sha256Hex(wire::encodeBatch(other)), "hall-02", 0, 0) ==
          hub::IngestResult::Accepted);
  REQUIRE(store.ingest(b, wire::sha256Hex(wire::encodeBatch(b)), "hall-01", 0, 0) == hub::IngestResult::Duplicate);

  const auto one = hub::queries::countsByVersion(store.database(), "c-1", std::vector<std::string>{"hall-01"});
  REQUIRE(one.size() == 2);
  CHECK(one[0].first == 3);
  CHECK(one[0].second.good == 4);
  CHECK(one[0].second.poor == 1);
  CHECK(one[1].first == 4);
  CHECK(one[1].second.good == 2);
  CHECK(one[1].second.fair == 0);  // hall-02's votes are not hall-01's
  const auto all = hub::queries::countsByVersion(store.database(), "c-1", std::nullopt);
  REQUIRE(all.size() == 2);
  CHECK(all[1].second.total() == 5);
  CHECK(hub::queries::countsByVersion(store.database(), "c-9", std::nullopt).empty());
}
