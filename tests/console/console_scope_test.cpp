// The console's scope matrix: every page and export for no session, staff of each hall and an
// administrator; CSRF on every form; tokens never on /console and cookies never on /api/v1.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "console_fixture.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/tally_queries.hpp"

using testing::ConsoleFixture;
using testing::header;

namespace {

const std::vector<std::string> kPages{"/console/",        "/console/commitments",    "/console/commitments/c-0201",
                                      "/console/units",   "/console/rectifications", "/console/kiosks",
                                      "/console/posters", "/console/search?q=c-0",   "/console/suggestions"};
const std::vector<std::string> kTables{"/console/", "/console/commitments", "/console/units", "/console/rectifications",
                                       "/console/kiosks"};

}  // namespace

TEST_CASE("without a session every page and export redirects to the login page") {
  ConsoleFixture f;
  auto browser = f.browser();
  for (const auto& page : kPages) {
    CAPTURE(page);
    const auto res = browser.get(page);
    CHECK(res.status == 303);
    CHECK(header(res, "Location") == "/console/login");
  }
  for (const auto& table : kTables) {
    const auto res = browser.get(table + "?format=xlsx");
    CHECK(res.status == 303);
  }
  CHECK(browser.get("/console/admin/audit").status == 303);
  CHECK(browser.get("/console/admin/users").status == 303);
  CHECK(browser.get("/console/password").status == 303);
  CHECK(browser.post("/console/admin/users", "login=x&role=admin&password=long-enough-1").status == 403);
  CHECK(browser.post("/console/admin/users/reset", "login=staff1&password=long-enough-1").status == 403);
  CHECK(browser.post("/console/admin/users/disable", "login=staff1").status == 403);
  CHECK(browser.get("/console/admin/import").status == 303);
  CHECK(browser.get("/console/admin/kiosks/screenshot?kiosk=hall-01-k1&shot=1").status == 303);
  for (const char* page :
       {"/console/admin/lists?hall=hall-01", "/console/admin/lists/draft?id=1", "/console/admin/lists/template"})
    CHECK(browser.get(page).status == 303);
  CHECK(browser.upload("/console/admin/lists/upload", {{"step", "draft"}, {"file", "x", true, "l.csv"}}).status == 403);
  for (const char* form : {"/console/admin/kiosks", "/console/admin/kiosks/bundle", "/console/admin/kiosks/move",
                           "/console/admin/kiosks/revoke", "/console/admin/kiosks/command", "/console/admin/import"}) {
    CAPTURE(std::string(form));
    CHECK(browser.post(form, "kiosk_id=hall-01-k1&hall=hall-02&confirm=yes").status == 403);
  }
  CHECK(browser.upload("/console/admin/import", {{"files", "{}", true, "rating-batch-000001.json"}}).status == 403);
  CHECK(browser.post("/console/password", "current=x&password=y&password2=y").status == 403);
  CHECK(browser.get("/console/cases/1").status == 303);
  CHECK(browser.post("/console/cases", "hall=hall-01&commitment=c-0101&note=x").status == 403);
  CHECK(browser.post("/console/cases/1/step", "step=confirm").status == 403);
  // The second factor: its page needs a session, its forms a session and CSRF, the code step a
  // sign-in waiting for one (and the login form's CSRF).
  CHECK(browser.get("/console/second-factor").status == 303);
  CHECK(browser.post("/console/second-factor", "code=123456").status == 403);
  CHECK(browser.post("/console/admin/users/second-factor-reset", "login=leader1").status == 403);
  CHECK(header(browser.get("/console/login/code"), "Location") == "/console/login");
  CHECK(browser.post("/console/login/code", "code=123456").status == 403);
}

