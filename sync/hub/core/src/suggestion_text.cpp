#include "hub/core/suggestion_text.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "common/utf8.hpp"
#include "hub/core/data_lines.hpp"
#include "hub/core/unit_names.hpp"
#include "wire/list_limits.hpp"

namespace hub {

namespace suggestion {

namespace {

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Digits as counted for a number: ASCII and full-width (０–９, EF BC 90–99); separators a number is
// written with (space, -, full-width space) do not break a run.
struct DigitScan {
  std::size_t longestRun = 0;
};
DigitScan scanDigits(std::string_view s) {
  DigitScan scan;
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (isAsciiDigit(s[i])) {
      ++run;
      ++i;
    } else if (s.substr(i, 2) == "\xEF\xBC" && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      ++run;
      i += 3;
    } else if (s[i] == ' ' || s[i] == '-') {
      ++i;  // 138 0000 0000, 0533-1234567
    } else if (s.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      run = 0;
      ++i;
    }
    scan.longestRun = std::max(scan.longestRun, run);
  }
  return scan;
}

bool hasEmail(std::string_view s) {
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    const bool before = at > 0 && std::isalnum(static_cast<unsigned char>(s[at - 1]));
    const std::size_t dot = s.find('.', at);
    const bool after = at + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[at + 1])) &&
                       dot != std::string_view::npos && dot + 1 < s.size();
    if (before && after) return true;
  }
  return false;
}

// Letters and characters only: folded as units are, ASCII lower-cased, spaces and punctuation out.
std::string foldedForWords(std::string_view text) {
  const std::string folded = unitKey(text);
  std::string out;
  for (std::size_t i = 0; i < folded.size();) {
    const auto lead = static_cast<unsigned char>(folded[i]);
    const std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    const std::string_view ch = std::string_view(folded).substr(i, n);
    i += n;
    if (n == 1) {
      if (std::isalnum(lead)) out += static_cast<char>(std::tolower(lead));
      continue;  // ASCII spaces and punctuation
    }
    // CJK punctuation (U+3000–U+303F: 、。《》…) and the middle dot, full-width forms left after folding.
    if (ch.size() == 3 && lead == 0xE3 && static_cast<unsigned char>(ch[1]) == 0x80) continue;
    if (ch == "\xC2\xB7" || ch == "\xE2\x80\xA6" || ch == "\xE2\x80\x94") continue;
    if (ch.size() == 3 && lead == 0xEF && (static_cast<unsigned char>(ch[1]) == 0xBC)) continue;  // ！（），etc.
    out += ch;
  }
  return out;
}

const std::vector<std::string>& offensiveWords() {
  static const auto words = [] {
    std::vector<std::string> list;
    for (const std::string_view line : dataLines("offensive-words.txt")) {
      std::string word = foldedForWords(line);
      if (word.empty()) throw std::logic_error("offensive-words.txt: a line with no letters");
      list.push_back(std::move(word));
    }
    return list;
  }();
  return words;
}

}  // namespace

std::string normalised(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

TextProblem problemOf(std::string_view text) {
  if (!common::isValidUtf8(text)) return TextProblem::NotText;
  if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
    return TextProblem::NotText;
  if (text.empty()) return TextProblem::Empty;
  if (common::countCharacters(text) > wire::limits::kMaxSuggestionChars) return TextProblem::TooLong;
  if (scanDigits(text).longestRun >= 7) return TextProblem::PersonalNumber;
  if (hasEmail(text)) return TextProblem::Email;
  return TextProblem::None;
}

bool offensive(std::string_view text) {
  const std::string folded = foldedForWords(text);
  const auto& words = offensiveWords();
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return folded.find(w) != std::string::npos; });
}

}  // namespace suggestion

}  // namespace hub
