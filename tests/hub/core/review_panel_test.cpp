// 评议会 results: grades counted per commitment and category, 一般及以下 against the panel's own
// threshold, and the privacy floor keeping small categories (and whatever subtraction would reveal)
// to their ballot counts.
#include <doctest/doctest.h>

#include "hub/core/review_panel.hpp"

using namespace hub::panel;

namespace {
GradeCounts counts(std::int64_t good, std::int64_t fairlyGood, std::int64_t fair, std::int64_t poor,
                   std::int64_t skipped = 0) {
  GradeCounts c;
  c.byGrade = {good, fairlyGood, fair, poor};
  c.skipped = skipped;
  return c;
}
}  // namespace

TEST_CASE("grades and categories by name, and the scales' grades") {
  CHECK(gradeFromName("fairly_good") == Grade::FairlyGood);
  CHECK_FALSE(gradeFromName("excellent"));
  CHECK(nameOf(Grade::Poor) == "poor");
  CHECK(gradesOf(Scale::Four).size() == 4);
  CHECK(gradesOf(Scale::Three) == std::vector<Grade>{Grade::Good, Grade::Fair, Grade::Poor});
  CHECK(isCategory("npc_deputy"));
  CHECK_FALSE(isCategory("mayor"));
  CHECK(counts(2, 1, 1, 0).fairOrWorse() == doctest::Approx(0.25));
  CHECK(counts(0, 0, 0, 0, 3).fairOrWorse() == 0.0);
}

TEST_CASE("a panel's results: overall and per category over the floor, the threshold its own") {
  PanelTally tally;
  tally.ballotsByCategory = {{"npc_deputy", 6}, {"client", 5}};
  tally.counts[{"c-1", "npc_deputy"}] = counts(3, 1, 1, 1);
  tally.counts[{"c-1", "client"}] = counts(1, 1, 2, 1);
  tally.counts[{"c-2", "npc_deputy"}] = counts(5, 0, 0, 0, 1);
  const Rule rule{0.4, 3, 5};
  const auto r = results({"c-1", "c-2", "c-3"}, tally, {{"npc_deputy", 6}, {"client", 6}}, rule);
  REQUIRE(r.size() == 3);
  CHECK(r[0].overallShown);
  CHECK(r[0].overall.byGrade == std::array<std::int64_t, 4>{4, 2, 3, 2});
  CHECK(r[0].overThreshold);  // 5 of 11 fair or worse: 45 % ≥ 40 %
  REQUIRE(r[0].categories.size() == 2);
  CHECK(r[0].categories[0].category == "npc_deputy");  // kCategories' order
  CHECK(r[0].categories[1].counts->byGrade[2] == 2);
  CHECK_FALSE(r[1].overThreshold);
  CHECK(r[1].overall.skipped == 1);
  CHECK(r[2].overall.graded() == 0);  // nobody graded it: nothing judged
  CHECK_FALSE(r[2].overThreshold);
}

TEST_CASE("the privacy floor: a small category shows only its ballots, and never by subtraction") {
  PanelTally tally;
  tally.ballotsByCategory = {{"npc_deputy", 8}, {"cppcc_member", 2}};
  tally.counts[{"c-1", "npc_deputy"}] = counts(8, 0, 0, 0);
  tally.counts[{"c-1", "cppcc_member"}] = counts(0, 0, 0, 2);
  const Rule rule{0.3, 3, 5};
  const auto r = results({"c-1"}, tally, {{"npc_deputy", 8}, {"cppcc_member", 3}}, rule);
  REQUIRE(r[0].categories.size() == 2);
  // Two 政协委员 ballots are under the floor; showing the deputies' eight would let anyone take
  // them from the overall 8 + 2 and read the two members' grades: no category shows grades.
  CHECK_FALSE(r[0].categories[0].counts);
  CHECK_FALSE(r[0].categories[1].counts);
  CHECK(r[0].categories[1].ballots == 2);
  CHECK(r[0].overallShown);
  // With the small categories together at the floor, the others show again.
  tally.ballotsByCategory["client"] = 3;
  const auto again = results({"c-1"}, tally, {{"npc_deputy", 8}, {"cppcc_member", 3}, {"client", 3}}, rule);
  CHECK(again[0].categories[0].counts);
  CHECK_FALSE(again[0].categories[1].counts);
  // A panel of four ballots shows no grades at all.
  PanelTally few;
  few.ballotsByCategory = {{"client", 4}};
  few.counts[{"c-1", "client"}] = counts(0, 0, 0, 4);
  CHECK_FALSE(results({"c-1"}, few, {{"client", 4}}, rule)[0].overallShown);
}
