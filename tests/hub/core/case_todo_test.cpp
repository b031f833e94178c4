// Case to-dos: whose turn a case is, and how many days are left before its deadline.
#include <doctest/doctest.h>

#include "hub/core/case_todo.hpp"

using namespace hub;

TEST_CASE("staff verify and rectify, reviewers judge reports and appeals, nobody a finished case") {
  CHECK(turnOf(CaseState::Verifying) == CaseTurn::Staff);
  CHECK(turnOf(CaseState::Rectifying) == CaseTurn::Staff);
  CHECK(turnOf(CaseState::AwaitingReview) == CaseTurn::Reviewer);
  CHECK(turnOf(CaseState::Appealed) == CaseTurn::Reviewer);
  for (const auto s : {CaseState::Closed, CaseState::Explained, CaseState::Disputed})
    CHECK(turnOf(s) == CaseTurn::Nobody);
}

TEST_CASE("days left count calendar days across months and years, negative when late") {
  CHECK(daysLeft("2026-12-28", "2026-12-07") == 21);
  CHECK(daysLeft("2026-12-07", "2026-12-07") == 0);
  CHECK(daysLeft("2026-12-01", "2026-12-07") == -6);
  CHECK(daysLeft("2027-01-02", "2026-12-30") == 3);
  CHECK(daysLeft("2028-03-01", "2028-02-28") == 2);  // a leap year's 29 February counts
}
