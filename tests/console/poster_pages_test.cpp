// Printed posters ([poster]) through the hub's router, over real stores: staff issue and print a
// hall's posters in the console, a phone scanning one rates its commitment under channel poster
// (apart from kiosks and phones), a poster issued again or withdrawn stops at once, the per-day
// limit holds, and posters are refused where the hall has them off or to another hall's staff.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "hub/store/poster_store.hpp"
#include "hub/store/tally_queries.hpp"

using testing::ConsoleFixture;
using testing::header;
using testing::hiddenCsrf;

namespace {

hub::PosterConfig postersInHall01(std::int64_t perDay = 100) {
  hub::PosterConfig posters;
  posters.on = {true, {"hall-01"}};
  posters.lifetimeDays = 366;
  posters.sessionsPerPosterPerDay = perDay;
  posters.publicUrl = "https://hall.example";
  return posters;
}

// A fixture with posters on in hall-01 and the residents' pages routed, kiosk phone codes off: a
// poster works in a hall with no kiosk code at all.
struct PosterHall {
  ConsoleFixture f;
  explicit PosterHall(std::int64_t perDay = 100) : f({}, postersInHall01(perDay)) {
    f.openResidentPages(hub::PhoneConfig{}, hub::PublicConfig{});
  }
  std::vector<hub::poster_store::Poster> inForce(const std::string& hall = "hall-01") {
    return hub::poster_store::inForce(f.store->database(), hall, f.now);
  }
  std::int64_t votes(const std::string& channel) {
    const auto res =
        f.router->handle({"GET", "/api/v1/tallies?from=2026-11-01&to=2026-11-30&hall=hall-01&channel=" + channel,
                          "Bearer " + f.staffToken, "", ""});
    REQUIRE(res.status == 200);
    std::int64_t n = 0;
    const auto tally = nlohmann::json::parse(res.body);
    for (const auto& row : tally["rows"]) n += row["total"].get<std::int64_t>();
    return n;
  }
};

hub::Response issue(ConsoleFixture::Browser& b, const std::string& action, const std::string& hall = "hall-01",
                    const std::string& commitment = "c-0101") {
  return b.post("/console/posters",
                "csrf=" + b.csrf() + "&hall=" + hall + "&action=" + action + "&commitment=" + commitment);
}

hub::Response votePoster(ConsoleFixture::Browser& phone, const std::string& code, const std::string& rating) {
  const auto form = phone.get("/v/" + code);
  REQUIRE(form.status == 200);
  return phone.post("/v/" + code + "/vote", "csrf=" + hiddenCsrf(form.body) + "&commitment=c-0101&rating=" + rating);
}

}  // namespace

