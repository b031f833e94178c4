// Test support: text as Excel and WPS save "CSV" on a Chinese Windows (GB18030), made with glibc's
// iconv. Header-only; any thread.
#pragma once

#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

namespace testing {

inline std::string toGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());  // iconv's API is not const-correct; it only reads
  std::size_t inLeft = utf8.size(), outLeft = out.size();
  char* o = out.data();
  REQUIRE(iconv(cd, &in, &inLeft, &o, &outLeft) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - outLeft);
  return out;
}

}  // namespace testing
