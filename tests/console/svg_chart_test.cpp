// The console's charts: round axis ticks, counts that fit their cells, a legend, every figure on
// hover, nothing shown under the privacy floor but "—", and only the caller's words.
#include <doctest/doctest.h>

#include "hub/console/svg_chart.hpp"

using namespace hub::console;

namespace {

const ChartWords kWords{"好", "一般", "差", "{n} 票", "少于 {min} 票，不显示构成", "满意率", "少", "多"};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("axis ticks are 0 and round steps up to the largest value, at most six") {
  CHECK(axisTicks(0) == std::vector<std::int64_t>{0, 1});
  CHECK(axisTicks(4) == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  CHECK(axisTicks(7) == std::vector<std::int64_t>{0, 2, 4, 6, 8});
  CHECK(axisTicks(100) == std::vector<std::int64_t>{0, 20, 40, 60, 80, 100});
  CHECK(axisTicks(3571) == std::vector<std::int64_t>{0, 1000, 2000, 3000, 4000});
  CHECK(axisTicks(12345).back() >= 12345);
  for (std::int64_t most : {1, 9, 11, 49, 51, 999, 1001, 123456789}) {
    CAPTURE(most);
    const auto ticks = axisTicks(most);
    CHECK(ticks.size() <= 6);
    CHECK(ticks.back() >= most);
  }
}

TEST_CASE("counts are grouped by thousands, and compact ones fit a heat map cell") {
  CHECK(grouped(3571895) == "3,571,895");
  CHECK(grouped(-1234) == "-1,234");
  CHECK(compactCount(9999) == "9999");
  CHECK(compactCount(12345) == "1.2万");
  CHECK(compactCount(20000) == "2万");
  CHECK(compactCount(3571895) == "357万");
}

TEST_CASE("the trend: ticks with separators, a bar's days on hover, grey without breakdown under the floor") {
  const std::vector<DayBar> bars{{"2026-11-02", "2026-11-08", 3000, 400, 171},
                                 {"2026-11-09", "2026-11-15", 2, 1, 0},
                                 {"2026-11-16", "2026-11-22", 0, 0, 0}};
  const std::string svg = trendSvg(bars, 5, "评价趋势", kWords);
  CHECK(svg.find(">4,000</text>") != std::string::npos);  // the top tick, above 3,571
  CHECK(svg.find("<title>2026-11-02 — 2026-11-08 好 3,000</title>") != std::string::npos);
  CHECK(svg.find("<title>2026-11-09 — 2026-11-15：少于 5 票，不显示构成</title>") != std::string::npos);
  CHECK(svg.find("2026-11-09 — 2026-11-15 好") == std::string::npos);  // no breakdown of a small bar
  CHECK(count(svg, "<rect") == 4);  // three segments, one grey bar, nothing for an empty week
  CHECK(svg.find("aria-label=\"评价趋势\"") != std::string::npos);
}

TEST_CASE("the heat map: compact counts, a legend up to the most, satisfaction on hover, and by hour beside") {
  HeatCell cells[7][24] = {};
  cells[0][9] = {12000, 300, 45};  // Monday 9:00: 12,345
  cells[0][10] = {80, 10, 10};     // 100
  cells[2][15] = {2, 0, 0};        // under the floor
  const std::string heat = heatMapSvg(cells, 5, {"一", "二", "三", "四", "五", "六", "日"}, "时段", kWords);
  CHECK(heat.find(">1.2万</text>") != std::string::npos);
  CHECK(heat.find(">12345<") == std::string::npos);  // never five digits in a 34-px cell
  CHECK(heat.find("<title>12,345 票，满意率 97.2%</title>") != std::string::npos);
  CHECK(heat.find("<title>少于 5 票，不显示构成</title>") != std::string::npos);
  CHECK(heat.find(">多（12,345 票）</text>") != std::string::npos);
  CHECK(heat.find(">少</text>") != std::string::npos);

  const std::string hours = hourSatisfactionSvg(cells, 5, "各时段满意率", kWords);
  CHECK(hours.find("<title>9:00 满意率 97.2%，12,345 票</title>") != std::string::npos);
  CHECK(hours.find("<title>10:00 满意率 80.0%，100 票</title>") != std::string::npos);
  CHECK(hours.find("15:00") == std::string::npos);  // under the floor: "—", no share
  CHECK(count(hours, "<rect") == 2);
  CHECK(hours.find(">100%</text>") != std::string::npos);
}

TEST_CASE("text in a chart is escaped") {
  CHECK(escapeXml("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  const std::string svg = trendSvg({{"2026-11-02", "2026-11-02", 10, 0, 0}}, 5, "a<b", kWords);
  CHECK(svg.find("aria-label=\"a&lt;b\"") != std::string::npos);
}
