// 评议会 through the hub's router, over real stores: a leader creates a panel and gets each seat's
// one-time code once; panelists grade on their phones, each code once; the results show categories
// only over the privacy floor and mark what must be rectified; names are seen by leaders only and
// never beside a grade; the public's tallies never move; other halls and bad input are refused.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"
#include "wire/signed_list.hpp"

using testing::ConsoleFixture;
using testing::hiddenCsrf;

namespace {

// The codes on the slips page, in seat order ("1234 5678 90" → "1234567890").
std::vector<std::string> codesOn(const std::string& page) {
  std::vector<std::string> out;
  for (std::size_t at = page.find("<strong>"); at != std::string::npos; at = page.find("<strong>", at + 1)) {
    std::string code;
    for (std::size_t i = at + 8; i < page.size() && page[i] != '<'; ++i)
      if (page[i] >= '0' && page[i] <= '9') code.push_back(page[i]);
    out.push_back(code);
  }
  return out;
}

std::int64_t publicVotes(ConsoleFixture& f) {
  const auto res = f.router->handle(
      {"GET", "/api/v1/tallies?from=2026-11-01&to=2026-11-30&hall=hall-01", "Bearer " + f.staffToken, "", ""});
  REQUIRE(res.status == 200);
  std::int64_t n = 0;
  const auto tally = nlohmann::json::parse(res.body);
  for (const auto& row : tally["rows"]) n += row["total"].get<std::int64_t>();
  return n;
}

const std::string kPanelForm =
    "&hall=hall-01&title=2026%E5%B9%B4%E4%B8%8B%E5%8D%8A%E5%B9%B4%E8%AF%84%E8%AE%AE%E4%BC%9A&scale=four"
    "&threshold=30&item_c-0101=on&seats_npc_deputy=%E5%BC%A0%E4%B8%80%0A%E5%BC%A0%E4%BA%8C%0A%E5%BC%A0%E4%B8%89%0A"
    "%E5%BC%A0%E5%9B%9B%0A%E5%BC%A0%E4%BA%94%0A%E5%BC%A0%E5%85%AD&seats_client=%E6%9D%8E%E5%A4%A7%E5%A7%90";

hub::Response ballot(ConsoleFixture& f, const std::string& code, const std::string& grade) {
  auto phone = f.browser();
  const auto form = phone.get("/v/panel/" + code);
  REQUIRE(form.status == 200);
  return phone.post("/v/panel/" + code, "csrf=" + hiddenCsrf(form.body) + "&g_c-0101=" + grade);
}

// hall-01's list v2: six party members of 区人社局 (王丽 holds two commitments), one of another unit.
void publishMembers(ConsoleFixture& f) {
  nlohmann::json commitments = nlohmann::json::array();
  const auto entry = [&](const std::string& id, const std::string& name, const std::string& unit) {
    commitments.push_back({{"id", id},
                           {"holder", {{"name", name}, {"kind", "person"}, {"post", "窗口"}, {"unit", unit}}},
                           {"term", "annual"},
                           {"title", "承诺" + id},
                           {"text", "……"},
                           {"valid_from", "2026-01-01"},
                           {"valid_to", "2026-12-31"}});
  };
  entry("c-0101", "王丽", "区人社局");
  entry("c-0102", "王丽", "区人社局");
  for (const char* name : {"赵刚", "钱芳", "孙伟", "李娜", "周杰"})
    entry("c-" + std::to_string(commitments.size() + 101), name, "区人社局");
  entry("c-0901", "吴刚", "区税务局");
  const nlohmann::json list{{"format", "commitment-list/1"},
                            {"deployment", "zibo-zhangdian"},
                            {"hall", "hall-01"},
                            {"version", 2},
                            {"published_at", "2026-11-18T08:00:00+08:00"},
                            {"title", "党员公开承诺"},
                            {"reasons", {{{"code", "attitude"}, {"label", "服务态度差"}}}},
                            {"commitments", commitments}};
  f.store->addList("zibo-zhangdian", "hall-01", 2, wire::signList(list.dump(), "k", f.listKey), f.now);
}

}  // namespace

