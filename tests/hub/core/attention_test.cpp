// The overview's headline: the satisfaction change in percentage points when both periods have
// enough votes, and the commitments or units needing attention first, over the floor only.
#include <doctest/doctest.h>

#include "hub/core/attention.hpp"

using namespace hub;

TEST_CASE("the change of satisfaction is in percentage points, and only between periods with enough votes") {
  const auto change = satisfactionChange({86, 10, 4}, {80, 15, 5}, 30);
  CHECK(change.missing == ScoreChange::Missing::None);
  CHECK(change.before == doctest::Approx(0.80));
  CHECK(change.points == doctest::Approx(6.0));
  CHECK(satisfactionChange({70, 20, 10}, {80, 15, 5}, 30).points == doctest::Approx(-10.0));
  CHECK(satisfactionChange({10, 5, 4}, {80, 15, 5}, 30).missing == ScoreChange::Missing::NowTooFew);
  CHECK(satisfactionChange({86, 10, 4}, {20, 5, 4}, 30).missing == ScoreChange::Missing::BeforeTooFew);
  CHECK(satisfactionChange({86, 10, 4}, {}, 0).missing == ScoreChange::Missing::BeforeTooFew);  // none is too few
}

TEST_CASE("worst first: the share of 一般 and 差, over the floor only, ties by more votes, at most the limit") {
  const std::vector<Scored> items{{"a", {90, 5, 5}},    // 10 %
                                  {"b", {30, 10, 10}},  // 40 %
                                  {"c", {3, 0, 2}},     // 40 % of 5: under the floor
                                  {"d", {60, 20, 20}},  // 40 % of 100: before b
                                  {"e", {50, 0, 0}},    // nothing to attend to
                                  {"f", {80, 10, 10}}};
  const auto worst = worstFirst(items, 10, 3);
  REQUIRE(worst.size() == 3);
  CHECK(worst[0].key == "d");
  CHECK(worst[1].key == "b");
  CHECK(worst[2].key == "f");  // 20 %
  CHECK(worstFirst(items, 10, 10).size() == 4);
  CHECK(worstFirst(items, 1000, 10).empty());
}
