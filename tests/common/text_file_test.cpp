// common::text_file: documents read whole, tokens read as their first line.
#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

#include "common/text_file.hpp"
#include "temp_dir.hpp"

TEST_CASE("a document is read byte for byte, and a missing one is named") {
  testing::TempDir dir;
  std::ofstream(dir / "list.json", std::ios::binary) << "{\"a\":\"承诺\"}\r\n";
  CHECK(common::readTextFile(dir / "list.json") == std::string("{\"a\":\"承诺\"}\r\n"));
  CHECK_THROWS_WITH_AS(common::readTextFile(dir / "missing.json"), doctest::Contains("missing.json"),
                       std::runtime_error);
}

TEST_CASE("a token is the first line without its line end, an empty one is refused by name") {
  testing::TempDir dir;
  std::ofstream(dir / "unix") << "kh_abc\nsecond line\n";
  std::ofstream(dir / "windows") << "kh_def\r\n";
  std::ofstream(dir / "empty") << "\nkh_after_a_blank_line\n";
  CHECK(common::readFirstLine(dir / "unix") == "kh_abc");
  CHECK(common::readFirstLine(dir / "windows") == "kh_def");
  CHECK_THROWS_WITH_AS(common::readFirstLine(dir / "empty"), doctest::Contains("empty"), std::runtime_error);
  CHECK_THROWS_WITH_AS(common::readFirstLine(dir / "nope"), doctest::Contains("nope"), std::runtime_error);
}
