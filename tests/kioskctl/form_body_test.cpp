// kioskctl::formBody: the multipart body `update publish` sends (the hub's parser reads it back in
// the end-to-end test); here, that no part's bytes can end a part early.
#include <doctest/doctest.h>

#include "kioskctl/form_body.hpp"

TEST_CASE("a multipart body names each part, and its boundary appears in no part") {
  const std::string sneaky = "a package that holds --seed inside it";
  const auto form =
      kioskctl::formBody({{"manifest", "manifest.json", "{\"signed\":1}"}, {"package", "k.deb", sneaky}}, "seed");
  const std::string boundary = form.contentType.substr(form.contentType.find("boundary=") + 9);
  CHECK(form.contentType.rfind("multipart/form-data; boundary=", 0) == 0);
  CHECK(boundary != "seed");  // lengthened: "seed" is in the package
  CHECK(sneaky.find(boundary) == std::string::npos);
  CHECK(form.body.find("name=\"manifest\"; filename=\"manifest.json\"") != std::string::npos);
  CHECK(form.body.find("\r\n\r\n" + sneaky + "\r\n--" + boundary + "--\r\n") != std::string::npos);
  CHECK(form.body.rfind("--" + boundary + "\r\n", 0) == 0);
}
