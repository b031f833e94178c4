// CSV fields and shares as Excel/WPS read them.
#include <doctest/doctest.h>

#include "wire/csv.hpp"

TEST_CASE("CSV fields are quoted only when they must be, with quotes doubled") {
  CHECK(wire::csvField("社保窗口 3 号") == "社保窗口 3 号");
  CHECK(wire::csvField("a,b") == "\"a,b\"");
  CHECK(wire::csvField("他说\"好\"") == "\"他说\"\"好\"\"\"");
  CHECK(wire::csvField("two\nlines") == "\"two\nlines\"");
  CHECK(wire::csvField("") == "");
}

TEST_CASE("shares are percentages with one decimal") {
  CHECK(wire::csvPercent(0.3137) == "31.4%");
  CHECK(wire::csvPercent(2.0 / 3.0) == "66.7%");
  CHECK(wire::csvPercent(1.0) == "100.0%");
  CHECK(wire::csvPercent(0.0) == "0.0%");
  CHECK(wire::kUtf8Bom == "\xEF\xBB\xBF");
}
