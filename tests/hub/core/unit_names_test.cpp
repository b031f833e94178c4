// One unit however it was typed: traditional or simplified, full-width or ASCII, spaced or not.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "hub/core/unit_names.hpp"
#include "temp_dir.hpp"

TEST_CASE("a unit's traditional and simplified spellings, and its spacing, are one key") {
  CHECK(hub::unitKey("區人社局") == "区人社局");
  CHECK(hub::unitKey("区人社局") == "区人社局");
  CHECK(hub::unitKey("區醫療保障局") == hub::unitKey("区医疗保障局"));
  CHECK(hub::unitKey(" 区人社局　") == "区人社局");
  CHECK(hub::unitKey("区 人社局") == "区 人社局");
  CHECK(hub::unitKey("区  人社局") == "区 人社局");
  CHECK(hub::unitKey("第３服务队（东区）") == "第3服务队(东区)");
  CHECK(hub::unitKey("ＡＢＣ") == "ABC");
  CHECK(hub::unitKey("").empty());
  CHECK(hub::unitKey("\xE4\xB8") == "\xE4\xB8");  // a broken sequence is kept, not dropped
}

TEST_CASE("the table is one traditional character to one different simplified one, each once") {
  const std::string text =
      testing::readFile(testing::sourceRoot() / "sync/hub/core/data/traditional-to-simplified.txt");
  std::set<std::string> seen;
  std::size_t start = 0, pairs = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    if (line.empty() || line[0] == '#') continue;
    CAPTURE(line);
    const auto space = line.find(' ');
    REQUIRE(space != std::string::npos);
    const std::string from = line.substr(0, space), to = line.substr(space + 1);
    CHECK(from.size() == 3);  // one CJK character each
    CHECK(to.size() == 3);
    CHECK(from != to);
    CHECK(seen.insert(from).second);
    ++pairs;
  }
  CHECK(pairs > 150);
}
