// hub::byteRange: a resumed download's Range header, and every header the hub does not honour.
#include <doctest/doctest.h>

#include "hub/core/byte_range.hpp"

using hub::byteRange;
using hub::RangeAnswer;

TEST_CASE("a resumed download gets the rest, or the part it asked for, clipped to the end") {
  hub::ByteRange r;
  REQUIRE(byteRange("bytes=400-", 1000, r) == RangeAnswer::Part);
  CHECK(r.first == 400);
  CHECK(r.last == 999);
  CHECK(r.length() == 600);
  REQUIRE(byteRange("bytes=0-99", 1000, r) == RangeAnswer::Part);
  CHECK(r.length() == 100);
  REQUIRE(byteRange("bytes=900-5000", 1000, r) == RangeAnswer::Part);
  CHECK(r.last == 999);
  CHECK(byteRange("bytes=1000-", 1000, r) == RangeAnswer::Unsatisfiable);
}

TEST_CASE("no header, several ranges, a suffix or nonsense: the whole file") {
  hub::ByteRange r;
  for (const char* header : {"", "bytes=0-1,5-9", "bytes=-500", "bytes=a-", "bytes=9-3", "items=0-1",
                             "bytes=", "bytes=99999999999999999999-"}) {
    CAPTURE(header);
    CHECK(byteRange(header, 1000, r) == RangeAnswer::Whole);
  }
}
