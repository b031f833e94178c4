// multipart/form-data as browsers send it: fields and files apart, quoted names, folder paths in
// file names, binary content kept byte for byte; every malformed body refused with what is wrong.
#include <doctest/doctest.h>

#include "hub/core/multipart.hpp"

using hub::MultipartError;
using hub::parseMultipart;

namespace {
const std::string kType = "multipart/form-data; boundary=----WebKitFormBoundaryX3";
std::string part(const std::string& disposition, const std::string& content) {
  return "------WebKitFormBoundaryX3\r\nContent-Disposition: form-data; " + disposition +
         "\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
}
}  // namespace

TEST_CASE("fields and files apart, names with folders, binary bytes as sent") {
  const std::string binary("PK\x03\x04\0\r\n--not-a-boundary\r\n", 26);
  const std::string body = part("name=\"csrf\"", "abc") +
                           part("name=\"files\"; filename=\"export/batches/rating-batch-000001.json\"", "{}") +
                           part("name=\"files\"; filename=\"a \\\"quoted\\\"; name.xlsx\"", binary) +
                           "------WebKitFormBoundaryX3--\r\n";
  const auto m = parseMultipart(body, kType, 10);
  CHECK(m.fields.at("csrf") == "abc");
  REQUIRE(m.files.size() == 2);
  CHECK(m.files[0].field == "files");
  CHECK(m.files[0].fileName == "export/batches/rating-batch-000001.json");
  CHECK(m.files[0].content == "{}");
  CHECK(m.files[1].fileName == "a \"quoted\"; name.xlsx");
  CHECK(m.files[1].content == binary);
  // The boundary may be quoted, and the type's case does not matter.
  CHECK(parseMultipart(body, "Multipart/Form-Data; boundary=\"----WebKitFormBoundaryX3\"", 10).files.size() == 2);
}

TEST_CASE("malformed uploads are refused with what is wrong") {
  const std::string ok = part("name=\"csrf\"", "abc") + "------WebKitFormBoundaryX3--\r\n";
  struct Bad {
    std::string body, type, names;
  };
  for (const Bad& bad : std::vector<Bad>{
           {ok, "application/x-www-form-urlencoded", "not multipart"},
           {ok, "multipart/form-data", "boundary"},
           {ok, "multipart/form-data; boundary=" + std::string(80, 'b'), "boundary"},
           {"nothing here", kType, "no parts"},
           {part("name=\"csrf\"", "abc"), kType, "cut off"},
           {"------WebKitFormBoundaryX3\r\nContent-Disposition: form-data; name=\"a\"\r\n", kType, "header block"},
           {part("filename=\"x\"", "abc") + "------WebKitFormBoundaryX3--", kType, "names no form field"},
           {part("name=\"note\"", "\xff\xfe") + "------WebKitFormBoundaryX3--", kType, "UTF-8"},
           {part("name=\"note\"", std::string(9000, 'x')) + "------WebKitFormBoundaryX3--", kType, "8 KiB"},
           {"------WebKitFormBoundaryX3xx", kType, "line end"},
           {part("name=\"f\"; filename=\"1\"", "") + part("name=\"f\"; filename=\"2\"", "") +
                part("name=\"f\"; filename=\"3\"", "") + "------WebKitFormBoundaryX3--",
            kType, "more than 2 files"},
       }) {
    CAPTURE(bad.names);
    try {
      parseMultipart(bad.body, bad.type, 2);
      FAIL("accepted");
    } catch (const MultipartError& e) {
      CHECK(std::string(e.what()).find(bad.names) != std::string::npos);
    }
  }
}
