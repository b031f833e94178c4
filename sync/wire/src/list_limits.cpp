#include "wire/list_limits.hpp"

#include <algorithm>

namespace wire::limits {

bool isSafeId(std::string_view id) {
  const auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  };
  return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), ok);
}

std::size_t codePoints(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    // Count every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++n;
  }
  return n;
}

}  // namespace wire::limits
