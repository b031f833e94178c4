#include "common/csv.hpp"

#include <cstdio>

namespace common {

std::string spreadsheetText(std::string_view s) {
  // Excel and WPS treat a cell that starts with = + - @ (or a tab or CR before one) as a formula;
  // a leading apostrophe makes it text (OWASP's "CSV injection" advice).
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) return "'" + std::string(s);
  return std::string(s);
}

std::string csvField(std::string_view raw) {
  const std::string s = spreadsheetText(raw);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csvPercent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

}  // namespace common