TEST_CASE("staff issue and print their hall's posters, and a poster's vote counts under channel poster") {
  PosterHall h;
  auto staff = h.f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const auto before = staff.get("/console/posters");  // a clerk's one hall, no picking
  REQUIRE(before.status == 200);
  CHECK(before.body.find("扫码海报") != std::string::npos);
  CHECK(before.body.find("王丽") != std::string::npos);  // names, not ids
  CHECK(before.body.find("未生成") != std::string::npos);
  CHECK(before.body.find("为 1 项尚无海报的承诺生成海报") != std::string::npos);
  CHECK(staff.get("/console/commitments").body.find("/console/posters?") != std::string::npos);

  CHECK(issue(staff, "issue_missing").status == 303);
  const auto posters = h.inForce();
  REQUIRE(posters.size() == 1);
  const std::string code = posters[0].code;
  CHECK(posters[0].commitmentId == "c-0101");
  CHECK(posters[0].issuedBy == "user:staff1");
  CHECK(posters[0].expiresUnix == h.f.now + 366 * 86'400);
  CHECK(h.f.accounts->auditEntries(10).front().action == "poster_issue");
  const auto after = staff.get("/console/posters?hall=hall-01");
  CHECK(after.body.find("有效至") != std::string::npos);
  CHECK(after.body.find("尚无海报") == std::string::npos);

  for (const char* size : {"a4", "a5"}) {
    CAPTURE(std::string(size));
    const auto print = staff.get(std::string("/console/posters/print?hall=hall-01&size=") + size);
    REQUIRE(print.status == 200);
    CHECK(print.body.find(std::string("poster poster-") + size) != std::string::npos);
    CHECK(print.body.find("<svg") != std::string::npos);
    CHECK(print.body.find("手机扫码评价") != std::string::npos);
    CHECK(print.body.find("一次办好") != std::string::npos);
    CHECK(print.body.find(code.substr(code.size() - 6)) != std::string::npos);
    CHECK(header(print, "Cache-Control") == "no-store");
  }

  auto phone = h.f.browser();
  phone.peer = "10.9.0.1";
  const auto page = phone.get("/v/" + code);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("您对这项承诺的兑现情况评价如何") != std::string::npos);  // straight to its commitment
  const auto kioskBefore = h.votes("kiosk");
  const auto thanks =
      phone.post("/v/" + code + "/vote", "csrf=" + hiddenCsrf(page.body) + "&commitment=c-0101&rating=good");
  CHECK(thanks.status == 200);
  CHECK(thanks.body.find("评价已提交") != std::string::npos);
  CHECK(h.votes("poster") == 1);
  CHECK(h.votes("phone") == 0);
  CHECK(h.votes("kiosk") == kioskBefore);
  // The same phone again: not counted twice.
  CHECK(
      phone.post("/v/" + code + "/vote", "csrf=" + hiddenCsrf(page.body) + "&commitment=c-0101&rating=poor&reason=none")
          .body.find("您已评价过这一项承诺") != std::string::npos);
  CHECK(h.votes("poster") == 1);

  SUBCASE("a poster issued again stops the old one at once, and a withdrawn one stops too") {
    CHECK(issue(staff, "issue").status == 303);
    const auto again = h.inForce();
    REQUIRE(again.size() == 1);
    CHECK(again[0].code != code);
    auto late = h.f.browser();
    late.peer = "10.9.0.2";
    const auto old = late.get("/v/" + code);
    CHECK(old.status == 410);
    CHECK(old.body.find("这张海报的二维码已停用或已过期") != std::string::npos);
    CHECK(old.body.find("向窗口工作人员索取新的评价码") != std::string::npos);
    CHECK(votePoster(late, again[0].code, "fair").status == 200);
    CHECK(h.votes("poster") == 2);
    CHECK(issue(staff, "withdraw").status == 303);
    CHECK(h.inForce().empty());
    CHECK(h.f.browser().get("/v/" + again[0].code).status == 410);
    const auto none = staff.get("/console/posters/print?hall=hall-01");
    CHECK(none.body.find("没有可打印的海报") != std::string::npos);
  }
  SUBCASE("a poster outlives nothing: after its days it is refused") {
    h.f.now += 366 * 86'400;
    CHECK(h.f.browser().get("/v/" + code).status == 410);
  }
}

