// wire::sharesOf: satisfaction and fair-or-worse, the same everywhere they are shown.
#include <doctest/doctest.h>

#include "wire/commitment_list.hpp"
#include "wire/tally_shares.hpp"

TEST_CASE("shares are fractions of the counted votes, and zero when there are none") {
  const auto s = wire::sharesOf({6, 3, 1});
  CHECK(s.satisfaction == doctest::Approx(0.6));
  CHECK(s.fairOrWorse == doctest::Approx(0.4));
  const auto none = wire::sharesOf({});
  CHECK(none.satisfaction == 0.0);
  CHECK(none.fairOrWorse == 0.0);
  CHECK(wire::sharesOf({0, 0, 9}).fairOrWorse == 1.0);
  CHECK(wire::TallyCounts{1, 2, 3}.total() == 6);
}

TEST_CASE("the enum name tables of the list format read both ways") {
  for (const auto& [kind, name] : wire::kHolderKinds.entries()) {
    CHECK(wire::nameOf(kind) == name);
    CHECK(wire::holderKindFromString(name) == kind);
  }
  for (const auto& [term, name] : wire::kTerms.entries()) {
    CHECK(wire::nameOf(term) == name);
    CHECK(wire::termFromString(name) == term);
  }
}
