// Query strings, form bodies and cookies as browsers send them, including broken ones.
#include <doctest/doctest.h>

#include "hub/core/request_decoding.hpp"

using namespace hub;
using namespace hub;

TEST_CASE("fields decode percent escapes and plus signs into UTF-8") {
  const auto f = parseFields("a=1&b=%E5%A5%BD+x&empty=&flag&a=2");
  REQUIRE(f);
  CHECK(f->at("a") == "1");  // the first of a repeated name
  CHECK(f->at("b") == "好 x");
  CHECK(f->at("empty").empty());
  CHECK(f->count("flag") == 1);
}

TEST_CASE("broken escapes and bytes that are not UTF-8 are refused naming the field") {
  std::string why;
  CHECK_FALSE(parseFields("hall=%ZZ", &why));
  CHECK_FALSE(parseFields("hall=%4", &why));
  CHECK_FALSE(parseFields("hall=%", &why));
  CHECK_FALSE(parseFields("hall=%FF%FE", &why));
  CHECK(why == "hall");
}

TEST_CASE("one cookie is read out of the header, and encodings round-trip") {
  CHECK(cookieValue("a=1; __Host-session=abc; b=2", "__Host-session") == "abc");
  CHECK_FALSE(cookieValue("a=1; b=2", "__Host-session"));
  CHECK(cookieValue("x__Host-session=evil", "__Host-session") == std::nullopt);
  CHECK(urlEncode("区人社局 a&b") == "%E5%8C%BA%E4%BA%BA%E7%A4%BE%E5%B1%80%20a%26b");
  CHECK(parseFields("u=" + urlEncode("区人社局 a&b"))->at("u") == "区人社局 a&b");
  CHECK(pathOf("/console/units?x=1") == "/console/units");
  CHECK(queryOf("/console/units?x=1") == "x=1");
}