TEST_CASE("党员互评: each member of a unit rates the others' commitments once, never their own") {
  ConsoleFixture f;
  f.openResidentPages(hub::PhoneConfig{}, hub::PublicConfig{});
  publishMembers(f);
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const auto page = leader.get("/console/panels?hall=hall-01");
  CHECK(page.body.find("新建党员互评") != std::string::npos);
  CHECK(page.body.find("区人社局 · 6 名党员") != std::string::npos);
  CHECK(page.body.find("区税务局") == std::string::npos);  // one member: nobody to rate
  const std::string csrf = "csrf=" + leader.csrf();
  const auto lonely = leader.post(
      "/console/panels", csrf + "&kind=peer&hall=hall-01&unit=" + hub::urlEncode("区税务局") + "&title=x&scale=three");
  CHECK(lonely.status == 400);
  CHECK(lonely.body.find("至少有两名党员") != std::string::npos);

  const auto slips =
      leader.post("/console/panels", csrf + "&kind=peer&hall=hall-01&unit=" + hub::urlEncode("区人社局") +
                                         "&title=" + hub::urlEncode("2026年党员互评") + "&scale=four");
  REQUIRE(slips.status == 200);
  const auto codes = codesOn(slips.body);
  REQUIRE(codes.size() == 6);  // one per member, 王丽's two commitments on one slip
  CHECK(slips.body.find("党员") != std::string::npos);
  const auto round = f.panels->list(std::nullopt).at(0);
  CHECK(round.kind == hub::panel::Kind::Peer);
  CHECK(round.items.size() == 7);

  // 王丽's ballot asks the five others' commitments, not her own two.
  auto phone = f.browser();
  const auto form = phone.get("/v/panel/" + codes[0]);
  REQUIRE(form.status == 200);
  CHECK(form.body.find("承诺c-0101") == std::string::npos);
  CHECK(form.body.find("承诺c-0102") == std::string::npos);
  CHECK(form.body.find("承诺c-103") != std::string::npos);
  // A crafted form grading her own commitment is refused, and spends nothing.
  const auto self = phone.post("/v/panel/" + codes[0], "csrf=" + hiddenCsrf(form.body) + "&g_c-0101=good");
  CHECK(self.status == 400);
  CHECK(self.body.find("不能评议自己的承诺") != std::string::npos);
  CHECK_FALSE(f.panels->findCode(codes[0])->used);
  // Everyone rates c-103 good; five raters reach the floor for the others' commitments, but 王丽's
  // (rated by the five others) are shown too — and a commitment rated by fewer is not.
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto member = f.browser();
    const auto ballot = member.get("/v/panel/" + codes[i]);
    REQUIRE(ballot.status == 200);
    std::string body = "csrf=" + hiddenCsrf(ballot.body);
    for (const auto& id : f.panels->findCode(codes[i])->ballotItems())
      body += "&g_" + id + "=" + (i % 2 ? "good" : "fair");
    CHECK(member.post("/v/panel/" + codes[i], body).status == 200);
  }
  const std::string results = "/console/panels/" + std::to_string(round.id);
  const auto shown = leader.get(results);
  CHECK(shown.body.find("6 / 6") != std::string::npos);
  CHECK(shown.body.find("须限期整改") == std::string::npos);  // 互评 marks no case
  CHECK(leader.post(results + "/close", csrf).status == 303);
  CHECK(f.cases->list(std::nullopt).empty());

  // The unit's report: 单位汇总 has the 互评 column; each commitment was rated by five.
  const auto sheet = f.router->handle({"GET", "/api/v1/tallies?from=2026-11-01&to=2026-11-30&hall=hall-01&format=xlsx",
                                       "Bearer " + f.staffToken, "", ""});
  REQUIRE(sheet.status == 200);
  const std::string book = testing::sheetRows(sheet.body, "单位汇总");
  CAPTURE(book);
  CHECK(book.find("党员互评（好评率）") != std::string::npos);
  // The units page says the same, in its own column.
  const auto units = leader.get("/console/units?hall=hall-01&from=2026-11-01&to=2026-11-30");
  CHECK(units.body.find("党员互评（好评率）") != std::string::npos);
  CHECK(units.body.find("<td class=\"n\">51.4%</td>") != std::string::npos);
  // 18 of the 35 grades were 好 (each member gave all the others' commitments 好 or 一般 alike).
  CHECK(book.find("|区人社局|7|30|0|20|50|0.6|0.4|0|0|—|—|0|0|—|0.5142857142857142") != std::string::npos);
}

