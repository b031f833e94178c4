// CaseStore: cases and their steps in console.db, through the lifecycle, one open case per
// commitment, reopening, and a refused step that changes nothing.
#include <doctest/doctest.h>

#include "common/sqlite.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/case_store.hpp"
#include "temp_dir.hpp"

using namespace hub;
using hub::CaseStore;

TEST_CASE("a case through verify, rectify, review and close, every step recorded") {
  testing::TempDir dir;
  CaseStore cases(dir / "console.db");
  const auto opened = cases.open("hall-01", "c-0007", "2026-11-23", "2026-12-14", "rule", "差评率 35%（40 票）", 100);
  REQUIRE(opened);
  CHECK(opened->state == CaseState::Verifying);
  CHECK_FALSE(cases.open("hall-01", "c-0007", "2026-11-24", "2026-12-15", "li", "by hand", 101));  // one open case
  CHECK(cases.open("hall-02", "c-0007", "2026-11-24", "2026-12-15", "li", "by hand", 101));        // another hall's

  const auto id = opened->id;
  CHECK(cases.take(id, CaseStep::Confirm, CaseActor::Staff, "wang", "", "2026-11-24", "", 110).empty());
  // Reporting the work done needs the public outcome, written as residents will read it.
  CHECK(
      cases.take(id, CaseStep::ReportDone, CaseActor::Staff, "wang", "内部：已与窗口负责人谈话", "2026-12-01", "", 120)
          .find("public outcome") != std::string::npos);
  CHECK(cases
            .take(id, CaseStep::ReportDone, CaseActor::Staff, "wang", "内部：已与窗口负责人谈话", "2026-12-01", "", 120,
                  std::nullopt, std::string(71 * 3, '\x41'))
            .find("at most 70") != std::string::npos);
  CHECK(cases.find(id)->state == CaseState::Rectifying);
  CHECK(cases
            .take(id, CaseStep::ReportDone, CaseActor::Staff, "wang", "内部：已与窗口负责人谈话", "2026-12-01", "", 120,
                  std::nullopt, "增设取号机，高峰期加开窗口")
            .empty());
  // Staff cannot approve their own work; a refused step changes nothing.
  CHECK(cases.take(id, CaseStep::Approve, CaseActor::Staff, "wang", "", "2026-12-02", "", 130) ==
        "the step approve is for a leader or an administrator");
  CHECK(cases.find(id)->state == CaseState::AwaitingReview);
  CHECK(cases.find(id)->outcome == "增设取号机，高峰期加开窗口");  // the draft, before it is public
  CHECK(cases.take(id, CaseStep::Approve, CaseActor::Reviewer, "zhao", "复核属实，同意销号。", "2026-12-03", "", 140)
            .empty());

  const auto closed = cases.find(id);
  CHECK(closed->state == CaseState::Closed);
  CHECK(closed->doneDay == "2026-12-01");
  CHECK(closed->closedDay == "2026-12-03");
  CHECK(closed->outcome == "增设取号机，高峰期加开窗口");  // the reviewer's note is not public text
  CHECK(cases.closedOutcomes("hall-01").at("c-0007") == "增设取号机，高峰期加开窗口");
  const auto steps = cases.steps(id);
  REQUIRE(steps.size() == 3);
  CHECK(steps[2].note == "复核属实，同意销号。");  // kept as the internal record
  CHECK(steps[1].step == CaseStep::ReportDone);
  CHECK(steps[1].from == CaseState::Rectifying);
  CHECK(steps[1].to == CaseState::AwaitingReview);
  CHECK(steps[2].login == "zhao");

  // The rule crossed again: the same case reopens and its clock starts again.
  CHECK(cases.take(id, CaseStep::Reopen, CaseActor::Rule, "rule", "", "2027-01-05", "2027-01-26", 150).empty());
  const auto reopened = cases.find(id);
  CHECK(reopened->state == CaseState::Verifying);
  CHECK(reopened->deadline == "2027-01-26");
  CHECK(reopened->closedDay.empty());
  CHECK(reopened->outcome.empty());
  CHECK(cases.latestFor("hall-01", "c-0007")->id == id);
}

