#include "hub/console/svg_chart.hpp"

#include <algorithm>
#include <cstdio>

namespace hub::console {

namespace {

constexpr const char* kGood = "#2e7d32";
constexpr const char* kFair = "#f9a825";
constexpr const char* kPoor = "#c62828";
constexpr const char* kMuted = "#bdbdbd";

std::string num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

std::string rect(double x, double y, double w, double h, const char* fill, const std::string& title = "") {
  std::string s = "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
                  "\" fill=\"" + fill + "\">";
  if (!title.empty()) s += "<title>" + escapeXml(title) + "</title>";
  return s + "</rect>";
}

std::string text(double x, double y, const std::string& content, const char* anchor = "middle", int size = 11) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + std::to_string(size) + "\" text-anchor=\"" +
         anchor + "\">" + escapeXml(content) + "</text>";
}

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

std::string trendSvg(const std::vector<DayBar>& days, std::int64_t minCount, const std::string& ariaLabel) {
  constexpr double kWidth = 900, kHeight = 240, kLeft = 44, kBottom = 28, kTop = 10;
  const double plotW = kWidth - kLeft - 8, plotH = kHeight - kBottom - kTop;
  std::int64_t most = 1;
  for (const auto& d : days) most = std::max(most, d.good + d.fair + d.poor);
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
                  "\" role=\"img\" aria-label=\"" + escapeXml(ariaLabel) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  // Axis: zero and the largest day.
  s += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(kTop + plotH) + "\" x2=\"" + num(kWidth - 8) + "\" y2=\"" +
       num(kTop + plotH) + "\" stroke=\"#757575\"/>";
  s += text(kLeft - 6, kTop + 10, std::to_string(most), "end");
  s += text(kLeft - 6, kTop + plotH, "0", "end");
  const double slot = days.empty() ? plotW : plotW / static_cast<double>(days.size());
  const double barW = std::max(1.0, slot * 0.7);
  const std::size_t labelEvery = std::max<std::size_t>(1, days.size() / 10);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - barW) / 2;
    const std::int64_t total = d.good + d.fair + d.poor;
    double y = kTop + plotH;
    const auto segment = [&](std::int64_t n, const char* fill, const std::string& title) {
      if (n <= 0) return;
      const double h = plotH * static_cast<double>(n) / static_cast<double>(most);
      y -= h;
      s += rect(x, y, barW, h, fill, title);
    };
    if (total > 0 && total < minCount) {
      segment(total, kMuted, d.day + "：少于 " + std::to_string(minCount) + " 票，不显示构成");
    } else {
      segment(d.good, kGood, d.day + " 好 " + std::to_string(d.good));
      segment(d.fair, kFair, d.day + " 一般 " + std::to_string(d.fair));
      segment(d.poor, kPoor, d.day + " 差 " + std::to_string(d.poor));
    }
    if (i % labelEvery == 0) s += text(x + barW / 2, kHeight - 10, d.day.substr(5), "middle", 10);
  }
  return s + "</svg>";
}

std::string heatMapSvg(const HeatCell (&cells)[7][24], std::int64_t minCount, const std::vector<std::string>& weekdays,
                       const std::string& ariaLabel) {
  constexpr double kCell = 34, kRow = 26, kLeft = 48, kTop = 18;
  const double width = kLeft + 24 * kCell + 4, height = kTop + 7 * kRow + 4;
  std::int64_t most = 1;
  for (const auto& row : cells)
    for (const auto& c : row) most = std::max(most, c.good + c.fair + c.poor);
  std::string s = "<svg class=\"chart heat\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                  "\" role=\"img\" aria-label=\"" + escapeXml(ariaLabel) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (int h = 0; h < 24; h += 2) s += text(kLeft + h * kCell + kCell / 2, kTop - 5, std::to_string(h), "middle", 10);
  for (int w = 0; w < 7; ++w) {
    const double y = kTop + w * kRow;
    s += text(kLeft - 6, y + kRow / 2 + 4,
              w < static_cast<int>(weekdays.size()) ? weekdays[static_cast<std::size_t>(w)] : "", "end");
    for (int h = 0; h < 24; ++h) {
      const auto& c = cells[w][h];
      const std::int64_t total = c.good + c.fair + c.poor;
      const double x = kLeft + h * kCell;
      if (total == 0) {
        s += rect(x + 1, y + 1, kCell - 2, kRow - 2, "#f5f5f5");
        continue;
      }
      if (total < minCount) {
        s += rect(x + 1, y + 1, kCell - 2, kRow - 2, "#eeeeee", "少于 " + std::to_string(minCount) + " 票");
        s += text(x + kCell / 2, y + kRow / 2 + 4, "—", "middle", 10);
        continue;
      }
      // Shaded by how many rated then (a heat map of when residents come), light to dark blue;
      // satisfaction is in the tooltip. The count is dark on light cells and white on dark ones.
      const double share = static_cast<double>(c.good) / static_cast<double>(total);
      const double weight = static_cast<double>(total) / static_cast<double>(most);
      char fill[16];
      std::snprintf(fill, sizeof fill, "#%02x%02x%02x", static_cast<int>(227 - 200 * weight),
                    static_cast<int>(239 - 150 * weight), static_cast<int>(250 - 90 * weight));
      s += rect(x + 1, y + 1, kCell - 2, kRow - 2, fill,
                std::to_string(total) + " 票，满意率 " + num(share * 100) + "%");
      s += "<text class=\"" + std::string(weight > 0.55 ? "on-dark" : "on-light") + "\" x=\"" + num(x + kCell / 2) +
           "\" y=\"" + num(y + kRow / 2 + 4) + "\" font-size=\"10\" text-anchor=\"middle\">" + std::to_string(total) +
           "</text>";
    }
  }
  return s + "</svg>";
}

}  // namespace hub::console
