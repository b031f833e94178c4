#include "wire/holder_text.hpp"

#include <string_view>

namespace wire {

namespace {

// One UTF-8 code point at `pos` (advanced past it); U+FFFD for a broken sequence.
char32_t next(std::string_view s, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  const std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (pos + n > s.size() || (n == 1 && lead >= 0x80)) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? lead : static_cast<char32_t>(lead & (0xFFu >> (n + 1)));
  for (std::size_t i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  pos += n;
  return cp;
}

// Punctuation, symbols and spaces a name may start with: ASCII's, general punctuation (“ ” ‘ ’ …),
// CJK symbols and punctuation (「」『』【】《》、。 and the ideographic space), full-width forms'
// punctuation (（）［］！？，), and the replacement character.
bool isMark(char32_t c) {
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD ||
         c == 0x00A0 || c == 0x00B7;
}

std::string firstLetter(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    if (!isMark(next(s, pos))) return std::string(s.substr(start, pos - start));
  }
  return "";
}

}  // namespace

std::string holderInitial(const Holder& holder) {
  std::string initial = firstLetter(holder.name);
  return initial.empty() ? firstLetter(holder.unit) : initial;
}

std::vector<std::string> holderPlaces(const Holder& holder) {
  std::vector<std::string> places;
  for (const std::string* part : {&holder.post, &holder.unit}) {
    if (part->empty() || *part == holder.name || (!places.empty() && places.back() == *part)) continue;
    places.push_back(*part);
  }
  return places;
}

std::string answersText(const Commitment& c, std::string_view label) {
  if (c.answers.empty()) return {};
  std::string text = std::string(label) + "：";
  for (std::size_t i = 0; i < c.answers.size(); ++i) text += (i ? "；" : "") + c.answers[i].text;
  return text;
}

}  // namespace wire