TEST_CASE("appeal and re-review, the listing scoped by hall, and an unknown case") {
  testing::TempDir dir;
  CaseStore cases(dir / "console.db");
  const auto a = cases.open("hall-01", "c-1", "2026-11-23", "2026-12-14", "rule", "t", 1)->id;
  cases.open("hall-02", "c-2", "2026-11-23", "2026-12-14", "rule", "t", 1);
  CHECK(cases.take(a, CaseStep::Appeal, CaseActor::Staff, "wang", "", "2026-11-24", "", 2) ==
        "the step appeal needs a note saying why or what was done");
  CHECK(cases.take(a, CaseStep::Appeal, CaseActor::Staff, "wang", "同一时段连续差评，疑似恶意", "2026-11-24", "", 2)
            .empty());
  CHECK(cases.take(a, CaseStep::Dispute, CaseActor::Reviewer, "zhao", "监控显示为同一人连续点击", "2026-11-25", "",
                   3) == "a dispute names the hours whose ratings were found mistaken");
  CHECK(cases.find(a)->state == CaseState::Appealed);
  CHECK(cases.disputedRanges(std::nullopt).empty());
  CHECK(cases
            .take(a, CaseStep::Dispute, CaseActor::Reviewer, "zhao", "监控显示为同一人连续点击", "2026-11-25", "", 3,
                  hub::HourRange{"2026-11-20", 9, "2026-11-23", 17})
            .empty());
  CHECK(cases.find(a)->state == CaseState::Disputed);
  const auto ranges = cases.disputedRanges(std::vector<std::string>{"hall-01"});
  REQUIRE(ranges.size() == 1);
  CHECK(ranges[0].caseId == a);
  CHECK(ranges[0].commitmentId == "c-1");
  CHECK(ranges[0].from == "2026-11-20");
  CHECK(ranges[0].to == "2026-11-23");
  CHECK(ranges[0].fromHour == 9);  // the hours the appeal named, kept
  CHECK(ranges[0].toHour == 17);
  CHECK(ranges[0].reason == "监控显示为同一人连续点击");
  CHECK(cases.disputedRanges(std::vector<std::string>{"hall-02"}).empty());
  CHECK(cases.find(a)->closedDay == "2026-11-25");
  // A new case opened by hand meanwhile: reopening the disputed one is refused, not doubled.
  CHECK(cases.open("hall-01", "c-1", "2026-11-26", "2026-12-17", "wang", "群众来电反映", 4));
  CHECK(cases.take(a, CaseStep::Reopen, CaseActor::Rule, "rule", "", "2026-11-27", "2026-12-18", 5) ==
        "another case for this commitment is already open");
  CHECK(cases.find(a)->state == CaseState::Disputed);
  CHECK(cases.list(std::vector<std::string>{"hall-02"}).size() == 1);
  CHECK(cases.list(std::nullopt).size() == 3);
  CHECK(cases.take(999, CaseStep::Confirm, CaseActor::Staff, "wang", "", "2026-11-24", "", 4) == "no case 999");
}

TEST_CASE("a leader who did the work or appealed may not judge it, whatever the page showed") {
  testing::TempDir dir;
  CaseStore cases(dir / "console.db");
  const auto id = cases.open("hall-01", "c-0007", "2026-11-23", "2026-12-14", "rule", "t", 1)->id;
  // One leader takes the staff steps (leaders may), then tries to approve their own report.
  CHECK(cases.take(id, CaseStep::Confirm, CaseActor::Reviewer, "li.leader", "", "2026-11-24", "", 2).empty());
  CHECK(cases
            .take(id, CaseStep::ReportDone, CaseActor::Reviewer, "li.leader", "加开窗口", "2026-11-25", "", 3,
                  std::nullopt, "加开窗口")
            .empty());
  CHECK(cases.take(id, CaseStep::Approve, CaseActor::Reviewer, "li.leader", "", "2026-11-26", "", 4)
            .find("nobody judges their own work") != std::string::npos);
  CHECK(cases.take(id, CaseStep::SendBack, CaseActor::Reviewer, "li.leader", "再改", "2026-11-26", "", 4)
            .find("nobody judges their own work") != std::string::npos);
  CHECK(cases.find(id)->state == CaseState::AwaitingReview);  // refused: nothing changed
  CHECK(cases.take(id, CaseStep::SendBack, CaseActor::Reviewer, "zhao.leader", "再改", "2026-11-26", "", 5).empty());
  // Reported again by staff: now li.leader may judge (the latest report is not theirs).
  CHECK(
      cases.take(id, CaseStep::ReportDone, CaseActor::Staff, "wang", "已改", "2026-11-27", "", 6, std::nullopt, "已改")
          .empty());
  CHECK(cases.take(id, CaseStep::Approve, CaseActor::Reviewer, "li.leader", "", "2026-11-28", "", 7).empty());

  // An appeal may not be upheld or disputed by the one who appealed.
  const auto b = cases.open("hall-01", "c-0008", "2026-11-23", "2026-12-14", "rule", "t", 1)->id;
  CHECK(cases.take(b, CaseStep::Appeal, CaseActor::Reviewer, "li.leader", "恶意差评", "2026-11-24", "", 2).empty());
  CHECK(cases.take(b, CaseStep::Uphold, CaseActor::Reviewer, "li.leader", "", "2026-11-25", "", 3)
            .find("nobody judges their own work") != std::string::npos);
  CHECK(cases
            .take(b, CaseStep::Dispute, CaseActor::Reviewer, "li.leader", "属实", "2026-11-25", "", 3,
                  hub::HourRange{"2026-11-20", 0, "2026-11-23", 23})
            .find("nobody judges their own work") != std::string::npos);
  CHECK(cases.find(b)->state == CaseState::Appealed);
  CHECK(cases.take(b, CaseStep::Uphold, CaseActor::Reviewer, "zhao.leader", "", "2026-11-25", "", 4).empty());
}

