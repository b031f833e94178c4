// common::urlEncode: only the unreserved characters stay; UTF-8 is encoded byte by byte.
#include <doctest/doctest.h>

#include "common/url_encode.hpp"

TEST_CASE("percent-encoding keeps unreserved characters and encodes every other byte") {
  CHECK(common::urlEncode("az-AZ_09.~") == "az-AZ_09.~");
  CHECK(common::urlEncode("a b&c=d/e?") == "a%20b%26c%3Dd%2Fe%3F");
  CHECK(common::urlEncode("+J4=") == "%2BJ4%3D");  // base64 in a query (钉钉's sign)
  CHECK(common::urlEncode("整改") == "%E6%95%B4%E6%94%B9");
  CHECK(common::urlEncode("").empty());
}
