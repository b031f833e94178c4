#include "common/utf8.hpp"

namespace common {

bool isValidUtf8(std::string_view s) {
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return false;
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return false;
    for (std::size_t k = 2; k < n; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::size_t countCharacters(std::string_view validUtf8) {
  std::size_t n = 0;
  for (const char c : validUtf8) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;  // not a continuation byte
  return n;
}

}  // namespace common
