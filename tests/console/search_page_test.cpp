// 搜索 from every page: commitments, units and cases found by id or name in the user's halls only,
// a case by its number, too long a query refused in words, nothing found said with what to try.
#include <doctest/doctest.h>

#include "console_fixture.hpp"

using testing::ConsoleFixture;

TEST_CASE("search finds a commitment, its unit and its case by name or id, in the user's halls only") {
  ConsoleFixture f;
  REQUIRE(f.cases->open("hall-01", "c-0101", "2026-11-17", "2026-12-08", "rule", "t", f.now));
  auto staff1 = f.browser();
  REQUIRE(staff1.login("staff1", "staff1-password"));
  // Every page leads to it from the menu; its box has the focus.
  for (const char* page : {"/console/", "/console/units", "/console/kiosks"})
    CHECK(staff1.get(page).body.find("<a href=\"/console/search?") != std::string::npos);
  CHECK(staff1.get("/console/search").body.find("name=\"q\" value=\"\" maxlength=\"100\" autofocus") !=
        std::string::npos);

  const std::string byName = staff1.get("/console/search?q=%E7%8E%8B%E4%B8%BD").body;  // 王丽
  CHECK(byName.find("name=\"q\" value=\"王丽\"") != std::string::npos);  // what was typed stays in the box
  CHECK(byName.find("<a href=\"/console/commitments/c-0101?hall=hall-01\">一次办好</a>") != std::string::npos);
  CHECK(byName.find(">#1</a>") != std::string::npos);                                  // her case
  const std::string byUnit = staff1.get("/console/search?q=%E4%BA%BA%E7%A4%BE").body;  // 人社
  CHECK(byUnit.find("<a href=\"/console/commitments?unit=%E5%8C%BA%E4%BA%BA%E7%A4%BE%E5%B1%80\">区人社局</a>") !=
        std::string::npos);
  CHECK(staff1.get("/console/search?q=C-0101").body.find("一次办好") != std::string::npos);  // case-blind id
  CHECK(staff1.get("/console/search?q=%231").body.find(">#1</a>") != std::string::npos);     // "#1"
  CHECK(staff1.get("/console/search?q=c-0101").body.find(">#1</a>") != std::string::npos);   // by its commitment
  // "0101" in an id is not case 101, nor case 1.
  CHECK(staff1.get("/console/search?q=%E6%A1%88%E4%BB%B6%202").body.find(">#1</a>") == std::string::npos);

  // Another hall's staff find nothing of hall-01, and are told what to try.
  auto staff2 = f.browser();
  REQUIRE(staff2.login("staff2", "staff2-password"));
  for (const char* q : {"%E7%8E%8B%E4%B8%BD", "c-0101", "%E5%8C%BA%E4%BA%BA%E7%A4%BE%E5%B1%80", "1"}) {
    CAPTURE(std::string(q));
    const std::string page = staff2.get(std::string("/console/search?q=") + q).body;
    // The query is echoed back in the box; nothing of hall-01's is listed.
    CHECK(page.find("commitments/c-0101") == std::string::npos);
    CHECK(page.find(">王丽</a>") == std::string::npos);
    CHECK(page.find("区人社局</a>") == std::string::npos);
    CHECK(page.find(">#1</a>") == std::string::npos);
  }
  CHECK(staff2.get("/console/search?q=%E7%8E%8B%E4%B8%BD").body.find("在您可查看的大厅中没有找到“王丽”") !=
        std::string::npos);
  CHECK(staff2.get("/console/search?q=%E6%9D%8E%E5%BC%BA").body.find("李强") != std::string::npos);  // her own hall

  // Bad input: too long a query is refused in words; an empty one shows the form.
  const auto longQuery = staff1.get("/console/search?q=" + std::string(101, 'a'));
  CHECK(longQuery.status == 400);
  CHECK(longQuery.body.find("搜索词太长") != std::string::npos);
  const auto empty = staff1.get("/console/search?q=");
  CHECK(empty.status == 200);
  CHECK(empty.body.find("没有找到") == std::string::npos);
  // Markup in a query is text.
  CHECK(staff1.get("/console/search?q=%3Cscript%3E").body.find("<script>") == std::string::npos);
}
