// The rectification case's state machine: every (state, step) pair allowed or refused, who may take
// each step, notes, deadlines and overdue.
#include <doctest/doctest.h>

#include <map>

#include "hub/core/case_lifecycle.hpp"

using namespace hub;

namespace {
constexpr CaseState kStates[] = {CaseState::Verifying, CaseState::Rectifying, CaseState::AwaitingReview,
                                 CaseState::Closed,    CaseState::Explained,  CaseState::Appealed,
                                 CaseState::Disputed};
constexpr CaseStep kSteps[] = {CaseStep::Confirm,    CaseStep::Explain, CaseStep::Appeal,
                               CaseStep::ReportDone, CaseStep::Approve, CaseStep::SendBack,
                               CaseStep::Uphold,     CaseStep::Dispute, CaseStep::Reopen};
}  // namespace

TEST_CASE("the full table: exactly these steps are allowed, each to its state") {
  const std::map<std::pair<CaseState, CaseStep>, CaseState> allowed{
      {{CaseState::Verifying, CaseStep::Confirm}, CaseState::Rectifying},
      {{CaseState::Verifying, CaseStep::Explain}, CaseState::Explained},
      {{CaseState::Verifying, CaseStep::Appeal}, CaseState::Appealed},
      {{CaseState::Rectifying, CaseStep::Appeal}, CaseState::Appealed},
      {{CaseState::Rectifying, CaseStep::ReportDone}, CaseState::AwaitingReview},
      {{CaseState::AwaitingReview, CaseStep::Approve}, CaseState::Closed},
      {{CaseState::AwaitingReview, CaseStep::SendBack}, CaseState::Rectifying},
      {{CaseState::Appealed, CaseStep::Uphold}, CaseState::Rectifying},
      {{CaseState::Appealed, CaseStep::Dispute}, CaseState::Disputed},
      {{CaseState::Closed, CaseStep::Reopen}, CaseState::Verifying},
      {{CaseState::Explained, CaseStep::Reopen}, CaseState::Verifying},
      {{CaseState::Disputed, CaseStep::Reopen}, CaseState::Verifying},
  };
  for (auto state : kStates)
    for (auto step : kSteps) {
      CAPTURE(nameOf(state));
      CAPTURE(nameOf(step));
      // A reviewer with a note may take any step the table allows.
      const auto d = decideStep(state, step, CaseActor::Reviewer, "checked on site");
      const auto it = allowed.find({state, step});
      if (it == allowed.end()) {
        CHECK_FALSE(d.next);
        CHECK(d.refusal.find("cannot take the step " + std::string(nameOf(step))) != std::string::npos);
      } else {
        REQUIRE(d.next);
        CHECK(*d.next == it->second);
      }
    }
}

TEST_CASE("staff do the work, reviewers judge it, the rule only reopens") {
  const auto by = [](CaseActor actor, CaseState state, CaseStep step) {
    return decideStep(state, step, actor, "note").next.has_value();
  };
  CHECK(by(CaseActor::Staff, CaseState::Verifying, CaseStep::Confirm));
  CHECK(by(CaseActor::Staff, CaseState::Rectifying, CaseStep::ReportDone));
  CHECK(by(CaseActor::Staff, CaseState::Rectifying, CaseStep::Appeal));
  CHECK_FALSE(by(CaseActor::Staff, CaseState::AwaitingReview, CaseStep::Approve));
  CHECK_FALSE(by(CaseActor::Staff, CaseState::AwaitingReview, CaseStep::SendBack));
  CHECK_FALSE(by(CaseActor::Staff, CaseState::Appealed, CaseStep::Dispute));
  CHECK_FALSE(by(CaseActor::Staff, CaseState::Appealed, CaseStep::Uphold));
  CHECK(decideStep(CaseState::AwaitingReview, CaseStep::Approve, CaseActor::Staff, "")
            .refusal.find("for a leader or an administrator") != std::string::npos);
  CHECK(by(CaseActor::Rule, CaseState::Closed, CaseStep::Reopen));
  CHECK(by(CaseActor::Staff, CaseState::Explained, CaseStep::Reopen));
  for (auto step : kSteps)
    if (step != CaseStep::Reopen)
      for (auto state : kStates) CHECK_FALSE(by(CaseActor::Rule, state, step));
}

