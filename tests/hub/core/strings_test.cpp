// The hub's words from their data files: both languages load, English falls back to Chinese for a
// key it lacks, the browser's language picks, and a broken words file is named with what is wrong.
#include <doctest/doctest.h>

#include "hub/core/strings.hpp"

using hub::parseStrings;
using hub::StringsError;
using hub::stringsFor;

TEST_CASE("the built-in words load in both languages and the browser's language picks one") {
  const auto& zh = stringsFor("", "zh-CN,zh;q=0.9");
  const auto& en = stringsFor("", "en-US,en;q=0.8");
  CHECK(zh.lang == "zh-CN");
  CHECK(en.lang == "en");
  CHECK(zh["nav_rectifications"] == "整改");
  CHECK(en["nav_rectifications"] == "Rectification");
  CHECK(stringsFor("en", "zh-CN")["logout"] == "Log out");  // ?lang= wins over the browser
  CHECK(stringsFor("zh", "en-US")["logout"] == "退出");
  CHECK(zh["no_such_key"] == "?");
}

TEST_CASE("a key missing from a language is shown in Chinese") {
  const auto zh = parseStrings("zh-CN.toml", "a = \"好\"\nb = \"差\"\n", "zh-CN", nullptr);
  const auto en = parseStrings("en.toml", "a = \"good\"\n", "en", &zh);
  CHECK(en["a"] == "good");
  CHECK(en["b"] == "差");
}

TEST_CASE("a broken words file is refused, naming the file and the entry") {
  const auto message = [](std::string_view text) {
    try {
      parseStrings("en.toml", text, "en", nullptr);
    } catch (const StringsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const auto notText = message("a = 3\n");
  CHECK(notText.find("en.toml") != std::string::npos);
  CHECK(notText.find("a must be a text") != std::string::npos);
  const auto unclosed = message("a = \"open\n");
  CHECK(unclosed.rfind("en.toml: ", 0) == 0);
}
