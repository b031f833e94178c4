#include "hub/console/svg_chart.hpp"

#include <algorithm>
#include <cstdio>

namespace hub::console {

namespace {

constexpr const char* kGood = "#2e7d32";
constexpr const char* kFair = "#f9a825";
constexpr const char* kPoor = "#c62828";
constexpr const char* kMuted = "#bdbdbd";
constexpr const char* kAxis = "#757575";
constexpr const char* kGrid = "#e0e0e0";

std::string num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

std::string fill(std::string text, const std::string& placeholder, const std::string& value) {
  if (const auto at = text.find(placeholder); at != std::string::npos) text.replace(at, placeholder.size(), value);
  return text;
}

std::string rect(double x, double y, double w, double h, const char* colour, const std::string& title = "") {
  std::string s = "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
                  "\" fill=\"" + colour + "\">";
  if (!title.empty()) s += "<title>" + escapeXml(title) + "</title>";
  return s + "</rect>";
}

std::string line(double x1, double y1, double x2, double y2, const char* colour) {
  return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\" stroke=\"" +
         colour + "\"/>";
}

std::string text(double x, double y, const std::string& content, const char* anchor = "middle", int size = 11) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + std::to_string(size) + "\" text-anchor=\"" +
         anchor + "\">" + escapeXml(content) + "</text>";
}

std::string open(const char* cssClass, double width, double height, const std::string& ariaLabel) {
  return "<svg class=\"" + std::string(cssClass) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
         "\" role=\"img\" aria-label=\"" + escapeXml(ariaLabel) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
}

std::string percentText(double share) {
  char out[16];
  std::snprintf(out, sizeof out, "%.1f%%", share * 100);
  return out;
}

// Light to dark blue by `weight` (0–1): how many rated in a heat map cell.
std::string shade(double weight) {
  char colour[16];
  std::snprintf(colour, sizeof colour, "#%02x%02x%02x", static_cast<int>(227 - 200 * weight),
                static_cast<int>(239 - 150 * weight), static_cast<int>(250 - 90 * weight));
  return colour;
}

std::int64_t totalOf(const HeatCell& c) { return c.good + c.fair + c.poor; }

}  // namespace

