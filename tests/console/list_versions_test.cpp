// A hall's list changed field by field across a period — v1 → v2 retitles c-0101, gives it a new
// holder and unit and adds c-0102; v3 removes c-0102 — and every page and export read back names
// each vote as residents saw it when they gave it: a removed commitment keeps its names, each
// wording keeps its own counts, units follow the version the votes were given under.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "hub_process.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"

using testing::ConsoleFixture;
using testing::readXlsx;

namespace {

nlohmann::json entry(const char* id, const char* holder, const char* unit, const char* title) {
  return {{"id", id},
          {"holder", {{"name", holder}, {"kind", "person"}, {"unit", unit}}},
          {"term", "annual"},
          {"title", title},
          {"text", "……"},
          {"valid_from", "2026-01-01"},
          {"valid_to", "2026-12-31"}};
}

void publish(ConsoleFixture& f, std::int64_t version, nlohmann::json commitments) {
  const nlohmann::json list{{"format", "commitment-list/1"},
                            {"deployment", "zibo-zhangdian"},
                            {"hall", "hall-01"},
                            {"version", version},
                            {"published_at", "2026-11-19T08:00:00+08:00"},
                            {"title", "党员公开承诺"},
                            {"reasons", {{{"code", "attitude"}, {"label", "服务态度差"}}}},
                            {"commitments", std::move(commitments)}};
  f.store->addList("zibo-zhangdian", "hall-01", version, wire::signList(list.dump(), "k", f.listKey), f.now);
}

void votes(ConsoleFixture& f, const char* commitment, std::int64_t version, std::int64_t good, std::int64_t poor,
           std::int64_t seq) {
  wire::RatingBatch b{"hall-01-k1", "00000000-0000-4000-8000-00000000000a", seq, "2026-11-19T12:00:00+08:00", {}};
  if (good > 0) b.counts.push_back({commitment, version, "2026-11-19T09:00+08:00", "good", std::nullopt, good, 0});
  if (poor > 0)
    b.counts.push_back({commitment, version, "2026-11-19T10:00+08:00", "poor", std::string("attitude"), poor, 0});
  REQUIRE(f.store->ingest(b, wire::sha256Hex(wire::encodeBatch(b)), "hall-01", f.now, 0) ==
          hub::IngestResult::Accepted);
}

// The fixture's v1 (c-0101 一次办好, 王丽, 区人社局: 30 good, 20 poor on 11-18), then v2 and v3.
void changeTheList(ConsoleFixture& f) {
  publish(
      f, 2,
      {entry("c-0101", "刘洋", "区社保中心", "社保业务一次办好"), entry("c-0102", "赵刚", "区人社局", "窗口不空岗")});
  votes(f, "c-0101", 2, 12, 0, 1);
  votes(f, "c-0102", 2, 9, 1, 2);
  publish(f, 3, {entry("c-0101", "刘洋", "区社保中心", "社保业务一次办好")});
}

const std::string kPeriod = "from=2026-11-18&to=2026-11-19&hall=hall-01";

}  // namespace

TEST_CASE("the commitments page, CSV and ledger name each vote by the list it was given under") {
  ConsoleFixture f;
  changeTheList(f);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));

  const std::string csv = admin.get("/console/commitments?" + kPeriod + "&format=csv").body;
  CAPTURE(csv);
  CHECK(csv.find("hall-01,c-0101,一次办好,王丽,党员,窗口 1 号,区人社局,年度,30,0,20,50,") != std::string::npos);
  CHECK(csv.find("第1版清单时的名称（现为：刘洋　社保业务一次办好）") != std::string::npos);
  CHECK(csv.find("hall-01,c-0101,社保业务一次办好,刘洋,党员,,区社保中心,年度,12,0,0,12,") != std::string::npos);
  CHECK(csv.find("hall-01,c-0102,窗口不空岗,赵刚,党员,,区人社局,年度,9,0,1,10,") != std::string::npos);
  CHECK(csv.find("已于第3版移出清单") != std::string::npos);

  const std::string page = admin.get("/console/commitments?" + kPeriod).body;
  CHECK(page.find("已于第3版移出清单") != std::string::npos);
  CHECK(page.find("第1版清单时的名称") != std::string::npos);

  // The ledger a 单位负责人 signs, read back as Excel reads it.
  const auto xlsx = admin.get("/console/commitments?" + kPeriod + "&format=xlsx");
  REQUIRE(xlsx.status == 200);
  const std::string ledger = readXlsx(
      xlsx.body,
      "import openpyxl,sys; wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['台账']\n"
      "for r in ws.iter_rows(min_row=5, values_only=True):\n  print('|'.join('' if v is None else str(v) for v in r))\n"
      "print('UNITS'); [print('|'.join('' if v is None else str(v) for v in r)) for r in wb['单位汇总'].iter_rows("
      "values_only=True)]");
  CAPTURE(ledger);
  CHECK(ledger.find("hall-01|c-0101|一次办好|王丽|党员|窗口 1 号|区人社局|年度|30|0|20|50|0.6|0.4|"
                    "第1版清单时的名称（现为：刘洋　社保业务一次办好）") != std::string::npos);
  CHECK(ledger.find("hall-01|c-0101|社保业务一次办好|刘洋|党员||区社保中心|年度|12|0|0|12|1|0|") != std::string::npos);
  CHECK(ledger.find("hall-01|c-0102|窗口不空岗|赵刚|党员||区人社局|年度|9|0|1|10|0.9|0.1|已于第3版移出清单") !=
        std::string::npos);
  // Units follow the version: 区人社局 keeps c-0101's v1 votes and c-0102's; no "（未填单位）".
  CHECK(ledger.find("hall-01|区人社局|2|39|0|21|60|") != std::string::npos);
  CHECK(ledger.find("hall-01|区社保中心|1|12|0|0|12|") != std::string::npos);
  CHECK(ledger.find("未填单位") == std::string::npos);

  const std::string units = admin.get("/console/units?" + kPeriod + "&format=csv").body;
  CHECK(units.find("区人社局,39,0,21,60") != std::string::npos);
  CHECK(units.find("区社保中心,12,0,0,12") != std::string::npos);
  CHECK(units.find("未填单位") == std::string::npos);
}

