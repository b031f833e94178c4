#include "common/toml_depth.hpp"

#include <algorithm>

namespace common {

int tomlNestingDepth(std::string_view text, int limit) {
  int brackets = 0, dots = 0, deepest = 0;
  char quote = 0;        // inside '…' or "…" (a triple quote is three of them: the same toggling)
  bool escaped = false;  // the last character was a backslash inside "…"
  bool comment = false;
  for (const char c : text) {
    if (c == '\n') {
      dots = 0;
      comment = false;  // (a string left open goes on: multi-line strings are strings throughout)
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (escaped) escaped = false;
      else if (quote == '"' && c == '\\') escaped = true;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '#') comment = true;
    else if (c == '"' || c == '\'') quote = c;
    else if (c == '[' || c == '{') ++brackets;
    else if (c == ']' || c == '}') brackets = std::max(0, brackets - 1);
    else if (c == '.') ++dots;
    deepest = std::max(deepest, brackets + dots);
    if (deepest > limit) return deepest;
  }
  return deepest;
}

}  // namespace common