TEST_CASE("every console answer carries the browser policy: no framing, no inline script, no sniffing") {
  ConsoleFixture f;
  auto anonymous = f.browser();
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  std::vector<hub::Response> answers{anonymous.get("/console/login"), anonymous.get("/console/"),
                                     anonymous.get("/console/static/console.css"), admin.get("/console/no-such-page"),
                                     admin.get("/console/commitments?format=xlsx")};
  for (const auto& page : kPages) answers.push_back(admin.get(page));
  for (const auto& res : answers) {
    CHECK(header(res, "Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(header(res, "Content-Security-Policy").find("script-src 'self';") != std::string::npos);
    CHECK(header(res, "X-Frame-Options") == "DENY");
    CHECK(header(res, "X-Content-Type-Options") == "nosniff");
    CHECK(header(res, "Referrer-Policy") == "same-origin");
    CHECK(header(res, "Strict-Transport-Security").rfind("max-age=", 0) == 0);
  }
}

TEST_CASE("staff of one hall never see another hall's rows, counts or kiosks") {
  ConsoleFixture f;
  auto staff2 = f.browser();
  REQUIRE(staff2.login("staff2", "staff2-password"));
  for (const auto& page : kPages) {
    CAPTURE(page);
    const auto res = staff2.get(page);
    CHECK(res.status == 200);
    CHECK(res.contentType.rfind("text/html", 0) == 0);
    CHECK(res.body.find("hall-01") == std::string::npos);
    CHECK(res.body.find("c-0101") == std::string::npos);
    CHECK(res.body.find("王丽") == std::string::npos);
  }
  CHECK(staff2.get("/console/commitments").body.find("李强") != std::string::npos);  // their own is there
  for (const auto& table : kTables) {
    CAPTURE(table);
    const auto csv = staff2.get(table + "?format=csv");
    CHECK(csv.status == 200);
    CHECK(csv.body.find("hall-01") == std::string::npos);
    CHECK(csv.body.find("c-0101") == std::string::npos);
    const auto xlsx = staff2.get(table + "?format=xlsx");
    CHECK(xlsx.status == 200);
    CHECK(xlsx.body.rfind("PK", 0) == 0);  // a ZIP container (read back with openpyxl in the browser test)
  }
  // Asking for the other hall, or its commitment, is refused without revealing whether it exists.
  CHECK(staff2.get("/console/?hall=hall-01").status == 403);
  CHECK(staff2.get("/console/commitments?hall=hall-01&format=csv").status == 403);
  CHECK(staff2.get("/console/commitments/c-0101").status == 404);
  CHECK(staff2.get("/console/commitments/c-9999").status == 404);
  CHECK(staff2.get("/console/admin/audit").status == 403);
  CHECK(staff2.get("/console/admin/users").status == 403);
  const std::string csrf2 = staff2.csrf();
  CHECK(staff2.post("/console/admin/users", "csrf=" + csrf2 + "&login=x&role=admin&password=long-enough-1").status ==
        403);
  CHECK(staff2.post("/console/admin/users/reset", "csrf=" + csrf2 + "&login=staff1&password=long-enough-1").status ==
        403);
  CHECK(staff2.post("/console/admin/users/disable", "csrf=" + csrf2 + "&login=staff1").status == 403);
  CHECK(staff2.get("/console/admin/import").status == 403);
  CHECK(staff2.get("/console/admin/kiosks/screenshot?kiosk=hall-02-k1&shot=1").status == 403);
  for (const char* page :
       {"/console/admin/lists?hall=hall-02", "/console/admin/lists/draft?id=1", "/console/admin/lists/template"})
    CHECK(staff2.get(page).status == 403);
  CHECK(staff2.get("/console/kiosks").body.find("/console/admin/kiosks") == std::string::npos);  // no admin forms
  for (const char* form : {"/console/admin/kiosks", "/console/admin/kiosks/bundle", "/console/admin/kiosks/move",
                           "/console/admin/kiosks/revoke", "/console/admin/kiosks/command", "/console/admin/import"}) {
    CAPTURE(std::string(form));
    CHECK(staff2.post(form, "csrf=" + csrf2 + "&kiosk_id=hall-02-k1&hall=hall-02&confirm=yes&token=x").status == 403);
  }
  CHECK(f.store->principalFor(hub::tokenHash(f.staffToken)));  // nothing changed
  CHECK(hub::queries::enrolledHall(f.store->database(), "hall-02-k1") == std::nullopt);
  CHECK(f.accounts->user("staff1")->disabled == false);
  CHECK_FALSE(f.accounts->user("x"));
}

TEST_CASE("an administrator sees every hall and the audit log") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto commitments = admin.get("/console/commitments");
  CHECK(commitments.body.find("c-0101") != std::string::npos);
  CHECK(commitments.body.find("c-0201") != std::string::npos);
  const auto audit = admin.get("/console/admin/audit");
  CHECK(audit.status == 200);
  CHECK(audit.body.find("login_ok") != std::string::npos);
  CHECK(admin.get("/console/commitments/c-0101?hall=hall-01").status == 200);
  // An administrator's forms, without the session's CSRF token: refused, nothing enrolled.
  for (const char* form : {"/console/admin/kiosks", "/console/admin/kiosks/bundle", "/console/admin/kiosks/move",
                           "/console/admin/kiosks/revoke", "/console/admin/kiosks/command", "/console/admin/import"}) {
    CAPTURE(std::string(form));
    CHECK(admin.post(form, "csrf=wrong&kiosk_id=hall-09-k1&hall=hall-09&confirm=yes").status == 403);
  }
  CHECK(admin.upload("/console/admin/import", {{"csrf", "wrong"}, {"files", "{}", true, "rating-batch-000001.json"}})
            .status == 403);
  CHECK(hub::queries::enrolledHall(f.store->database(), "hall-09-k1") == std::nullopt);
}

TEST_CASE("a POST without the session's CSRF token is refused with 403") {
  ConsoleFixture f;
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.post("/console/logout", "").status == 403);
  CHECK(staff.post("/console/logout", "csrf=wrong").status == 403);
  CHECK(staff.get("/console/").status == 200);  // still logged in
  const std::string token = staff.csrf();
  REQUIRE(token.size() == 43);
  const auto out = staff.post("/console/logout", "csrf=" + token);
  CHECK(out.status == 303);
  CHECK(staff.get("/console/").status == 303);  // the session is gone
  // The login form's own token is bound to its pre-session cookie.
  auto other = f.browser();
  CHECK(other.post("/console/login", "csrf=x&login=staff1&password=staff1-password").status == 403);
}