TEST_CASE("the API's tallies in JSON, CSV and XLSX name each wording with its own counts") {
  ConsoleFixture f;
  changeTheList(f);
  const auto ask = [&](const std::string& format) {
    hub::Request r{"GET", "/api/v1/tallies?from=2026-11-18&to=2026-11-19&format=" + format, "Bearer " + f.staffToken,
                   "", ""};
    const auto res = f.router->handle(r);
    REQUIRE(res.status == 200);
    return res.body;
  };
  const auto body = nlohmann::json::parse(ask("json"));
  REQUIRE(body["rows"].size() == 3);
  CHECK(body["rows"][0]["title"] == "一次办好");
  CHECK(body["rows"][0]["unit"] == "区人社局");
  CHECK(body["rows"][0]["total"] == 50);
  CHECK(body["rows"][0]["wording"] == "earlier");
  CHECK(body["rows"][0]["list_versions"] == nlohmann::json::array({1}));
  CHECK(body["rows"][1]["holder"] == "刘洋");
  CHECK(body["rows"][1]["total"] == 12);
  CHECK(body["rows"][1]["wording"] == "current");
  CHECK(body["rows"][2]["title"] == "窗口不空岗");
  CHECK(body["rows"][2]["wording"] == "removed");
  CHECK(body["rows"][2]["note"] == "已于第3版移出清单");

  const std::string csv = ask("csv");
  CHECK(csv.find("hall-01,c-0102,赵刚,窗口不空岗,9,0,1,10,90.0%,10.0%,0,区人社局,已于第3版移出清单") !=
        std::string::npos);

  const std::string ledger = readXlsx(ask("xlsx"),
                                      "import openpyxl,sys; ws = openpyxl.load_workbook(sys.argv[1])['台账']\n"
                                      "for r in ws.iter_rows(min_row=5, max_row=7, values_only=True):\n"
                                      "  print('|'.join('' if v is None else str(v) for v in r))");
  CAPTURE(ledger);
  CHECK(ledger.find("hall-01|c-0101|一次办好|王丽|党员|窗口 1 号|区人社局|年度|30|0|20|50|") != std::string::npos);
  CHECK(ledger.find("hall-01|c-0102|窗口不空岗|赵刚|党员||区人社局|年度|9|0|1|10|") != std::string::npos);
}

TEST_CASE("the ledger's totals never give away a row under the privacy floor") {
  ConsoleFixture f;
  votes(f, "c-0101", 1, 0, 1, 1);  // one poor vote on 11-19: hidden
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  // hall-01 alone on 11-19: the one row is hidden, so the totals leave it out and say so.
  const auto xlsx = admin.get("/console/commitments?from=2026-11-19&to=2026-11-19&hall=hall-01&format=xlsx");
  const std::string ledger = readXlsx(xlsx.body,
                                      "import openpyxl,sys; ws = openpyxl.load_workbook(sys.argv[1])['台账']\n"
                                      "for r in ws.iter_rows(min_row=5, values_only=True):\n"
                                      "  print('|'.join('' if v is None else str(v) for v in r))");
  CAPTURE(ledger);
  CHECK(ledger.find("合计（不含票数不足的项）||||||||0|0|0|0|—|—") != std::string::npos);
  CHECK(ledger.find("另有票数不足 5 票的 1 项共 1 票") != std::string::npos);
  const std::string print =
      admin.get("/console/commitments?from=2026-11-19&to=2026-11-19&hall=hall-01&view=print").body;
  CHECK(print.find("另有票数不足 5 票的 1 项共 1 票") != std::string::npos);
}

TEST_CASE("a unit spelled in traditional characters in one version is the same unit in every roll-up") {
  ConsoleFixture f;
  // v2 writes 区人社局 as 區人社局 (typed on another machine): c-0102's votes are 区人社局's.
  publish(f, 2, {entry("c-0101", "王丽", "區人社局", "一次办好"), entry("c-0102", "赵刚", "區人社局 ", "窗口不空岗")});
  votes(f, "c-0102", 2, 9, 1, 1);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string units = admin.get("/console/units?" + kPeriod + "&format=csv").body;
  CAPTURE(units);
  CHECK(units.find("区人社局,39,0,21,60") != std::string::npos);  // v1's 30/20 and v2's 9/1, one row
  CHECK(units.find("區") == std::string::npos);
  // The ledger's 单位汇总 agrees, and the commitments page's unit filter takes either spelling.
  const std::string ledger = readXlsx(admin.get("/console/commitments?" + kPeriod + "&format=xlsx").body,
                                      "import openpyxl,sys; ws = openpyxl.load_workbook(sys.argv[1])['单位汇总']\n"
                                      "for r in ws.iter_rows(min_row=3, values_only=True): print(r[1], r[6])");
  CHECK(ledger.find("区人社局 60") != std::string::npos);
  CHECK(ledger.find("區") == std::string::npos);
  const std::string filtered =
      admin.get("/console/commitments?" + kPeriod + "&unit=%E5%8D%80%E4%BA%BA%E7%A4%BE%E5%B1%80&format=csv").body;
  CHECK(filtered.find("c-0101") != std::string::npos);
  CHECK(filtered.find("c-0102") != std::string::npos);
}
