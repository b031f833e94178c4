// The tally report as a pure function: which rows, which labels, which shares, and how they are
// written for the API (JSON) and for Excel/WPS (CSV with BOM).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "hub/core/tally_report.hpp"

using namespace hub;
using nlohmann::json;

namespace {
const std::vector<TallyRow> kRows{
    {"hall-01", "c-0001", 14, 4, 2, 1},  // 20 votes, 30 % fair or worse: over the rule
    {"hall-01", "c-0002", 15, 4, 1, 0},  // 20 votes, 25 %: under it
    {"hall-02", "c-0001", 1, 4, 5, 3},   // 10 votes, 90 %: too few votes to judge
};
std::shared_ptr<const wire::CommitmentList> listOf(std::vector<wire::Commitment> commitments) {
  auto list = std::make_shared<wire::CommitmentList>();
  list->hall = "hall-01";
  list->version = 1;
  list->commitments = std::move(commitments);
  return list;
}
wire::Commitment commitment(const char* id, const char* holder, const char* title) {
  wire::Commitment c;
  c.id = id;
  c.holder.name = holder;
  c.title = title;
  return c;
}
const HistoryByHall kLabels{{"hall-01", {listOf({commitment("c-0001", "王丽", "社保业务一次办好")})}}};

TallyReport shape(bool rectify) {
  TallyReport r;
  r.from = "2026-01-01";
  r.to = "2026-06-30";
  r.rectificationsOnly = rectify;
  r.deadline = "2026-12-21";
  return r;
}
}  // namespace

TEST_CASE("every stored row is reported with its label and shares") {
  const auto report = buildTallyReport(kRows, kLabels, shape(false));
  REQUIRE(report.rows.size() == 3);
  CHECK(report.rows[0].label.holder == "王丽");
  CHECK(report.rows[1].label.holder.empty());  // not in the hall's current list: counts stand without
  CHECK(report.rows[0].shares.satisfaction == doctest::Approx(0.7));
  CHECK(report.rows[2].label.title.empty());  // labels are per hall: c-0001 of hall-02 is another commitment
}

TEST_CASE("the rectification rule: at least the share, with at least the votes") {
  RectificationRule rule;
  CHECK(rule.applies({14, 4, 2}));
  CHECK_FALSE(rule.applies({15, 4, 1}));
  CHECK_FALSE(rule.applies({1, 4, 5}));
  const auto report = buildTallyReport(kRows, kLabels, shape(true));
  REQUIRE(report.rows.size() == 1);
  CHECK(report.rows[0].counts.commitmentId == "c-0001");
  CHECK(report.rows[0].counts.hall == "hall-01");
  auto byHall = shape(true);
  byHall.group = TallyGroup::Hall;
  CHECK(buildTallyReport(kRows, kLabels, byHall).rows.empty());
}

TEST_CASE("JSON carries counts, shares and, for rectifications, the rule and the deadline") {
  const json body = json::parse(tallyReportJson(buildTallyReport(kRows, kLabels, shape(true))));
  CHECK(body["from"] == "2026-01-01");
  CHECK(body["group"] == "commitment");
  CHECK(body["rule"]["total_at_least"] == 20);
  REQUIRE(body["rows"].size() == 1);
  const json& row = body["rows"][0];
  CHECK(row["good"] == 14);
  CHECK(row["total"] == 20);
  CHECK(row["fair_or_worse"].get<double>() == doctest::Approx(0.3));
  CHECK(row["deadline"] == "2026-12-21");
  CHECK(row["holder"] == "王丽");
}

TEST_CASE("CSV opens in Excel: a BOM, Chinese headers, CRLF, percentages, quoted fields") {
  auto rows = kRows;
  const HistoryByHall labels{{"hall-01",
                              {listOf({commitment("c-0001", "王丽", "社保业务一次办好"),
                                       commitment("c-0002", "李强", "办事\"零跑腿\", 一次办好")})}}};
  const std::string csv = tallyReportCsv(buildTallyReport(rows, labels, shape(false)));
  CHECK(csv.rfind(
            "\xEF\xBB\xBF大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,过滤点击,单位,备注\r\n",
            0) == 0);
  CHECK(csv.find("hall-01,c-0001,王丽,社保业务一次办好,14,4,2,20,70.0%,30.0%,1,,\r\n") != std::string::npos);
  CHECK(csv.find("\"办事\"\"零跑腿\"\", 一次办好\"") != std::string::npos);
  CHECK(tallyReportFileName(shape(true), "csv") == "rectifications-2026-01-01-2026-06-30.csv");
}

TEST_CASE("under the privacy floor a row gives its total only, in JSON, CSV and the ledger") {
  auto floored = shape(false);
  floored.minCount = 15;  // hall-02's 10 votes are under it
  const auto report = buildTallyReport(kRows, kLabels, floored);
  REQUIRE(report.rows.size() == 3);
  CHECK_FALSE(report.rows[0].hidden);
  CHECK(report.rows[2].hidden);
  const json body = json::parse(tallyReportJson(report));
  const json& hidden = body["rows"][2];
  CHECK(hidden["total"] == 10);
  CHECK(hidden["hidden"] == true);
  for (const char* withheld : {"good", "fair", "poor", "satisfaction", "fair_or_worse"})
    CHECK(hidden[withheld].is_null());
  CHECK(body["rows"][0]["good"] == 14);
  const std::string csv = tallyReportCsv(report);
  CHECK(csv.find("hall-02,c-0001,,,—,—,—,10,—,—,3,,") != std::string::npos);
  const Ledger ledger = tallyLedger(report, "2026-07-01");
  CHECK(ledger.minCount == 15);
  CHECK(ledger.rows[2].hidden);
}

TEST_CASE("each row's votes per channel, in the JSON and as the CSV's last columns") {
  auto report = buildTallyReport(kRows, kLabels, shape(false));
  report.minCount = 5;
  // Rows split by channel as the store gives them: hall-01's c-0001 from kiosks and phones.
  std::vector<TallyRow> split{{"hall-01", "c-0001", 10, 4, 2, 1},
                              {"hall-01", "c-0001", 4, 0, 0, 0},
                              {"hall-01", "c-0002", 15, 4, 1, 0},
                              {"hall-02", "c-0001", 1, 4, 5, 3}};
  split[0].channel = "kiosk";
  split[1].channel = "phone";
  split[2].channel = "kiosk";
  split[3].channel = "poster";
  for (auto& s : split) s.listVersion = 0;
  for (auto& row : report.rows) row.label.versions = {0};
  addChannelSplit(report, split);
  CHECK(report.rows[0].byChannel == std::map<std::string, std::int64_t>{{"kiosk", 16}, {"phone", 4}, {"poster", 0}});
  CHECK(report.rows[2].byChannel.at("poster") == 10);
  const json body = json::parse(tallyReportJson(report));
  CHECK(body["channel"] == "all");
  CHECK(body["rows"][0]["channels"]["phone"] == 4);
  const std::string csv = tallyReportCsv(report);
  CHECK(csv.find(",终端票数,手机票数,海报票数\r\n") != std::string::npos);
  CHECK(csv.find(",16,4,0\r\n") != std::string::npos);
  // A version the row does not name is another row's votes.
  split[1].listVersion = 7;
  addChannelSplit(report, split);
  CHECK(report.rows[0].byChannel.at("phone") == 0);
  // Without the split, the CSV keeps its columns as they were.
  CHECK(tallyReportCsv(buildTallyReport(kRows, kLabels, shape(false))).find("终端票数") == std::string::npos);
}