TEST_CASE("bearer tokens are refused on /console and cookies on /api/v1") {
  ConsoleFixture f;
  hub::Request withToken{"GET", "/console/", "Bearer " + f.staffToken, "", ""};
  CHECK(f.router->handle(withToken).status == 401);
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  hub::Request api{"GET", "/api/v1/kiosks", "Bearer " + f.staffToken, "", ""};
  CHECK(f.router->handle(api).status == 200);
  CHECK(staff.send(api).status == 401);  // the same request carrying the browser's cookie
}

TEST_CASE("the session cookie is Secure, HttpOnly, SameSite=Strict and a new id at every login") {
  ConsoleFixture f;
  auto browser = f.browser();
  REQUIRE(browser.login("staff1", "staff1-password"));
  const std::string first = browser.cookies.at("__Host-session");
  browser.cookies["__Host-session"] = first;
  REQUIRE(browser.login("staff1", "staff1-password"));
  const std::string second = browser.cookies.at("__Host-session");
  CHECK(first != second);
  browser.cookies["__Host-session"] = first;  // the old id was ended by the new login
  CHECK(browser.get("/console/").status == 303);

  auto fresh = f.browser();
  const auto form = fresh.get("/console/login");
  const auto marker = form.body.find("name=\"csrf\" value=\"");
  const auto csrf = form.body.substr(marker + 19, 64);
  const auto res = fresh.post("/console/login", "csrf=" + csrf + "&login=staff1&password=staff1-password");
  const std::string cookie = header(res, "Set-Cookie");
  CHECK(cookie.rfind("__Host-session=", 0) == 0);
  CHECK(cookie.find("; Secure") != std::string::npos);
  CHECK(cookie.find("; HttpOnly") != std::string::npos);
  CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("; Path=/") != std::string::npos);
  // Only the hash is stored: the id itself is nowhere in console.db.
  const std::string id = cookie.substr(15, 43);
  common::sql::Database db = f.stores.console();
  common::sql::Statement sessions(db, "SELECT COUNT(*) FROM session");
  REQUIRE(sessions.step());
  CHECK(sessions.columnInt(0) >= 1);  // the session is there, under its hash ...
  common::sql::Statement st(db, "SELECT COUNT(*) FROM session WHERE hash = ?1");
  st.bind(1, id).step();
  CHECK(st.columnInt(0) == 0);  // ... and not under its id
}

TEST_CASE("idle sessions end after 30 minutes and every session after 12 hours") {
  ConsoleFixture f;
  auto browser = f.browser();
  REQUIRE(browser.login("staff1", "staff1-password"));
  f.now += 29 * 60;
  CHECK(browser.get("/console/").status == 200);
  f.now += 31 * 60 + 1;  // 30 minutes and the minute activity may lag behind: over
  const auto idle = browser.get("/console/");
  CHECK(idle.status == 303);
  CHECK(header(idle, "Location") == "/console/login?expired=1");

  REQUIRE(browser.login("staff1", "staff1-password"));
  for (int i = 0; i < 25; ++i) {  // active all along, a request every 29 minutes
    f.now += 29 * 60;
    if (i < 24) CHECK(browser.get("/console/").status == 200);
  }
  CHECK(browser.get("/console/").status == 303);  // past 12 hours
}

