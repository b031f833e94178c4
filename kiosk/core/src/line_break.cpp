#include "kiosk/core/line_break.hpp"

#include <algorithm>

namespace kiosk {

namespace {

bool isWordChar(char32_t c) {
  // Latin letters, digits and what binds them inside a word or number: "3.5%", "12:30", "e-mail".
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '%' ||
         c == '-' || c == '/' || c == ':' || c == '\'' || c == '+' || c == '_' || c == '@' || c == '#' || c == '&' ||
         (c >= 0xC0 && c <= 0x24F);  // Latin-1 and Latin Extended letters
}

bool isSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

// An atom is the smallest piece a line may end after: one CJK character, a whole Latin word, or
// a space. Punctuation is glued to its neighbour so the rules hold at every break.
struct Atom {
  std::size_t begin, end;
  float width;
  bool space;    // a break after it drops it from both lines
  bool newline;  // a forced break
};

std::vector<Atom> atomize(std::string_view text, const Advance& advance) {
  std::vector<Atom> atoms;
  std::size_t pos = 0;
  bool glueNext = false;  // the previous atom was opening punctuation
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = nextCodePoint(text, pos);
    if (c == '\n') {
      atoms.push_back({start, pos, 0, false, true});
      glueNext = false;
      continue;
    }
    if (c == '\r') continue;
    Atom atom{start, pos, advance(c), isSpace(c), false};
    if (isWordChar(c)) {  // swallow the rest of the word
      while (pos < text.size()) {
        std::size_t look = pos;
        const char32_t d = nextCodePoint(text, look);
        if (!isWordChar(d)) break;
        atom.width += advance(d);
        pos = look;
      }
      atom.end = pos;
    }
    const bool glueToPrevious =
        !atoms.empty() && !atoms.back().newline && !atom.space && (glueNext || isClosingPunctuation(c));
    if (glueToPrevious && !atoms.back().space) {
      atoms.back().end = atom.end;
      atoms.back().width += atom.width;
    } else {
      atoms.push_back(atom);
    }
    glueNext = !atom.space && isOpeningPunctuation(c);
  }
  return atoms;
}

}  // namespace

char32_t nextCodePoint(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  std::size_t n = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || pos + n > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t c = n == 1 ? char32_t{b0} : static_cast<char32_t>(b0 & (0xFFu >> (n + 1)));
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    c = (c << 6) | static_cast<char32_t>(b & 0x3Fu);
  }
  pos += n;
  return c;
}

bool isClosingPunctuation(char32_t c) {
  static constexpr std::u32string_view kClosing = U"，。、；：！？）」』】》〉〕〗〙〛”’…‥·・ー々〆ゝゞ%％,.;:!?)]}>";
  return kClosing.find(c) != std::u32string_view::npos;
}

bool isOpeningPunctuation(char32_t c) {
  static constexpr std::u32string_view kOpening = U"（「『【《〈〔〖〘〚“‘([{<";
  return kOpening.find(c) != std::u32string_view::npos;
}

std::vector<LineSpan> breakLines(std::string_view text, float maxWidth, const Advance& advance) {
  std::vector<LineSpan> lines;
  const std::vector<Atom> atoms = atomize(text, advance);
  LineSpan line{0, 0, 0};
  bool open = false;  // the line holds something
  float pendingSpace = 0;
  const auto finish = [&] {
    lines.push_back(line);
    open = false;
    pendingSpace = 0;
  };
  for (const Atom& a : atoms) {
    if (a.newline) {
      if (!open) line = {a.begin, a.begin, 0};
      finish();
      continue;
    }
    if (a.space) {  // spaces only matter between two things on the same line
      if (open) pendingSpace += a.width;
      continue;
    }
    if (open && line.width + pendingSpace + a.width <= maxWidth) {
      line.end = a.end;
      line.width += pendingSpace + a.width;
      pendingSpace = 0;
      continue;
    }
    if (open) finish();
    if (a.width <= maxWidth) {
      line = {a.begin, a.end, a.width};
      open = true;
      continue;
    }
    // Wider than a whole line: split it by characters (only a long number, URL or glued run).
    std::size_t pos = a.begin;
    line = {pos, pos, 0};
    while (pos < a.end) {
      std::size_t next = pos;
      const float w = advance(nextCodePoint(text, next));
      if (line.end > line.begin && line.width + w > maxWidth) {
        finish();
        line = {pos, pos, 0};
      }
      line.end = next;
      line.width += w;
      pos = next;
    }
    open = true;
  }
  if (open) lines.push_back(line);
  return lines;
}

std::string fitWithEllipsis(std::string_view text, float maxWidth, const Advance& advance) {
  float total = 0;
  for (std::size_t pos = 0; pos < text.size();) total += advance(nextCodePoint(text, pos));
  if (total <= maxWidth) return std::string(text);
  const float room = maxWidth - advance(U'…');
  float width = 0;
  std::size_t cut = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t next = pos;
    const char32_t c = nextCodePoint(text, next);
    if (width + advance(c) > room) break;
    width += advance(c);
    cut = next;
    pos = next;
  }
  // Do not leave opening punctuation or a space dangling before the ellipsis.
  std::string out(text.substr(0, cut));
  while (!out.empty()) {
    std::size_t start = out.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(out[start]) & 0xC0) == 0x80) --start;
    std::size_t p = start;
    const char32_t last = nextCodePoint(out, p);
    if (!isOpeningPunctuation(last) && !isSpace(last)) break;
    out.erase(start);
  }
  return out + "…";
}

}  // namespace kiosk
