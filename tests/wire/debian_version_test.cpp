// wire::compareDebianVersions orders versions exactly as dpkg --compare-versions does (checked
// against dpkg itself below), and isDebianVersion refuses what Debian Policy refuses.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "wire/debian_version.hpp"

using wire::compareDebianVersions;
using wire::isDebianVersion;

namespace {

// Each pair: first < second.
const std::vector<std::pair<const char*, const char*>> kAscending{
    {"1.0~rc1", "1.0"}, {"1.0", "1.0+b1"},       {"1.0", "1.0-1"},
    {"1.0-1", "1.0-2"}, {"1.0-9", "1.0-10"},     {"1.9", "1.10"},
    {"1.0", "1.0a"},    {"1.0a", "1.0b"},        {"2.0", "1:0.1"},
    {"1:1.0", "2:0.1"}, {"0.1.0", "0.1.1"},      {"1.0~~", "1.0~"},
    {"1.0~", "1.0"},    {"1.0-1~bpo1", "1.0-1"}, {"1.001", "1.2"},
    {"9", "10"},        {"1.0.0", "1.0.0.0"},    {"1.2.3-4", "1.2.3-4+deb12u1"}};

}  // namespace

TEST_CASE("versions are ordered as dpkg orders them") {
  for (const auto& [lower, higher] : kAscending) {
    CAPTURE(lower);
    CAPTURE(higher);
    CHECK(compareDebianVersions(lower, higher) < 0);
    CHECK(compareDebianVersions(higher, lower) > 0);
    CHECK(compareDebianVersions(lower, lower) == 0);
  }
  CHECK(compareDebianVersions("1.01", "1.1") == 0);  // leading zeros do not count
  CHECK(compareDebianVersions("0:1.0", "1.0") == 0);
}

TEST_CASE("the same order as dpkg itself, where dpkg is installed") {
  if (std::system("command -v dpkg >/dev/null 2>&1") != 0) return;  // Debian always has it; CI is Debian
  for (const auto& [lower, higher] : kAscending) {
    CAPTURE(lower);
    const std::string command = std::string("dpkg --compare-versions '") + lower + "' lt '" + higher + "'";
    CHECK(std::system(command.c_str()) == 0);
  }
}

TEST_CASE("only versions Debian Policy allows are versions") {
  for (const char* good : {"1", "1.0", "1.0-1", "1:1.0-1", "1.0~rc1+dfsg-2~bpo12+1", "0.1.0", "2:1.2-3-4"}) {
    CAPTURE(good);
    CHECK(isDebianVersion(good));
  }
  for (const char* bad : {"", "v1.0", "1.0-", "a:1.0", ":1.0", "1.0 ", "1.0_1", "1.0-1:2", "1.0/evil", "-1", "1.0-r@v",
                          "1:", "1234567890:1"}) {
    CAPTURE(bad);
    CHECK_FALSE(isDebianVersion(bad));
  }
  CHECK_FALSE(isDebianVersion(std::string(129, '1')));
}
