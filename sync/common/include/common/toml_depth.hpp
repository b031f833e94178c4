// How deep a TOML document could make a parser recurse, found by a plain scan before any TOML
// parser sees it. toml++ recurses on dotted keys, table headers and nested arrays and inline
// tables, so a broken or hostile file (a dotted key of 30,000 parts) would overflow the stack of
// whoever reads it: the kiosk at start, the hub at start. Pure; thread-safe.
#pragma once

#include <string_view>

namespace common {

// The greatest, over the document's lines, of the brackets ([ {) open plus the dots on that line,
// outside strings and comments; stops early past `limit`. An overestimate (a value's 1.5 counts),
// never an underestimate: a real configuration stays far below any sane limit.
int tomlNestingDepth(std::string_view text, int limit);

// The limit the product's TOML readers apply: their files nest a few levels.
inline constexpr int kMaxTomlDepth = 32;

}  // namespace common