TEST_CASE("a poster admits its phones a day, each rating only its commitment") {
  PosterHall h(2);
  hub::poster_store::issue(
      h.f.store->database(),
      {{"p.AAAAAAAAAAAAAAAAAAAAAA", "hall-01", "c-0101", h.f.now, h.f.now + 30 * 86'400, "user:x"}}, h.f.now);
  const std::string code = "p.AAAAAAAAAAAAAAAAAAAAAA";
  for (int i = 0; i < 2; ++i) {
    auto phone = h.f.browser();
    phone.peer = "10.8.0." + std::to_string(i);
    CHECK(votePoster(phone, code, "good").status == 200);
  }
  auto third = h.f.browser();
  third.peer = "10.8.0.9";
  const auto full = third.get("/v/" + code);
  CHECK(full.status == 429);
  CHECK(full.body.find("扫描这个二维码的人数已满") != std::string::npos);
  CHECK(full.body.find("请到大厅的评价终端上评价") != std::string::npos);  // a poster's advice, not "scan the kiosk"
  CHECK(h.votes("poster") == 2);
  // Another commitment through this poster: refused, nothing counted.
  auto first = h.f.browser();
  first.peer = "10.8.0.0";
  h.f.now += 86'400;  // the next day it admits phones again
  const auto form = first.get("/v/" + code);
  REQUIRE(form.status == 200);
  CHECK(first.post("/v/" + code + "/vote", "csrf=" + hiddenCsrf(form.body) + "&commitment=c-0201&rating=good").status ==
        404);
  CHECK(h.votes("poster") == 2);
  CHECK(votePoster(first, code, "fair").status == 200);
  CHECK(h.votes("poster") == 3);
}

TEST_CASE("posters are refused where the hall has them off, to other halls' staff, and for bad input") {
  PosterHall h;
  auto staff2 = h.f.browser();
  REQUIRE(staff2.login("staff2", "staff2-password"));
  // Another hall's posters: neither issued, printed nor listed.
  CHECK(issue(staff2, "issue_missing").status == 403);
  CHECK(staff2.get("/console/posters/print?hall=hall-01").status == 403);
  CHECK(staff2.get("/console/posters?hall=hall-01").status == 403);
  // Their own hall has posters off: the page says so and issuing is refused.
  const auto own = staff2.get("/console/posters");
  CHECK(own.status == 200);
  CHECK(own.body.find("本大厅未开通海报扫码评价") != std::string::npos);
  CHECK(own.body.find("name=\"action\" value=\"issue") == std::string::npos);
  CHECK(issue(staff2, "issue_missing", "hall-02", "").status == 409);
  CHECK(h.inForce("hall-02").empty());
  // A poster of a hall with posters off (issued while they were on) opens nothing.
  hub::poster_store::issue(h.f.store->database(),
                           {{"p.BBBBBBBBBBBBBBBBBBBBBB", "hall-02", "c-0201", h.f.now, h.f.now + 86'400, "user:x"}},
                           h.f.now);
  const auto off = h.f.browser().get("/v/p.BBBBBBBBBBBBBBBBBBBBBB");
  CHECK(off.status == 404);
  CHECK(off.body.find("本大厅未开通海报扫码评价") != std::string::npos);
  // Codes that are no poster's: unknown, malformed.
  CHECK(h.f.browser().get("/v/p.CCCCCCCCCCCCCCCCCCCCCC").status == 410);
  CHECK(h.f.browser().get("/v/p.short").status == 400);

  auto staff = h.f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(issue(staff, "issue", "hall-01", "c-9999").status == 400);
  CHECK(issue(staff, "burn").status == 400);
  CHECK(issue(staff, "issue", "hall 01").status == 400);
  CHECK(staff.get("/console/posters/print?hall=hall-01&size=a3").status == 400);
  CHECK(h.inForce().empty());
  // Without a session, or without the form's token: nothing.
  auto anonymous = h.f.browser();
  CHECK(anonymous.get("/console/posters").status == 303);
  CHECK(anonymous.get("/console/posters/print?hall=hall-01").status == 303);
  CHECK(anonymous.post("/console/posters", "hall=hall-01&action=issue_missing").status == 403);
  CHECK(staff.post("/console/posters", "csrf=wrong&hall=hall-01&action=issue_missing").status == 403);
  CHECK(h.inForce().empty());
}

TEST_CASE("the commitments page, its CSV and the ledger show where votes were cast, and filter by channel") {
  PosterHall h;
  hub::poster_store::issue(h.f.store->database(),
                           {{"p.DDDDDDDDDDDDDDDDDDDDDD", "hall-01", "c-0101", h.f.now, h.f.now + 86'400, "user:x"}},
                           h.f.now);
  for (int i = 0; i < 2; ++i) {
    auto phone = h.f.browser();
    phone.peer = "10.7.0." + std::to_string(i);
    REQUIRE(votePoster(phone, "p.DDDDDDDDDDDDDDDDDDDDDD", "good").status == 200);
  }
  const auto kiosk = h.votes("kiosk");
  REQUIRE(kiosk > 0);
  auto staff = h.f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string month = "/console/commitments?period=custom&from=2026-11-01&to=2026-11-30";
  const auto page = staff.get(month);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("其中 终端 " + std::to_string(kiosk) + " · 手机扫码 0 · 海报扫码 2") != std::string::npos);
  CHECK(page.body.find("<option value=\"poster\">海报扫码</option>") != std::string::npos);

  // Only the posters' votes: two, both good; the filter is said and kept in the links.
  const auto posters = staff.get(month + "&channel=poster");
  REQUIRE(posters.status == 200);
  CHECK(posters.body.find("只统计“海报扫码”渠道的评价") != std::string::npos);
  CHECK(posters.body.find("&amp;channel=poster&amp;sort=") != std::string::npos);
  const auto csv = staff.get(month + "&channel=poster&format=csv");
  REQUIRE(csv.status == 200);
  CHECK(csv.body.find("终端票数,手机票数,海报票数") != std::string::npos);
  CHECK(csv.body.find(",0,0,2") != std::string::npos);
  const auto all = staff.get(month + "&format=csv");
  CHECK(all.body.find("," + std::to_string(kiosk) + ",0,2") != std::string::npos);
  CHECK(staff.get(month + "&channel=fax").status == 400);

  // The ledger: 其中（票） 终端 / 手机扫码 / 海报扫码 after 备注, on every row and the totals.
  const auto xlsx = staff.get(month + "&format=xlsx");
  REQUIRE(xlsx.status == 200);
  const std::string cells = testing::readXlsx(xlsx.body,
                                              "import openpyxl,sys\n"
                                              "ws = openpyxl.load_workbook(sys.argv[1])['台账']\n"
                                              "print(ws.cell(3, 16).value)\n"
                                              "print('|'.join(str(ws.cell(4, c).value) for c in (16, 17, 18)))\n"
                                              "print('|'.join(str(ws.cell(5, c).value) for c in (12, 16, 17, 18)))\n");
  CHECK(cells ==
        "其中（票）\n终端|手机扫码|海报扫码\n" + std::to_string(kiosk + 2) + "|" + std::to_string(kiosk) + "|0|2\n");
}
