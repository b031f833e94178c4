// common::tomlNestingDepth: the scan that keeps a TOML parser from recursing into a hostile file.
#include <doctest/doctest.h>

#include <string>

#include "common/toml_depth.hpp"

using common::tomlNestingDepth;

TEST_CASE("dotted keys, headers, arrays and inline tables count but strings and comments do not") {
  CHECK(tomlNestingDepth("[kiosk]\nid = \"k1\"\n", 32) == 1);
  CHECK(tomlNestingDepth("a.b.c = 1\n", 32) == 2);
  CHECK(tomlNestingDepth("[a.b]\nx = [[1, 2], {y = 3}]\n", 32) == 2);
  CHECK(tomlNestingDepth("url = \"https://a.b.c.d.e.f\" # a.b.c.d.e.f.g\n", 32) == 0);
  CHECK(tomlNestingDepth("s = 'a.b.c[[[{{{'\n", 32) == 0);
  CHECK(tomlNestingDepth("s = \"quote \\\" then . . . . \"\n", 32) == 0);
  // Brackets open across lines add up; dots count per line.
  CHECK(tomlNestingDepth("x = [\n  [\n    [1.5, 2.5]\n  ]\n]\n", 32) == 5);
  // A hostile document stops the scan early, past the limit.
  std::string deep = "a";
  for (int i = 0; i < 100'000; ++i) deep += ".a";
  CHECK(tomlNestingDepth(deep + " = 1", 32) == 33);
  CHECK(tomlNestingDepth("x = " + std::string(100'000, '['), 32) == 33);
}
