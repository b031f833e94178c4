// CSV fields and shares as Excel/WPS read them.
#include <doctest/doctest.h>

#include "common/csv.hpp"

TEST_CASE("CSV fields are quoted only when they must be, with quotes doubled") {
  CHECK(common::csvField("社保窗口 3 号") == "社保窗口 3 号");
  CHECK(common::csvField("a,b") == "\"a,b\"");
  CHECK(common::csvField("他说\"好\"") == "\"他说\"\"好\"\"\"");
  CHECK(common::csvField("two\nlines") == "\"two\nlines\"");
  CHECK(common::csvField("") == "");
}

TEST_CASE("shares are percentages with one decimal") {
  CHECK(common::csvPercent(0.3137) == "31.4%");
  CHECK(common::csvPercent(2.0 / 3.0) == "66.7%");
  CHECK(common::csvPercent(1.0) == "100.0%");
  CHECK(common::csvPercent(0.0) == "0.0%");
  CHECK(common::kUtf8Bom == "\xEF\xBB\xBF");
}

TEST_CASE("no text cell is ever read as a formula by Excel or WPS") {
  CHECK(common::csvField("=HYPERLINK(\"http://x\",\"点我\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"");
  CHECK(common::csvField("+1") == "'+1");
  CHECK(common::csvField("-2+3") == "'-2+3");
  CHECK(common::csvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(common::csvField("\t=1") == "'\t=1");
  CHECK(common::csvField("a=1") == "a=1");  // only a leading sign starts a formula
  CHECK(common::csvField("社保窗口 3 号") == "社保窗口 3 号");
  CHECK(common::spreadsheetText("") == "");
}
