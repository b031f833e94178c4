#include "wire/list_limits.hpp"

namespace wire::limits {

std::size_t codePoints(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    // Count every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++n;
  }
  return n;
}

}  // namespace wire::limits