std::string escapeXml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string grouped(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string compactCount(std::int64_t n) {
  if (n < 10'000) return std::to_string(n);
  char out[32];
  if (n < 1'000'000) {
    std::snprintf(out, sizeof out, "%.1f", static_cast<double>(n) / 10'000);
    std::string s = out;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s + "万";
  }
  return std::to_string(n / 10'000) + "万";
}

std::vector<std::int64_t> axisTicks(std::int64_t most) {
  most = std::max<std::int64_t>(most, 1);
  std::int64_t step = 1;
  for (std::int64_t magnitude = 1;; magnitude *= 10) {
    const std::int64_t choices[] = {magnitude, 2 * magnitude, 5 * magnitude};
    const auto fits =
        std::find_if(std::begin(choices), std::end(choices), [&](std::int64_t s) { return (most + s - 1) / s <= 5; });
    if (fits != std::end(choices)) {
      step = *fits;
      break;
    }
  }
  std::vector<std::int64_t> ticks;
  for (std::int64_t v = 0; ticks.empty() || ticks.back() < most; v += step) ticks.push_back(v);
  return ticks;
}

std::string trendSvg(const std::vector<DayBar>& days, std::int64_t minCount, const std::string& ariaLabel,
                     const ChartWords& words) {
  constexpr double kWidth = 900, kHeight = 250, kLeft = 58, kRight = 8, kBottom = 34, kTop = 12;
  const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kBottom - kTop;
  std::int64_t most = 1;
  for (const auto& d : days) most = std::max(most, d.good + d.fair + d.poor);
  const auto ticks = axisTicks(most);
  const auto top = static_cast<double>(ticks.back());
  std::string s = open("chart", kWidth, kHeight, ariaLabel);
  // The y axis: round ticks, grid lines across, counts with separators.
  for (const auto tick : ticks) {
    const double y = kTop + plotH - plotH * static_cast<double>(tick) / top;
    s += line(kLeft, y, kWidth - kRight, y, tick == 0 ? kAxis : kGrid);
    s += line(kLeft - 4, y, kLeft, y, kAxis);
    s += text(kLeft - 7, y + 4, grouped(tick), "end", 10);
  }
  s += line(kLeft, kTop, kLeft, kTop + plotH, kAxis);
  const double slot = days.empty() ? plotW : plotW / static_cast<double>(days.size());
  const double barW = std::max(1.0, slot * 0.7);
  const std::size_t labelEvery = std::max<std::size_t>(1, (days.size() + 9) / 10);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - barW) / 2;
    const std::int64_t total = d.good + d.fair + d.poor;
    const std::string when = d.lastDay.empty() || d.lastDay == d.day ? d.day : d.day + " — " + d.lastDay;
    double y = kTop + plotH;
    const auto segment = [&](std::int64_t n, const char* colour, const std::string& title) {
      if (n <= 0) return;
      const double h = plotH * static_cast<double>(n) / top;
      y -= h;
      s += rect(x, y, barW, h, colour, title);
    };
    if (total > 0 && total < minCount) {
      segment(total, kMuted, when + "：" + fill(words.tooFew, "{min}", std::to_string(minCount)));
    } else {
      segment(d.good, kGood, when + " " + words.good + " " + grouped(d.good));
      segment(d.fair, kFair, when + " " + words.fair + " " + grouped(d.fair));
      segment(d.poor, kPoor, when + " " + words.poor + " " + grouped(d.poor));
    }
    if (i % labelEvery == 0) {
      s += line(x + barW / 2, kTop + plotH, x + barW / 2, kTop + plotH + 4, kAxis);
      s += text(x + barW / 2, kHeight - 14, d.day.substr(5), "middle", 10);
    }
  }
  return s + "</svg>";
}

std::string heatMapSvg(const HeatCell (&cells)[7][24], std::int64_t minCount, const std::vector<std::string>& weekdays,
                       const std::string& ariaLabel, const ChartWords& words) {
  constexpr double kCell = 34, kRow = 26, kLeft = 48, kTop = 18, kLegend = 34;
  const double width = kLeft + 24 * kCell + 4, height = kTop + 7 * kRow + kLegend;
  std::int64_t most = 1;
  for (const auto& row : cells)
    for (const auto& c : row) most = std::max(most, totalOf(c));
  std::string s = open("chart heat", width, height, ariaLabel);
  for (int h = 0; h < 24; h += 2) s += text(kLeft + h * kCell + kCell / 2, kTop - 5, std::to_string(h), "middle", 10);
  for (int w = 0; w < 7; ++w) {
    const double y = kTop + w * kRow;
    s += text(kLeft - 6, y + kRow / 2 + 4,
              w < static_cast<int>(weekdays.size()) ? weekdays[static_cast<std::size_t>(w)] : "", "end");
    for (int h = 0; h < 24; ++h) {
      const auto& c = cells[w][h];
      const std::int64_t total = totalOf(c);
      const double x = kLeft + h * kCell;
      if (total == 0) {
        s += rect(x + 1, y + 1, kCell - 2, kRow - 2, "#f5f5f5");
        continue;
      }
      if (total < minCount) {
        s += rect(x + 1, y + 1, kCell - 2, kRow - 2, "#eeeeee", fill(words.tooFew, "{min}", std::to_string(minCount)));
        s += text(x + kCell / 2, y + kRow / 2 + 4, "—", "middle", 10);
        continue;
      }
      // Shaded by how many rated then (when residents come); satisfaction on hover and in the
      // chart beside it. The count is dark on light cells and white on dark ones.
      const double share = static_cast<double>(c.good) / static_cast<double>(total);
      const double weight = static_cast<double>(total) / static_cast<double>(most);
      s += rect(x + 1, y + 1, kCell - 2, kRow - 2, shade(weight).c_str(),
                fill(words.votes, "{n}", grouped(total)) + "，" + words.satisfaction + " " + percentText(share));
      s += "<text class=\"" + std::string(weight > 0.55 ? "on-dark" : "on-light") + "\" x=\"" + num(x + kCell / 2) +
           "\" y=\"" + num(y + kRow / 2 + 4) + "\" font-size=\"10\" text-anchor=\"middle\">" +
           escapeXml(compactCount(total)) + "</text>";
    }
  }
  // The legend: what the shades mean, from few to the most in one cell.
  const double ly = kTop + 7 * kRow + 12;
  s += text(kLeft, ly + 11, words.fewer, "end", 10);
  for (int i = 0; i < 5; ++i) s += rect(kLeft + 6 + i * 26, ly, 24, 14, shade(i / 4.0).c_str());
  s += text(kLeft + 6 + 5 * 26 + 4, ly + 11, words.more + "（" + fill(words.votes, "{n}", grouped(most)) + "）",
            "start", 10);
  return s + "</svg>";
}

std::string hourSatisfactionSvg(const HeatCell (&cells)[7][24], std::int64_t minCount, const std::string& ariaLabel,
                                const ChartWords& words) {
  constexpr double kCell = 34, kLeft = 48, kTop = 10, kPlot = 110, kBottom = 22;
  const double width = kLeft + 24 * kCell + 4, height = kTop + kPlot + kBottom;
  std::string s = open("chart hours", width, height, ariaLabel);
  for (const int tick : {0, 50, 100}) {
    const double y = kTop + kPlot - kPlot * tick / 100.0;
    s += line(kLeft, y, kLeft + 24 * kCell, y, tick == 0 ? kAxis : kGrid);
    s += text(kLeft - 6, y + 4, std::to_string(tick) + "%", "end", 10);
  }
  for (int h = 0; h < 24; ++h) {
    HeatCell hour;
    for (const auto& day : cells) {
      hour.good += day[h].good;
      hour.fair += day[h].fair;
      hour.poor += day[h].poor;
    }
    const std::int64_t total = totalOf(hour);
    const double x = kLeft + h * kCell;
    if (h % 2 == 0) s += text(x + kCell / 2, height - 6, std::to_string(h), "middle", 10);
    if (total == 0) continue;
    if (total < minCount) {
      s += text(x + kCell / 2, kTop + kPlot - 4, "—", "middle", 10);
      continue;
    }
    const double share = static_cast<double>(hour.good) / static_cast<double>(total);
    const double barH = kPlot * share;
    s += rect(x + 5, kTop + kPlot - barH, kCell - 10, barH, kGood,
              std::to_string(h) + ":00 " + words.satisfaction + " " + percentText(share) + "，" +
                  fill(words.votes, "{n}", grouped(total)));
  }
  return s + "</svg>";
}

}  // namespace hub::console
