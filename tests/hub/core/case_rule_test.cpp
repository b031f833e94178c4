// ruleHits: which commitments over the rectification rule get a new case or a reopened one.
#include <doctest/doctest.h>

#include "hub/core/case_rule.hpp"

using namespace hub;

namespace {
const RectificationRule kRule{0.30, 20, 15};
TallyRow row(const char* hall, const char* id, std::int64_t good, std::int64_t fair, std::int64_t poor) {
  return {hall, id, good, fair, poor, 0};
}
}  // namespace

TEST_CASE("over the rule with no case: open one, and under it or with too few votes nothing") {
  const std::vector<TallyRow> window{row("h1", "c-1", 14, 4, 2),  // 30 % of 20: over
                                     row("h1", "c-2", 15, 4, 1),  // 25 %: under
                                     row("h1", "c-3", 1, 4, 5)};  // 90 % of 10: too few to judge
  const auto hits = ruleHits(window, "2026-10-28", kRule, {});
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].action == RuleHit::Action::Open);
  CHECK(hits[0].counts.commitmentId == "c-1");
}

TEST_CASE("an open case is left alone, and a closed one reopens only on votes counted after it ended") {
  const std::vector<TallyRow> window{row("h1", "c-1", 10, 10, 10), row("h1", "c-2", 10, 10, 10),
                                     row("h1", "c-3", 10, 10, 10), row("h2", "c-1", 10, 10, 10)};
  const std::map<std::pair<std::string, std::string>, LatestCase> latest{
      {{"h1", "c-1"}, {CaseState::Rectifying, ""}},
      {{"h1", "c-2"}, {CaseState::Closed, "2026-11-10"}},     // ended inside the window: those votes opened it
      {{"h1", "c-3"}, {CaseState::Explained, "2026-10-20"}},  // ended before the window: crossing again
  };
  const auto hits = ruleHits(window, "2026-10-28", kRule, latest);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].counts.commitmentId == "c-3");
  CHECK(hits[0].action == RuleHit::Action::Reopen);
  CHECK(hits[1].counts.hall == "h2");  // the same id in another hall is another commitment
  CHECK(hits[1].action == RuleHit::Action::Open);
}