TEST_CASE("a panel from creation to results: codes once, one ballot each, categories over the floor") {
  ConsoleFixture f;
  f.openResidentPages(hub::PhoneConfig{}, hub::PublicConfig{});  // phone votes off: panels need none
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const auto start = leader.get("/console/panels");
  REQUIRE(start.status == 200);
  CHECK(start.body.find("新建评议会") != std::string::npos);
  CHECK(start.body.find("王丽") != std::string::npos);
  CHECK(f.router->handle({"GET", "/console/units", "", "", ""}).status == 303);  // (a session is needed)
  CHECK(leader.get("/console/units").body.find("/console/panels?") != std::string::npos);

  const auto slips = leader.post("/console/panels", "csrf=" + leader.csrf() + kPanelForm);
  REQUIRE(slips.status == 200);
  CHECK(slips.body.find("评议码只显示这一次") != std::string::npos);
  CHECK(slips.body.find("<svg") != std::string::npos);
  CHECK(slips.body.find("李大姐") != std::string::npos);
  const auto codes = codesOn(slips.body);
  REQUIRE(codes.size() == 7);
  for (const auto& c : codes) CHECK(c.size() == 10);
  const auto panels = f.panels->list(std::nullopt);
  REQUIRE(panels.size() == 1);
  const std::string results = "/console/panels/" + std::to_string(panels[0].id);
  const auto before = publicVotes(f);

  const auto page = f.browser().get("/v/panel/" + codes[0]);
  CHECK(page.body.find("人大代表") != std::string::npos);
  CHECK(page.body.find("较好") != std::string::npos);
  CHECK(page.body.find("不评") != std::string::npos);
  CHECK(page.body.find("张一") == std::string::npos);  // the ballot does not name its holder
  const char* grades[] = {"fair", "fair", "poor", "good", "good", "fairly_good"};
  for (int i = 0; i < 6; ++i) CHECK(ballot(f, codes[static_cast<std::size_t>(i)], grades[i]).status == 200);
  // A code votes once.
  const auto again = f.browser().get("/v/panel/" + codes[0]);
  CHECK(again.status == 410);
  CHECK(again.body.find("只能投一次") != std::string::npos);
  CHECK(ballot(f, codes[6], "poor").status == 200);
  CHECK(publicVotes(f) == before);  // never in the public's tallies

  const auto shown = leader.get(results);
  REQUIRE(shown.status == 200);
  CHECK(shown.body.find("须限期整改") != std::string::npos);  // 4 of 7 fair or worse: 57 % ≥ 30 %
  CHECK(shown.body.find("57.1%") != std::string::npos);
  CHECK(shown.body.find("7 / 7") != std::string::npos);
  CHECK(shown.body.find("李大姐") != std::string::npos);  // the attendance list, for leaders
  CHECK(shown.body.find("已参评") != std::string::npos);
  // One 服务对象代表 is under the floor: no category shows grades (the overall less the deputies'
  // would give hers); the overall does.
  const auto client = shown.body.find("服务对象代表</td><td class=\"n\">1</td><td class=\"n\">—</td>");
  CHECK(client != std::string::npos);
  CHECK(shown.body.find("人大代表</td><td class=\"n\">6</td><td class=\"n\">—</td>") != std::string::npos);

  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const auto forStaff = staff.get(results);
  CHECK(forStaff.status == 200);
  CHECK(forStaff.body.find("李大姐") == std::string::npos);  // names for leaders only
  CHECK(staff.post("/console/panels", "csrf=" + staff.csrf() + kPanelForm).status == 403);
  CHECK(staff.post(results + "/close", "csrf=" + staff.csrf()).status == 403);
  auto other = f.browser();
  REQUIRE(other.login("staff2", "staff2-password"));
  CHECK(other.get(results).status == 404);

  CHECK(leader.post(results + "/close", "csrf=" + leader.csrf()).status == 303);
  CHECK(leader.get(results).body.find("已结束") != std::string::npos);
  CHECK(f.accounts->auditEntries(5).at(1).action == "panel_close");
  // Over the panel's threshold: closing it opened a case, by the panel, with its figures.
  const auto opened = f.cases->latestFor("hall-01", "c-0101");
  REQUIRE(opened);
  CHECK(opened->openedBy == "panel");
  CHECK(opened->trigger.find("7 人评定等次，一般及以下占比 57.1%") != std::string::npos);
  CHECK(f.accounts->auditEntries(5).front().action == "case_open");
  const auto casePage = leader.get("/console/cases/" + std::to_string(opened->id));
  CHECK(casePage.body.find("评议会（超出评议会的整改线）") != std::string::npos);
  // Closing again changes nothing and opens no second case.
  CHECK(leader.post(results + "/close", "csrf=" + leader.csrf()).status == 303);
  CHECK(f.cases->list(std::nullopt).size() == 1);
  CHECK(f.accounts->auditEntries(5).front().action == "case_open");
}

