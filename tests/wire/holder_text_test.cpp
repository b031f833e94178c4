// A holder as cards write it: an initial that is a letter, never a quotation mark, and a post or
// unit not repeated when the name already says it.
#include <doctest/doctest.h>

#include "wire/holder_text.hpp"

using wire::Holder;
using wire::HolderKind;

TEST_CASE("the initial is the name's first letter, past quotation marks, brackets and spaces") {
  CHECK(wire::holderInitial({"王丽", HolderKind::Person, "", ""}) == "王");
  CHECK(wire::holderInitial({"“党员先锋岗”", HolderKind::Post, "", ""}) == "党");
  CHECK(wire::holderInitial({"「红旗窗口」", HolderKind::Post, "", ""}) == "红");
  CHECK(wire::holderInitial({"《便民服务》队", HolderKind::Team, "", ""}) == "便");
  CHECK(wire::holderInitial({"（第一）服务队", HolderKind::Team, "", ""}) == "第");
  CHECK(wire::holderInitial({"\"Li\" Na", HolderKind::Person, "", ""}) == "L");
  CHECK(wire::holderInitial({"　 窗口 3 号", HolderKind::Post, "", ""}) == "窗");
  CHECK(wire::holderInitial({"3 号窗口", HolderKind::Post, "", ""}) == "3");
  // Nothing but marks: the unit's; nothing at all: no letter made up.
  CHECK(wire::holderInitial({"“”", HolderKind::Unit, "", "区医保局"}) == "区");
  CHECK(wire::holderInitial({"——", HolderKind::Unit, "", ""}).empty());
  CHECK(wire::holderInitial({"\xE4\xB8", HolderKind::Person, "", ""}).empty());  // a broken sequence
}

TEST_CASE("post and unit follow the name unless it already says them") {
  using Places = std::vector<std::string>;
  CHECK(wire::holderPlaces({"王丽", HolderKind::Person, "窗口 3 号", "区人社局"}) == Places{"窗口 3 号", "区人社局"});
  CHECK(wire::holderPlaces({"窗口 3 号", HolderKind::Post, "窗口 3 号", "区人社局"}) == Places{"区人社局"});
  CHECK(wire::holderPlaces({"区医保局", HolderKind::Unit, "", "区医保局"}).empty());
  CHECK(wire::holderPlaces({"第一服务队", HolderKind::Team, "", ""}).empty());
  CHECK(wire::holderPlaces({"李强", HolderKind::Person, "区医保局", "区医保局"}) == Places{"区医保局"});
}
