// Charts as server-rendered SVG: they read without JavaScript, print, and need nothing from a CDN.
// A day or a cell with fewer votes than the minimum shows no breakdown ("—" in grey), so no single
// resident's rating can be read off a chart. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hub::console {

struct DayBar {
  std::string day;  // "2026-11-21"
  std::int64_t good = 0, fair = 0, poor = 0;
};

// Stacked bars per day (好 green, 一般 amber, 差 red), days without votes left empty. `days` is
// every day of the period in order.
std::string trendSvg(const std::vector<DayBar>& days, std::int64_t minCount, const std::string& ariaLabel);

struct HeatCell {
  std::int64_t good = 0, fair = 0, poor = 0;
};
// 7 rows (Monday first) × 24 hours: the count in each cell, shaded by that count (satisfaction in
// each cell's tooltip).
std::string heatMapSvg(const HeatCell (&cells)[7][24], std::int64_t minCount, const std::vector<std::string>& weekdays,
                       const std::string& ariaLabel);

// Escapes &, <, >, " and ' for text and attribute values.
std::string escapeXml(const std::string& text);

}  // namespace hub::console
