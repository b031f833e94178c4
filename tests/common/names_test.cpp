// common::NameTable: enum values and their names, read both ways.
#include <doctest/doctest.h>

#include "common/names.hpp"

namespace {
enum class Colour { Red, Green, Blue };
constexpr common::NameTable<Colour, 3> kColours(
    {{{Colour::Red, "red"}, {Colour::Green, "green"}, {Colour::Blue, "blue"}}});
}  // namespace

TEST_CASE("a name table reads both ways, exactly, and lists its names") {
  CHECK(kColours.nameOf(Colour::Green) == "green");
  CHECK(kColours.parse("blue") == Colour::Blue);
  CHECK_FALSE(kColours.parse("Blue"));  // names are exact: the wire and configs are case-sensitive
  CHECK_FALSE(kColours.parse(""));
  CHECK_FALSE(kColours.parse("red "));
  CHECK(kColours.joined() == "red, green, blue");
  CHECK(kColours.joined(" | ") == "red | green | blue");
  static_assert(kColours.nameOf(Colour::Red) == "red", "usable at compile time");
  static_assert(*kColours.parse("green") == Colour::Green);
}
