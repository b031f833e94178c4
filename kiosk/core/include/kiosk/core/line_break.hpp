// Line breaking for Chinese text with the usual rules (避头尾): no line starts with closing
// punctuation (，。、；：！？）」』】》… and the like), no line ends with opening punctuation
// (（「『【《…), Latin words and numbers stay whole, explicit newlines are kept. Pure: the width of
// a character comes from an injected function, so the core knows no fonts. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Width of one Unicode code point in the font the text will be drawn with.
using Advance = std::function<float(char32_t)>;

struct LineSpan {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;    // exclusive; trailing spaces and the newline are not included
  float width = 0;
};

// Greedy layout into lines of at most `maxWidth`; a single unbreakable run wider than the line
// (a very long number or URL) is split where it must.
std::vector<LineSpan> breakLines(std::string_view text, float maxWidth, const Advance& advance);

// The longest prefix of `text` that fits `maxWidth` on one line together with "…", cut at a
// character boundary; the whole text when it fits without one.
std::string fitWithEllipsis(std::string_view text, float maxWidth, const Advance& advance);

// Decodes one UTF-8 code point at `pos` and advances `pos` (invalid bytes decode as U+FFFD).
char32_t nextCodePoint(std::string_view text, std::size_t& pos);

bool isClosingPunctuation(char32_t c);  // may not start a line
bool isOpeningPunctuation(char32_t c);  // may not end a line

}  // namespace kiosk