TEST_CASE("wrong passwords lock the account with growing delays, and the lock is shown") {
  ConsoleFixture f;
  auto browser = f.browser();
  for (int i = 0; i < 4; ++i) {
    CHECK_FALSE(browser.login("staff1", "wrong-password"));
  }
  CHECK(browser.get("/console/login").body.find("尝试次数过多") == std::string::npos);
  CHECK_FALSE(browser.login("staff1", "wrong-password"));   // the fifth: locked for 30 s
  CHECK_FALSE(browser.login("staff1", "staff1-password"));  // even the right one, while locked
  f.now += 31;
  CHECK_FALSE(browser.login("staff1", "wrong-password"));  // locked again, now for 60 s
  f.now += 31;
  CHECK_FALSE(browser.login("staff1", "staff1-password"));
  f.now += 30;
  CHECK(browser.login("staff1", "staff1-password"));
  // Another account from the same address is not locked by it.
  auto colleague = f.browser();
  CHECK(colleague.login("staff2", "staff2-password"));
  // Failures are in the audit log.
  auto admin = f.browser();
  admin.peer = "10.0.0.2";
  REQUIRE(admin.login("admin", "admin-password"));
  const auto audit = admin.get("/console/admin/audit").body;
  CHECK(audit.find("login_failed") != std::string::npos);
  CHECK(audit.find("login_locked") != std::string::npos);
}

TEST_CASE("malformed query parameters get a 400 page saying what is wrong, never a 500") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::vector<std::pair<std::string, std::string>> bad{
      {"/console/?from=2026-13-01&to=2026-12-01", "开始日期无法识别"},
      {"/console/?from=yesterday&to=2026-12-01", "开始日期无法识别"},
      {"/console/?from=2026-01-01&to=2026-02-30", "结束日期无法识别"},
      {"/console/?from=2026-05-01&to=2026-04-01", "开始日期晚于结束日期"},
      {"/console/?from=2000-01-01&to=2026-04-01", "统计期间最长十年"},
      {"/console/?period=decade", "统计期间无法识别"},
      {"/console/?hall=..%2Fetc", "大厅编号无法识别"},
      {"/console/?hall=%ZZ", "hall"},
      {"/console/?hall=%FF%FE", "hall"},
      {"/console/commitments?sort=drop", "排序方式无法识别"},
      {"/console/commitments?dir=up", "排序方式无法识别"},
      {"/console/commitments?page=0", "页码"},
      {"/console/commitments?page=-1", "页码"},
      {"/console/commitments?page=abc", "页码"},
      {"/console/commitments?page=99999999999", "页码"},
      {"/console/commitments?kind=alien", "筛选条件无法识别"},
      {"/console/commitments?term=forever", "筛选条件无法识别"},
      {"/console/kiosks?format=pdf", "只能导出为 Excel"},
      {"/console/commitments/%3Cscript%3E", "承诺编号无法识别"},
  };
  for (const auto& [target, names] : bad) {
    CAPTURE(target);
    const auto res = admin.get(target);
    CHECK(res.status == 400);
    CHECK(res.body.find(names) != std::string::npos);
    CHECK(res.body.find("<script>") == std::string::npos);
  }
  CHECK(admin.get("/console/nowhere").status == 404);
}

