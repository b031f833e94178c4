// common::isValidUtf8: strict RFC 3629, so GB18030 text is not mistaken for UTF-8.
#include <doctest/doctest.h>

#include <string>

#include "common/utf8.hpp"

TEST_CASE("valid UTF-8 of every length passes") {
  CHECK(common::isValidUtf8(""));
  CHECK(common::isValidUtf8("ascii"));
  CHECK(common::isValidUtf8("é承诺好😀"));
  CHECK(common::isValidUtf8("\xEF\xBF\xBF\xF4\x8F\xBF\xBF"));  // U+FFFF, U+10FFFF
}

TEST_CASE("overlong forms, surrogates, stray and truncated bytes fail") {
  for (const std::string bad :
       {"\xC1\xAA\xCD\xA8" /* 联通 in GBK */, "\xC0\x80", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xE6\x89", "a\xFF"})
    CHECK_FALSE(common::isValidUtf8(bad));
}
