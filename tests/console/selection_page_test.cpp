// 年度评选 through the hub's router, over real stores: a hall's candidate with every evaluation in
// its own column — the public's votes, a 评议会, a leader's review, a case — scored with the weights
// a leader set (printed on the report), read back from the XLSX as Excel reads it; under the
// minimum a candidate is marked and not ranked; staff read, only leaders set weights; bad input named.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;

TEST_CASE("the yearly selection: every evaluation in its own column, scored with the hall's weights") {
  ConsoleFixture f;
  // A 评议会 on c-0101 with six 人大代表: 好 ×3, 较好 ×1, 一般 ×2.
  using G = hub::panel::Grade;
  testing::holdPanel(f, "评议会", {G::Good, G::Good, G::Good, G::FairlyGood, G::Fair, G::Fair});
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  REQUIRE(leader
              .post("/console/reviews", "csrf=" + leader.csrf() + "&hall=hall-01&unit=" + hub::urlEncode("区人社局") +
                                            "&note=" + hub::urlEncode("窗口服务改进明显"))
              .status == 303);
  REQUIRE(leader.get("/console/rectifications?hall=hall-01").status == 200);  // the rule opens c-0101's case

  const auto page = leader.get("/console/selection?hall=hall-01&year=2026");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("2026 年度评选汇总") != std::string::npos);
  CHECK(page.body.find("权重：群众评价 60% · 评议会 25% · 党员互评 15%") != std::string::npos);
  CHECK(page.body.find("尚未设定，使用默认权重") != std::string::npos);
  CHECK(page.body.find("示范岗") != std::string::npos);
  CHECK(page.body.find("王丽") != std::string::npos);
  CHECK(page.body.find("66.7%") != std::string::npos);  // 评议会: 4 of 6 好 or 较好
  CHECK(page.body.find("窗口服务改进明显") != std::string::npos);

  // The leader sets the weights; bad ones are refused by name and change nothing.
  const std::string csrf = "csrf=" + leader.csrf() + "&hall=hall-01&year=2026";
  const auto bad = leader.post("/console/selection", csrf + "&public=60&panel=30&peer=30&min=30");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("合计 100") != std::string::npos);
  CHECK(leader.post("/console/selection", csrf + "&public=abc&panel=30&peer=30&min=30").status == 400);
  CHECK(f.weights->forHall("hall-01").setBy.empty());
  CHECK(leader.post("/console/selection", csrf + "&public=50&panel=50&peer=0&min=40").status == 303);
  CHECK(f.weights->forHall("hall-01").weights.panelPct == 50);

  // 50 votes, 30 好: 60 %; the panel's 66.7 %: (0.6·50 + 0.667·50) / 100 = 63.3 %.
  const auto xlsx = leader.get("/console/selection?hall=hall-01&year=2026&format=xlsx");
  REQUIRE(xlsx.status == 200);
  const std::string book = testing::sheetRows(xlsx.body);
  CAPTURE(book);
  CHECK(book.find("权重：群众评价 50% · 评议会 50% · 党员互评 0%；全年评价不足 40 人次的不排名") != std::string::npos);
  CHECK(book.find("评选类别|排名|大厅|承诺人|单位|承诺数|评价人次|满意率|评议会（好及较好）|党员互评（好及较好）|"
                  "领导点评|本期立案|已销号|按期整改|综合得分|备注") != std::string::npos);
  CHECK(
      book.find(
          "示范岗|1|hall-01|王丽|区人社局|1|50|0.6|0.6666666666666666|—|窗口服务改进明显|1|0|0|0.6333333333333333|") !=
      std::string::npos);

  // A minimum over the candidate's votes: listed, marked, not ranked.
  CHECK(leader.post("/console/selection", csrf + "&public=60&panel=25&peer=15&min=100").status == 303);
  const auto under = leader.get("/console/selection?hall=hall-01&year=2026");
  CHECK(under.body.find("全年评价不足 100 人次的不排名") != std::string::npos);
  CHECK(under.body.find("<td class=\"n\">不排名</td>") != std::string::npos);
  CHECK(under.body.find("leader1 于 2026-11-18 设定") != std::string::npos);  // who set them, and when
  // Another year has no votes: the candidate is there, under the minimum.
  CHECK(leader.get("/console/selection?hall=hall-01&year=2025").body.find("不排名") != std::string::npos);
}

TEST_CASE("staff read the selection of their halls and never set its weights, bad input is named") {
  ConsoleFixture f;
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.get("/console/selection?hall=hall-01").status == 200);
  CHECK(staff.get("/console/selection?hall=hall-01").body.find("保存权重") == std::string::npos);
  CHECK(staff.post("/console/selection", "csrf=" + staff.csrf() + "&hall=hall-01&public=60&panel=25&peer=15&min=30")
            .status == 403);
  CHECK(staff.get("/console/selection?hall=hall-01&year=20x6").status == 400);
  CHECK(staff.get("/console/selection?hall=hall-02").status == 403);
  auto none = f.browser();
  CHECK(none.get("/console/selection").status == 303);
  CHECK(none.post("/console/selection", "hall=hall-01&public=60&panel=25&peer=15&min=30").status == 403);
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  CHECK(leader.post("/console/selection", "csrf=wrong&hall=hall-01&public=60&panel=25&peer=15&min=30").status == 403);
  CHECK(leader.post("/console/selection", "csrf=" + leader.csrf() + "&hall=hall-02&public=60&panel=25&peer=15&min=30")
            .status == 403);
  CHECK(f.weights->forHall("hall-01").setBy.empty());
}