TEST_CASE("upgrading drops the reviewer's note that closing used to append to a closed case's outcome") {
  testing::TempDir dir;
  std::int64_t id = 0;
  {
    CaseStore cases(dir / "console.db");
    id = cases.open("hall-01", "c-1", "2026-11-02", "2026-11-23", "rule", "t", 1)->id;
    cases.take(id, CaseStep::Confirm, CaseActor::Staff, "wang", "", "2026-11-03", "", 2);
    cases.take(id, CaseStep::ReportDone, CaseActor::Staff, "wang", "增设导办员", "2026-11-10", "", 3, std::nullopt,
               "增设导办员");
    cases.take(id, CaseStep::Approve, CaseActor::Reviewer, "zhao", "复核属实，同意销号。", "2026-11-11", "", 4);
    // What the schema before v8 stored: the report and the reviewer's note, joined.
    common::sql::Database db(dir / "console.db");
    db.exec("UPDATE rect_case SET outcome = '增设导办员' || char(10) || '复核属实，同意销号。'");
    db.exec("ALTER TABLE audit DROP COLUMN format");              // added by v9
    db.exec("ALTER TABLE disputed_range DROP COLUMN from_hour");  // added by v10
    db.exec("ALTER TABLE disputed_range DROP COLUMN to_hour");
    db.exec("DROP TABLE second_factor; DROP TABLE recovery_code; DROP TABLE second_factor_wait");       // v11
    db.exec("DROP TABLE hall_name");                                                                    // v12
    db.exec("DROP TABLE panel_count; DROP TABLE panel_seat; DROP TABLE panel_item; DROP TABLE panel");  // v13, v14
    db.exec("DROP TABLE selection_weights");                                                            // v15
    db.exec("DROP TABLE suggestion; DROP TABLE suggestion_period");                                     // v16
    for (const char* column : {"full_name", "department", "phone", "last_login_unix"})
      db.exec(std::string("ALTER TABLE user DROP COLUMN ") + column);
    db.exec("PRAGMA user_version = 7");
  }
  CaseStore upgraded(dir / "console.db");
  CHECK(upgraded.find(id)->outcome == "增设导办员");
  CHECK(upgraded.closedOutcomes("hall-01").at("c-1") == "增设导办员");
}

TEST_CASE("accounts and cases share console.db: either may open it first") {
  testing::TempDir dir;
  {
    CaseStore cases(dir / "console.db");
    cases.open("hall-01", "c-1", "2026-11-23", "2026-12-14", "rule", "t", 1);
  }
  hub::AccountStore accounts(dir / "console.db");
  accounts.audit("li", "login_ok", "", "127.0.0.1", 5);
  CHECK(accounts.auditEntries(10).size() == 1);
  CaseStore again(dir / "console.db");
  CHECK(again.list(std::nullopt).size() == 1);
}

TEST_CASE("residents are told a case's outcome only once it is closed, and only the latest case's") {
  testing::TempDir dir;
  CaseStore cases(dir / "console.db");
  const auto a = cases.open("hall-01", "c-1", "2026-11-02", "2026-11-23", "rule", "t", 1)->id;
  cases.open("hall-01", "c-2", "2026-11-02", "2026-11-23", "rule", "t", 1);
  cases.take(a, CaseStep::Confirm, CaseActor::Staff, "wang", "", "2026-11-03", "", 2);
  cases.take(a, CaseStep::ReportDone, CaseActor::Staff, "wang", "内部说明", "2026-11-10", "", 3, std::nullopt,
             "增设导办员");
  CHECK(cases.closedOutcomes("hall-01").empty());  // awaiting review: nothing to tell yet
  // The reviewer revises the wording on approval; their note stays inside.
  cases.take(a, CaseStep::Approve, CaseActor::Reviewer, "zhao", "同意销号", "2026-11-11", "", 4, std::nullopt,
             "增设导办员，高峰时段加开窗口");
  CHECK(cases.closedOutcomes("hall-01") == std::map<std::string, std::string>{{"c-1", "增设导办员，高峰时段加开窗口"}});
  CHECK(cases.closedOutcomes("hall-02").empty());
  cases.take(a, CaseStep::Reopen, CaseActor::Rule, "rule", "", "2027-01-05", "2027-01-26", 5);
  CHECK(cases.closedOutcomes("hall-01").empty());  // reopened: the old outcome no longer stands
}