TEST_CASE("nobody judges their own work: every judging step is refused to the one who took the step it judges") {
  // Every step, against the step it judges (or none): refused to that login, allowed to another.
  const std::map<CaseStep, std::pair<CaseState, CaseStep>> judges{
      {CaseStep::Approve, {CaseState::AwaitingReview, CaseStep::ReportDone}},
      {CaseStep::SendBack, {CaseState::AwaitingReview, CaseStep::ReportDone}},
      {CaseStep::Uphold, {CaseState::Appealed, CaseStep::Appeal}},
      {CaseStep::Dispute, {CaseState::Appealed, CaseStep::Appeal}},
  };
  for (const auto step : kSteps) {
    CAPTURE(nameOf(step));
    const auto judged = stepJudgedBy(step);
    const auto it = judges.find(step);
    REQUIRE(judged.has_value() == (it != judges.end()));
    if (!judged) continue;
    CHECK(*judged == it->second.second);
    const CaseState state = it->second.first;
    const auto own = decideStep(state, step, CaseActor::Reviewer, "a note", {"li.leader", "li.leader"});
    CHECK_FALSE(own.next);
    CHECK(own.refusal.find("nobody judges their own work") != std::string::npos);
    CHECK(decideStep(state, step, CaseActor::Reviewer, "a note", {"zhao.leader", "li.leader"}).next);
    CHECK(decideStep(state, step, CaseActor::Reviewer, "a note", {"zhao.leader", ""}).next);  // nobody took it yet
  }
  // Steps that judge nothing are not held to it: the one who confirmed may report the work done.
  CHECK(decideStep(CaseState::Rectifying, CaseStep::ReportDone, CaseActor::Staff, "done", {"wang", "wang"}).next);
}

TEST_CASE("the public outcome: required when reporting done or explaining, counted in characters, plain text") {
  CHECK(needsPublicOutcome(CaseStep::ReportDone));
  CHECK(needsPublicOutcome(CaseStep::Explain));
  CHECK_FALSE(needsPublicOutcome(CaseStep::Approve));
  CHECK(mayWritePublicOutcome(CaseStep::Approve));
  for (const auto step :
       {CaseStep::Confirm, CaseStep::Appeal, CaseStep::SendBack, CaseStep::Uphold, CaseStep::Dispute, CaseStep::Reopen})
    CHECK_FALSE(mayWritePublicOutcome(step));
  std::string seventy;
  for (int i = 0; i < 70; ++i) seventy += "字";  // 210 bytes, 70 characters: fits
  CHECK(publicOutcomeProblem(seventy).empty());
  CHECK(publicOutcomeProblem(seventy + "字").find("71 characters; at most 70") != std::string::npos);
  CHECK(publicOutcomeProblem("增设导办员\n高峰时段加开窗口").empty());  // a line break is text
  CHECK_FALSE(publicOutcomeProblem("").empty());
  CHECK_FALSE(publicOutcomeProblem(" \n ").empty());
  CHECK(publicOutcomeProblem("a\x1b[31m").find("control character") != std::string::npos);
  CHECK(publicOutcomeProblem("\xff\xfe").find("UTF-8") != std::string::npos);
}

TEST_CASE("explaining, appealing, reporting done, sending back and disputing need a note") {
  CHECK_FALSE(decideStep(CaseState::Verifying, CaseStep::Explain, CaseActor::Staff, "  \n").next);
  CHECK(decideStep(CaseState::Verifying, CaseStep::Appeal, CaseActor::Staff, "").refusal.find("needs a note") !=
        std::string::npos);
  CHECK_FALSE(decideStep(CaseState::Rectifying, CaseStep::ReportDone, CaseActor::Staff, "").next);
  CHECK_FALSE(decideStep(CaseState::AwaitingReview, CaseStep::SendBack, CaseActor::Reviewer, "").next);
  CHECK_FALSE(decideStep(CaseState::Appealed, CaseStep::Dispute, CaseActor::Reviewer, "").next);
  // Confirming, approving, upholding and reopening may go without.
  CHECK(decideStep(CaseState::Verifying, CaseStep::Confirm, CaseActor::Staff, "").next);
  CHECK(decideStep(CaseState::AwaitingReview, CaseStep::Approve, CaseActor::Reviewer, "").next);
  CHECK(decideStep(CaseState::Appealed, CaseStep::Uphold, CaseActor::Reviewer, "").next);
  CHECK(decideStep(CaseState::Closed, CaseStep::Reopen, CaseActor::Rule, "").next);
}

