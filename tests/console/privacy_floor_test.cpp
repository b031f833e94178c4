// The privacy floor and ranks beyond the page: a unit is ranked only with [console] rank_min_count
// votes (30) — six votes at 100 % are listed apart as 票数不足, below a unit with 42 at 95 % — and
// under min_count no export (单位, 承诺 CSV, the ledger XLSX read back) and no sort order reveals a
// rating.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub_process.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"

using testing::ConsoleFixture;

namespace {

void votes(ConsoleFixture& f, const std::string& hall, const std::string& commitment, std::int64_t good,
           std::int64_t poor, std::int64_t seq) {
  wire::RatingBatch b{hall + "-k1", "00000000-0000-4000-8000-000000000009", seq, "2026-11-17T12:00:00+08:00", {}};
  if (good > 0) b.counts.push_back({commitment, 1, "2026-11-17T09:00+08:00", "good", std::nullopt, good, 0});
  if (poor > 0) b.counts.push_back({commitment, 1, "2026-11-17T10:00+08:00", "poor", std::nullopt, poor, 0});
  REQUIRE(f.store->ingest(b, wire::sha256Hex(wire::encodeBatch(b)), hall, f.now, 0) == hub::IngestResult::Accepted);
}

}  // namespace

TEST_CASE("a unit with a handful of votes at 100 percent is not ranked above one with many") {
  ConsoleFixture f;
  votes(f, "hall-01", "c-0101", 6, 0, 1);   // 区人社局: 6 votes, all good
  votes(f, "hall-02", "c-0201", 40, 2, 1);  // 区医保局: 42 votes, 95 %
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/units?from=2026-11-17&to=2026-11-17").body;
  const auto ranked = page.find("区医保局"), unranked = page.find("区人社局");
  REQUIRE(ranked != std::string::npos);
  REQUIRE(unranked != std::string::npos);
  CHECK(ranked < unranked);
  CHECK(page.find("票数不足") != std::string::npos);
  CHECK(page.find("票数少于 30 的不参与排名") != std::string::npos);  // the page says why
  const std::string csv = admin.get("/console/units?from=2026-11-17&to=2026-11-17&format=csv").body;
  CHECK(csv.find("1,区医保局,40,0,2,42") != std::string::npos);
  CHECK(csv.find("票数不足,区人社局,6,0,0,6") != std::string::npos);  // over the privacy floor: counts shown
}

TEST_CASE("under the privacy floor the units export shows only the total") {
  ConsoleFixture f;
  votes(f, "hall-01", "c-0101", 1, 0, 1);  // one vote: its rating must not be readable
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csv = admin.get("/console/units?from=2026-11-17&to=2026-11-17&format=csv").body;
  CHECK(csv.find("票数不足,区人社局,—,—,—,1,—") != std::string::npos);
  CHECK(csv.find("区人社局,1,0,0") == std::string::npos);
}

TEST_CASE("under the privacy floor the commitments CSV, the ledger XLSX and the sort order reveal no rating") {
  ConsoleFixture f;
  votes(f, "hall-01", "c-0101", 0, 1, 1);   // one poor vote: hidden
  votes(f, "hall-02", "c-0201", 40, 2, 1);  // 42 votes: shown
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string period = "from=2026-11-17&to=2026-11-17";
  const std::string csv = admin.get("/console/commitments?" + period + "&format=csv").body;
  CHECK(csv.find(",—,—,—,1,—,—") != std::string::npos);  // c-0101: only its total
  CHECK(csv.find(",0,0,1,1,") == std::string::npos);
  CHECK(csv.find(",40,0,2,42,") != std::string::npos);
  // Sorted by poor, either way, the hidden row comes last: its one poor vote does not lift it.
  for (const char* dir : {"asc", "desc"}) {
    CAPTURE(dir);
    const std::string page = admin.get("/console/commitments?" + period + "&sort=poor&dir=" + dir).body;
    REQUIRE(page.find("c-0201") != std::string::npos);
    CHECK(page.find("c-0201") < page.find("c-0101"));
  }
  // The ledger XLSX, read back by what Excel reads: the hidden row's counts are "—".
  const auto xlsx = admin.get("/console/commitments?" + period + "&format=xlsx");
  REQUIRE(xlsx.status == 200);
  testing::TempDir dir;
  testing::writeFile(dir / "ledger.xlsx", xlsx.body);
  const auto read = testing::run(
      "/usr/bin/python3 -c \"import openpyxl,sys; ws = openpyxl.load_workbook(sys.argv[1])['台账']\n"
      "for r in ws.iter_rows(min_row=5, values_only=True):\n  print(r[1], r[8], r[9], r[10], r[11])\" " +
      (dir / "ledger.xlsx").string());
  REQUIRE(read.status == 0);
  CHECK(read.out.find("c-0101 — — — 1") != std::string::npos);
  CHECK(read.out.find("c-0201 40 0 2 42") != std::string::npos);
}