TEST_CASE("a panel's bad input is refused by name, and a bad ballot spends no code") {
  ConsoleFixture f;
  f.openResidentPages(hub::PhoneConfig{}, hub::PublicConfig{});
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const std::string csrf = "csrf=" + leader.csrf();
  const auto refused = [&](const std::string& from, const std::string& to, const char* words) {
    std::string form = kPanelForm;
    form.replace(form.find(from), from.size(), to);
    const auto res = leader.post("/console/panels", csrf + form);
    CHECK(res.status == 400);
    CHECK(res.body.find(words) != std::string::npos);
  };
  refused("threshold=30", "threshold=0", "整改线应为 1 到 100 之间的整数");
  refused("threshold=30", "threshold=abc", "整改线应为 1 到 100 之间的整数");
  refused("scale=four", "scale=five", "评议等次只能是四级或三级");
  refused("&item_c-0101=on", "", "请至少选择一项承诺");
  CHECK(f.panels->list(std::nullopt).empty());
  const auto slips =
      leader.post("/console/panels", csrf + "&hall=hall-01&title=x&scale=three&threshold=30&item_c-0101=on");
  CHECK(slips.status == 400);
  CHECK(slips.body.find("请至少填写一名评议人员") != std::string::npos);
  CHECK(leader.post("/console/panels", csrf + "&hall=hall-02&title=x&scale=three&threshold=30").status == 403);
  CHECK(leader.get("/console/panels/abc").status == 400);
  CHECK(leader.get("/console/panels/999").status == 404);

  const auto codes = codesOn(leader.post("/console/panels", csrf + kPanelForm).body);
  REQUIRE(codes.size() == 7);
  auto phone = f.browser();
  CHECK(phone.get("/v/panel/123").status == 400);
  CHECK(phone.get("/v/panel/0000000000").status == 404);
  const auto form = phone.get("/v/panel/" + codes[0]);
  CHECK(phone.post("/v/panel/" + codes[0], "csrf=" + hiddenCsrf(form.body) + "&g_c-0101=excellent").status == 400);
  CHECK(phone.post("/v/panel/" + codes[0], "csrf=wrong&g_c-0101=good").status == 403);
  CHECK_FALSE(f.panels->findCode(codes[0])->used);   // nothing spent
  CHECK(ballot(f, codes[0], "skip").status == 200);  // all skipped is a ballot too
  CHECK(f.panels->findCode(codes[0])->used);
  // A panel whose ballots graded nothing crosses no threshold: closing it opens no case.
  const std::string first = "/console/panels/" + std::to_string(f.panels->list(std::nullopt).at(0).id);
  CHECK(leader.post(first + "/close", csrf).status == 303);
  CHECK(f.cases->list(std::nullopt).empty());
  // On a three-grade panel 较好 is no grade.
  std::string three = kPanelForm;
  three.replace(three.find("scale=four"), 10, "scale=three");
  const auto threeCodes = codesOn(leader.post("/console/panels", csrf + three).body);
  REQUIRE(threeCodes.size() == 7);
  CHECK(f.browser().get("/v/panel/" + threeCodes[0]).body.find("较好") == std::string::npos);
  CHECK(ballot(f, threeCodes[0], "fairly_good").status == 400);
  CHECK(ballot(f, threeCodes[0], "fair").status == 200);
}

TEST_CASE("the panel routes need a session, and their forms the session's token") {
  ConsoleFixture f;
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  const auto codes = codesOn(leader.post("/console/panels", "csrf=" + leader.csrf() + kPanelForm).body);
  REQUIRE(codes.size() == 7);
  const std::string results = "/console/panels/" + std::to_string(f.panels->list(std::nullopt).at(0).id);
  auto none = f.browser();
  CHECK(none.get("/console/panels").status == 303);
  CHECK(none.get(results).status == 303);
  CHECK(none.post("/console/panels", kPanelForm.substr(1)).status == 403);
  CHECK(none.post(results + "/close", "").status == 403);
  // Signed in, without the form's token: refused, nothing made or closed.
  CHECK(leader.post("/console/panels", kPanelForm.substr(1)).status == 403);
  CHECK(leader.post(results + "/close", "csrf=wrong").status == 403);
  CHECK(f.panels->list(std::nullopt).size() == 1);
  CHECK(f.panels->list(std::nullopt).at(0).closedUnix == 0);
}