TEST_CASE("names round-trip and open states are the unfinished ones") {
  for (auto state : kStates) CHECK(caseStateFromString(nameOf(state)) == state);
  for (auto step : kSteps) CHECK(caseStepFromString(nameOf(step)) == step);
  CHECK_FALSE(caseStateFromString("done"));
  CHECK_FALSE(caseStepFromString("close"));
  CHECK(isOpen(CaseState::Verifying));
  CHECK(isOpen(CaseState::Appealed));
  CHECK(isOpen(CaseState::AwaitingReview));
  CHECK_FALSE(isOpen(CaseState::Closed));
  CHECK_FALSE(isOpen(CaseState::Explained));
  CHECK_FALSE(isOpen(CaseState::Disputed));
}

TEST_CASE("due after the working days, overdue only while the unit still owes the work") {
  const auto deadline = caseDeadline("2026-11-23", 15, WorkCalendar());
  CHECK(deadline == "2026-12-14");
  CHECK_FALSE(isOverdue(CaseState::Rectifying, deadline, "2026-12-14"));  // the deadline day itself is in time
  CHECK(isOverdue(CaseState::Rectifying, deadline, "2026-12-15"));
  CHECK(isOverdue(CaseState::Verifying, deadline, "2027-01-04"));
  CHECK_FALSE(isOverdue(CaseState::AwaitingReview, deadline, "2027-01-04"));  // done, the reviewer's turn
  CHECK_FALSE(isOverdue(CaseState::Appealed, deadline, "2027-01-04"));        // an appeal stops the clock
  CHECK_FALSE(isOverdue(CaseState::Closed, deadline, "2027-01-04"));
}

TEST_CASE("rectification and on-time rates leave out the cases where no fault was found") {
  const std::vector<CaseSummary> cases{
      {CaseState::Closed, "2026-12-14", "2026-12-10"},          // done in time, closed
      {CaseState::Closed, "2026-12-14", "2026-12-16"},          // done late, closed
      {CaseState::AwaitingReview, "2026-12-14", "2026-12-14"},  // done on the deadline day
      {CaseState::Rectifying, "2026-12-14", ""},                // overdue on the 20th
      {CaseState::Explained, "2026-12-14", ""},                 // no fault: out of both rates
      {CaseState::Disputed, "2026-12-14", ""},
  };
  const auto f = caseFigures(cases, "2026-12-20");
  CHECK(f.cases == 6);
  CHECK(f.needingWork == 4);
  CHECK(f.closed == 2);
  CHECK(f.rectificationRate() == doctest::Approx(0.5));
  CHECK(f.reportedDone == 3);
  CHECK(f.onTimeRate() == doctest::Approx(2.0 / 3.0));
  CHECK(f.overdue == 1);
  const auto none = caseFigures({}, "2026-12-20");
  CHECK_FALSE(none.rectificationRate());
  CHECK_FALSE(none.onTimeRate());
}

TEST_CASE("a rate counts only cases that are due: four fresh cases have no 整改率 yet") {
  const std::vector<CaseSummary> fresh(4, CaseSummary{CaseState::Verifying, "2026-12-28", ""});
  const auto none = caseFigures(fresh, "2026-12-07");
  CHECK(none.needingWork == 4);
  CHECK(none.due == 0);
  auto some = fresh;
  some.push_back({CaseState::Closed, "2026-12-20", "2026-12-05"});
  some.push_back({CaseState::Rectifying, "2026-12-01", ""});  // past its deadline
  const auto f = caseFigures(some, "2026-12-07");
  CHECK(f.due == 2);
  CHECK(f.overdue == 1);
}