TEST_CASE("a login flood from one address is kept in the audit log as one entry a minute with its count") {
  ConsoleFixture f;
  const auto entries = [&](const std::string& action) {
    return f.accounts->auditEntries(hub::AccountStore::AuditFilter{"", action, 0, f.now + 3600}, 100'000);
  };
  // Every attempt an entry stands for: itself, or the count a summary carries.
  const auto attempts = [&](const std::string& peer) {
    std::int64_t n = 0;
    for (const std::string action : {"login_failed", "login_locked"})
      for (const auto& e : entries(action))
        if (e.peer == peer) n += e.detail.rfind("repeated=", 0) == 0 ? std::stoll(e.detail.substr(9)) : 1;
    return n;
  };
  auto attacker = f.browser();
  attacker.peer = "203.0.113.9";
  for (int i = 0; i < 200; ++i) CHECK_FALSE(attacker.login("nobody-" + std::to_string(i % 7), "guess"));
  // Locked out after a few: the rest are lockouts. Each kind is written once for the minute.
  CHECK(entries("login_failed").size() == 1);
  CHECK(entries("login_locked").size() == 1);
  f.now += 61;  // the minute is over: the next attempt writes itself and sums the minute before up
  CHECK_FALSE(attacker.login("nobody", "guess"));
  CHECK(entries("login_failed").size() + entries("login_locked").size() == 5);
  CHECK(attempts("203.0.113.9") == 201);  // every attempt is accounted for
  // Another address's attempt is its own entry, at once.
  auto other = f.browser();
  other.peer = "198.51.100.7";
  CHECK_FALSE(other.login("staff1", "wrong-password"));
  CHECK(attempts("198.51.100.7") == 1);
}

TEST_CASE("forms that hash or check a password queue on their own lane, apart from the reports") {
  ConsoleFixture f;
  using Lane = hub::RequestHandler::Lane;
  const auto lane = [&](const std::string& method, const std::string& target) {
    return f.router->laneOf({method, target, "", "", ""});
  };
  CHECK(lane("POST", "/console/login") == Lane::Password);
  CHECK(lane("POST", "/console/password") == Lane::Password);
  CHECK(lane("POST", "/console/admin/users") == Lane::Password);
  CHECK(lane("POST", "/console/admin/users/reset") == Lane::Password);
  CHECK(lane("GET", "/console/login") == Lane::Reader);  // the form itself checks nothing
  CHECK(lane("GET", "/console/commitments") == Lane::Reader);
  CHECK(lane("GET", "/healthz") == Lane::Inline);
  CHECK(lane("POST", "/api/v1/batches") == Lane::Writer);
}

TEST_CASE("every administrators' route of the table is refused to staff and leaders, and to no session") {
  ConsoleFixture f;
  auto none = f.browser();
  auto staff = f.browser();
  REQUIRE(staff.login("staff2", "staff2-password"));
  auto leader = f.browser();
  REQUIRE(leader.login("leader1", "leader1-password"));
  std::size_t adminRoutes = 0;
  for (const auto& [method, pattern] : hub::console::Console::routeTable()) {
    if (pattern.rfind("/console/admin/", 0) != 0) continue;
    ++adminRoutes;
    const std::string path = hub::console_path::fill(pattern, "1");
    CAPTURE(method);
    CAPTURE(path);
    if (method == "GET") {
      CHECK(none.get(path).status == 303);
      CHECK(staff.get(path).status == 403);
      CHECK(leader.get(path).status == 403);
    } else {
      CHECK(none.post(path, "login=staff1&hall=hall-01&name=x").status == 403);
      CHECK(staff.post(path, "csrf=" + staff.csrf() + "&login=staff1&hall=hall-01&name=x").status == 403);
      CHECK(leader.post(path, "csrf=" + leader.csrf() + "&login=staff1&hall=hall-01&name=x").status == 403);
    }
  }
  CHECK(adminRoutes >= 20);  // the table was read, not skipped
  CHECK_FALSE(f.accounts->user("staff1")->disabled);
  CHECK(f.halls->list().empty());
}

TEST_CASE("the style sheet and script are kept by the browser until the binary changes, and said once") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/").body;
  for (const std::string name : {"console.css", "picker.js"}) {
    CAPTURE(name);
    // The page links this build's version of the file.
    const auto at = page.find("/console/static/" + name + "?v=");
    REQUIRE(at != std::string::npos);
    const std::string link = page.substr(at, page.find('"', at) - at);
    const auto linked = admin.get(link);
    CHECK(linked.status == 200);
    CHECK(header(linked, "Cache-Control") == "public, max-age=31536000, immutable");
    const int cacheHeaders = static_cast<int>(std::count_if(linked.headers.begin(), linked.headers.end(),
                                                            [](const auto& h) { return h.first == "Cache-Control"; }));
    CHECK(cacheHeaders == 1);
    const std::string etag = header(linked, "ETag");
    REQUIRE(etag.size() == 18);
    // An address without this build's version is checked again every time; an unchanged file costs
    // a 304 with no body.
    CHECK(header(admin.get("/console/static/" + name), "Cache-Control") == "no-cache");
    CHECK(header(admin.get("/console/static/" + name + "?v=0123456789abcdef"), "Cache-Control") == "no-cache");
    hub::Request again{"GET", "/console/static/" + name, "", "", ""};
    again.ifNoneMatch = etag;
    const auto unchanged = admin.send(again);
    CHECK(unchanged.status == 304);
    CHECK(unchanged.body.empty());
    again.ifNoneMatch = "\"0123456789abcdef\"";
    CHECK(admin.send(again).status == 200);
  }
}
