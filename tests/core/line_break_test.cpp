// Chinese line breaking as a table of tricky strings: every line of every layout is checked for
// the rules, and the exact breaks of the ones that matter are spelled out.
#include <doctest/doctest.h>

#include "kiosk/core/line_break.hpp"

using namespace kiosk;

namespace {

// A monospace stand-in for the font: CJK and full-width characters 2 units, the rest 1.
float advance(char32_t c) { return c >= 0x2E80 || c == U'…' || c == U'“' || c == U'”' ? 2.0f : 1.0f; }

std::vector<std::string> lay(std::string_view text, float width) {
  std::vector<std::string> out;
  for (const auto& l : breakLines(text, width, advance)) out.emplace_back(text.substr(l.begin, l.end - l.begin));
  return out;
}

char32_t first(const std::string& s) {
  std::size_t p = 0;
  return nextCodePoint(s, p);
}

char32_t last(const std::string& s) {
  std::size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return nextCodePoint(s, start);
}

}  // namespace

TEST_CASE("closing punctuation never starts a line, opening never ends one") {
  struct Case {
    std::string text;
    float width;
    std::vector<std::string> lines;
  };
  const std::vector<Case> cases{
      {"一二三四，五六", 8, {"一二三", "四，五六"}},  // "，" would start line 2: pulls 四 along
      {"一二三四。", 8, {"一二三", "四。"}},
      {"一二三（四五）", 8, {"一二三", "（四五）"}},  // "（" would end line 1
      {"他说：“好！”然后", 10, {"他说：", "“好！”然", "后"}},
      {"一二三四……五", 8, {"一二三", "四……五"}},  // "……" may not start a line
      {"《承诺》书一二", 8, {"《承诺》", "书一二"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(lay(c.text, c.width) == c.lines);
  }
}

TEST_CASE("Latin words and numbers are never split, spaces break and vanish at the edges") {
  CHECK(lay("办理时限3个工作日", 8) == std::vector<std::string>{"办理时限", "3个工作", "日"});
  CHECK(lay("压缩至30个工作日", 8) == std::vector<std::string>{"压缩至30", "个工作日"});
  CHECK(lay("满意率95.5%以上", 8) == std::vector<std::string>{"满意率", "95.5%以", "上"});
  CHECK(lay("call 12345 now", 8) == std::vector<std::string>{"call", "12345", "now"});
  CHECK(lay("窗口 3 号", 6) == std::vector<std::string>{"窗口 3", "号"});
  CHECK(lay("https://example.gov.cn/very/long/path", 10).size() == 4);  // too long for any line
}

TEST_CASE("newlines are kept, empty lines included") {
  CHECK(lay("第一条\n\n第二条", 20) == std::vector<std::string>{"第一条", "", "第二条"});
}

TEST_CASE("no line of any width breaks the rules (exhaustive over widths)") {
  const std::string texts[] = {
      "凡材料齐全的社保参保、转移、待遇申领业务，当场受理、当场办结；材料不全的，一次性告知所需材料。",
      "本人郑重承诺：一是严格遵守“好差评”制度（含回访），二是全面落实首问负责、一次告知、限时办结制度！",
      "工作日延时服务至晚上7点，周六上午正常办公，解决上班族“办事难、没时间”问题。",
  };
  for (const auto& text : texts) {
    for (float width = 6; width <= 60; width += 1) {
      CAPTURE(width);
      std::string joined;
      const auto lines = lay(text, width);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        REQUIRE_FALSE(line.empty());
        if (i > 0) CHECK_FALSE(isClosingPunctuation(first(line)));
        if (i + 1 < lines.size()) CHECK_FALSE(isOpeningPunctuation(last(line)));
        joined += line;
      }
      CHECK(joined == text);  // nothing lost, nothing doubled
      for (const auto& l : breakLines(text, width, advance)) CHECK(l.width <= width);
    }
  }
}

TEST_CASE("ellipsis for titles that do not fit") {
  CHECK(fitWithEllipsis("社保业务一次办好", 16, advance) == "社保业务一次办好");
  CHECK(fitWithEllipsis("社保业务一次办好", 10, advance) == "社保业务…");
  CHECK(fitWithEllipsis("关于《承诺》", 8, advance) == "关于…");  // no dangling "《"
  CHECK(fitWithEllipsis("abc", 0, advance) == "…");
}

TEST_CASE("invalid UTF-8 decodes as replacement characters instead of running off the end") {
  const std::string bad = std::string("ab\xE6\x89", 4);
  std::size_t pos = 2;
  CHECK(nextCodePoint(bad, pos) == 0xFFFD);
  CHECK(pos == 3);
  CHECK(lay(bad, 10).size() == 1);
}
