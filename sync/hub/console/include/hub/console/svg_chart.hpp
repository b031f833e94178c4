// Charts as server-rendered SVG: they read without JavaScript, print, and need nothing from a CDN.
// Each has its axes with ticks and a legend, numbers on hover (<title>), and the page puts the same
// numbers in a table below for screen readers. A day or a cell with fewer votes than the minimum
// shows no breakdown ("—" in grey), so no single resident's rating can be read off a chart. Every
// word comes from the caller (ChartWords, from the words file). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hub::console {

// The words a chart writes, in the reader's language.
struct ChartWords {
  std::string good, fair, poor;  // 好 一般 差
  std::string votes;             // "{n} 票"
  std::string tooFew;            // "少于 {min} 票，不显示构成"
  std::string satisfaction;      // "满意率"
  std::string fewer, more;       // the heat map's legend: 少 … 多
};

struct DayBar {
  std::string day;      // the bar's first day, "2026-11-21"
  std::string lastDay;  // its last: the same day, or the end of its week when bars hold several days
  std::int64_t good = 0, fair = 0, poor = 0;
};

// Stacked bars (好 green, 一般 amber, 差 red) over a y axis with round ticks and grid lines; days
// without votes are left empty. `days` is every bar of the period in order.
std::string trendSvg(const std::vector<DayBar>& days, std::int64_t minCount, const std::string& ariaLabel,
                     const ChartWords& words);

struct HeatCell {
  std::int64_t good = 0, fair = 0, poor = 0;
};
// 7 rows (Monday first) × 24 hours, shaded by how many rated then, the count written in each cell
// (from 10,000 as "1.2万", so it fits), a legend from few to many, satisfaction on hover.
std::string heatMapSvg(const HeatCell (&cells)[7][24], std::int64_t minCount, const std::vector<std::string>& weekdays,
                       const std::string& ariaLabel, const ChartWords& words);
// The same cells by hour of the day: the satisfaction share of each hour (all weekdays), on a
// 0–100 % axis; an hour under the minimum is a grey "—".
std::string hourSatisfactionSvg(const HeatCell (&cells)[7][24], std::int64_t minCount, const std::string& ariaLabel,
                                const ChartWords& words);

// 3571895 → "3,571,895": counts people read at a glance.
std::string grouped(std::int64_t n);
// A count in at most five characters: 9,999 as is, 12,345 as "1.2万", 3,571,895 as "357万".
std::string compactCount(std::int64_t n);
// The y axis's ticks for counts up to `most`: 0 and multiples of 1, 2 or 5 × 10^k, at most six,
// the last at or above `most`.
std::vector<std::int64_t> axisTicks(std::int64_t most);

// Escapes &, <, >, " and ' for text and attribute values.
std::string escapeXml(const std::string& text);

}  // namespace hub::console
