#include "hub/core/unit_names.hpp"

#include "hub/core/data_lines.hpp"

#include <map>
#include <stdexcept>

namespace hub {

namespace {

// One UTF-8 code point's bytes starting at `pos`.
std::size_t lengthAt(std::string_view s, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  const std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return pos + n <= s.size() ? n : 1;
}

const std::map<std::string, std::string, std::less<>>& simplified() {
  static const auto table = [] {
    std::map<std::string, std::string, std::less<>> map;
    for (const std::string_view line : dataLines("traditional-to-simplified.txt")) {
      const auto space = line.find(' ');
      if (space == std::string_view::npos)
        throw std::logic_error("traditional-to-simplified.txt: a line without a space");
      map.emplace(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
    }
    return map;
  }();
  return table;
}

}  // namespace

std::string unitKey(std::string_view unit) {
  const auto& table = simplified();
  std::string out;
  bool space = false;
  for (std::size_t pos = 0; pos < unit.size();) {
    const std::size_t n = lengthAt(unit, pos);
    std::string ch(unit.substr(pos, n));
    pos += n;
    // Full-width ASCII (U+FF01–U+FF5E, UTF-8 EF BC 81 – EF BD 9E) and the ideographic space.
    if (ch.size() == 3 && static_cast<unsigned char>(ch[0]) == 0xEF) {
      const int cp = ((static_cast<unsigned char>(ch[1]) & 0x3F) << 6) | (static_cast<unsigned char>(ch[2]) & 0x3F);
      const int code = 0xF000 | cp;
      if (code >= 0xFF01 && code <= 0xFF5E) ch = std::string(1, static_cast<char>(code - 0xFF01 + 0x21));
    }
    if (ch == "\xE3\x80\x80" || ch == " " || ch == "\t") {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (const auto it = table.find(ch); it != table.end()) ch = it->second;
    out += ch;
  }
  return out;
}

}  // namespace hub
