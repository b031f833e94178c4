// The residents' pages (hub/phone) through the hub's router, over real stores: a kiosk's signed
// code opens the phone vote page, a vote lands in the tallies under channel phone once per
// commitment and session, every bad code, form and credential is refused with a page in Chinese and
// nothing counted, the limits hold, and the public page shows only commitments over the minimum.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstring>

#include "console_fixture.hpp"
#include "hub/core/hub_metrics.hpp"
#include "hub/core/request_decoding.hpp"
#include "hub/store/tally_queries.hpp"
#include "wire/endpoints.hpp"
#include "wire/phone_code.hpp"

using testing::ConsoleFixture;
using testing::header;
using testing::hiddenCsrf;

namespace {

hub::PhoneConfig phoneOn() {
  hub::PhoneConfig phone;
  phone.enabled = true;
  return phone;
}

hub::PublicConfig publicHall01(std::int64_t minimum = 30) {
  hub::PublicConfig pub;
  pub.open = {true, {"hall-01"}};
  pub.publicMinimum = minimum;
  pub.rankMinimum = minimum;
  return pub;
}

std::string votePath(const std::string& code) { return "/v/" + code; }

// hall-01's tallies in November as the API gives them (staff token), for `channel`.
nlohmann::json tallies(ConsoleFixture& f, const std::string& channel = "all") {
  const auto res =
      f.router->handle({"GET", "/api/v1/tallies?from=2026-11-01&to=2026-11-30&hall=hall-01&channel=" + channel,
                        "Bearer " + f.staffToken, "", ""});
  REQUIRE(res.status == 200);
  return nlohmann::json::parse(res.body);
}

std::int64_t phoneVotes(ConsoleFixture& f) {
  const auto rows = tallies(f, "phone")["rows"];
  std::int64_t n = 0;
  for (const auto& row : rows) n += row["total"].get<std::int64_t>();
  return n;
}

// The vote form's POST: the page's own CSRF token, the commitment and the rating.
hub::Response vote(ConsoleFixture::Browser& phone, const std::string& code, const std::string& page,
                   const std::string& rating, const std::string& extra = "") {
  return phone.post(votePath(code) + "/vote",
                    "csrf=" + hiddenCsrf(page) + "&commitment=c-0101&rating=" + rating + extra);
}

}  // namespace

TEST_CASE("a kiosk's code opens the vote page, and the vote is counted under channel phone once") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), publicHall01());
  auto phone = f.browser();
  const std::string code = f.phoneCode();
  const auto list = phone.get(votePath(code));
  REQUIRE(list.status == 200);
  // Names, not ids: the commitment's title and holder, in Chinese.
  CHECK(list.body.find("一次办好") != std::string::npos);
  CHECK(list.body.find("王丽") != std::string::npos);
  CHECK(list.body.find("请选择要评价的承诺") != std::string::npos);
  CHECK(list.body.find("<script") == std::string::npos);
  const std::string cookie = header(list, "Set-Cookie");
  CHECK(cookie.rfind("__Host-phone=", 0) == 0);
  for (const char* attribute : {"Secure", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=900"})
    CHECK(cookie.find(attribute) != std::string::npos);
  CHECK(header(list, "Cache-Control") == "no-store");
  CHECK(header(list, "Content-Security-Policy").find("default-src 'none'") != std::string::npos);
  CHECK(header(list, "Content-Security-Policy").find("script-src") == std::string::npos);

  const auto form = phone.get(votePath(code) + "?c=c-0101");
  REQUIRE(form.status == 200);
  CHECK(form.body.find("您对这项承诺的兑现情况评价如何") != std::string::npos);
  CHECK(header(form, "Set-Cookie").empty());  // the same session: no new cookie
  const auto kioskBefore = tallies(f, "kiosk")["rows"].at(0)["total"].get<std::int64_t>();

  const auto thanks = vote(phone, code, form.body, "good");
  CHECK(thanks.status == 200);
  CHECK(thanks.body.find("评价已提交") != std::string::npos);
  CHECK(thanks.body.find("/public/hall-01") != std::string::npos);  // hall-01's results are public
  CHECK(phoneVotes(f) == 1);
  const auto all = tallies(f)["rows"].at(0);
  CHECK(all["total"] == kioskBefore + 1);
  CHECK(all["channels"]["kiosk"] == kioskBefore);
  CHECK(all["channels"]["phone"] == 1);
  CHECK(all["channels"]["poster"] == 0);
  CHECK(tallies(f, "kiosk")["rows"].at(0)["total"] == kioskBefore);
  CHECK(tallies(f, "phone")["channel"] == "phone");

  SUBCASE("a second vote for the commitment from the same session is not counted") {
    const auto again = vote(phone, code, form.body, "poor", "&reason=none");
    CHECK(again.status == 200);
    CHECK(again.body.find("您已评价过这一项承诺") != std::string::npos);
    CHECK(phoneVotes(f) == 1);
    const auto shown = phone.get(votePath(code) + "?c=c-0101");
    CHECK(shown.body.find("您已评价过这一项承诺") != std::string::npos);
    CHECK(shown.body.find("name=\"rating\"") == std::string::npos);
  }
  SUBCASE("another phone scanning the same code votes for itself") {
    auto other = f.browser();
    other.peer = "10.0.0.2";
    const auto otherForm = other.get(votePath(code) + "?c=c-0101");
    CHECK(vote(other, code, otherForm.body, "fair").status == 200);
    CHECK(phoneVotes(f) == 2);
  }
}

TEST_CASE("差 on a phone asks for the reason first, as the kiosk does, and keeps the one chosen") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), publicHall01());
  auto phone = f.browser();
  const std::string code = f.phoneCode("c-0101");
  const auto form = phone.get(votePath(code));  // a commitment's own code: straight to its form
  REQUIRE(form.status == 200);
  CHECK(form.body.find("name=\"rating\" value=\"poor\"") != std::string::npos);
  const auto picker = vote(phone, code, form.body, "poor");
  REQUIRE(picker.status == 200);
  CHECK(picker.body.find("请选择不满意的原因") != std::string::npos);
  CHECK(picker.body.find("服务态度差") != std::string::npos);
  CHECK(phoneVotes(f) == 0);  // nothing counted before the reason
  CHECK(vote(phone, code, picker.body, "poor", "&reason=no-such-reason").status == 400);
  CHECK(phoneVotes(f) == 0);
  const auto reasons = [&] {
    return hub::queries::poorReasons(f.store->database(), "c-0101", "2026-11-01", "2026-11-30",
                                     std::vector<std::string>{"hall-01"});
  };
  REQUIRE(reasons().at(0) == std::pair<std::string, std::int64_t>{"attitude", 20});  // the kiosks'
  CHECK(vote(phone, code, picker.body, "poor", "&reason=attitude").status == 200);
  const auto row = tallies(f, "phone")["rows"].at(0);
  CHECK(row["total"] == 1);
  CHECK(row["hidden"] == true);  // one vote is under the privacy floor: its rating is not shown
  CHECK(reasons().at(0).second == 21);
  // A commitment's own code rates that commitment only.
  CHECK(
      phone.post(votePath(code) + "/vote", "csrf=" + hiddenCsrf(form.body) + "&commitment=c-0201&rating=good").status ==
      404);
}

TEST_CASE("expired, forged, foreign and malformed codes are refused with a page saying to scan again") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), publicHall01());
  auto phone = f.browser();
  const auto refusedWith = [&](const std::string& code, int status) {
    const auto res = phone.get(votePath(code));
    CHECK(res.status == status);
    CHECK(res.body.find("请在大厅的评价终端上重新扫描二维码") != std::string::npos);
    CHECK(header(res, "Set-Cookie").empty());  // no session for a refused code
    return res.body;
  };
  SUBCASE("a photographed code used after its lifetime") {
    const std::string code = f.phoneCode();
    f.now += 121;
    CHECK(refusedWith(code, 410).find("二维码已过期") != std::string::npos);
  }
  SUBCASE("a code from a kiosk's clock far ahead") {
    f.now += 600;
    const std::string code = f.phoneCode();
    f.now -= 600;
    refusedWith(code, 403);
  }
  SUBCASE("a code signed by another key") {
    const auto stranger = wire::Ed25519PrivateKey::generate();
    refusedWith(wire::makePhoneCode({"hall-01-k1", "hall-01", f.now, "forged-nonce-1"}, stranger), 403);
  }
  SUBCASE("a code naming another hall than its kiosk's") {
    CHECK(refusedWith(f.phoneCode(std::nullopt, "hall-02"), 403).find("不属于这个大厅") != std::string::npos);
  }
  SUBCASE("a code of a kiosk that is not enrolled") {
    refusedWith(wire::makePhoneCode({"hall-02-k9", "hall-02", f.now, "unknown-kiosk-1"}, f.kioskKey), 403);
  }
  SUBCASE("a code of a kiosk revoked since") {
    const std::string code = f.phoneCode();
    f.store->revokeKiosk("hall-01-k1");
    refusedWith(code, 403);
  }
  SUBCASE("bytes that are no code") {
    refusedWith("not-a-code", 400);
    std::string code = f.phoneCode();
    code[code.size() / 2] = code[code.size() / 2] == 'A' ? 'B' : 'A';  // one character changed
    const auto res = phone.get(votePath(code));
    CHECK((res.status == 400 || res.status == 403));
  }
  CHECK(phoneVotes(f) == 0);
}

TEST_CASE("a vote without the session's cookie or its form token is refused and not counted") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), publicHall01());
  auto phone = f.browser();
  const std::string code = f.phoneCode("c-0101");
  const auto form = phone.get(votePath(code));
  REQUIRE(form.status == 200);
  SUBCASE("no token") { CHECK(phone.post(votePath(code) + "/vote", "commitment=c-0101&rating=good").status == 403); }
  SUBCASE("another session's token") {
    auto other = f.browser();
    const auto otherForm = other.get(votePath(code));
    CHECK(vote(phone, code, otherForm.body, "good").status == 403);
  }
  SUBCASE("no cookie: a page elsewhere posting the form") {
    auto stranger = f.browser();
    CHECK(vote(stranger, code, form.body, "good").status == 403);
  }
  SUBCASE("the session of another code") {
    const std::string otherCode = f.phoneCode("c-0101");
    CHECK(vote(phone, otherCode, form.body, "good").status == 403);
  }
  SUBCASE("a rating that is none of the three") { CHECK(vote(phone, code, form.body, "excellent").status == 400); }
  SUBCASE("a body that is not a form") {
    CHECK(phone.post(votePath(code) + "/vote", "csrf=%ZZ&rating=good").status == 400);
  }
  SUBCASE("the session outlived") {
    f.now += 15 * 60 + 1;
    CHECK(vote(phone, code, form.body, "good").status == 403);
  }
  CHECK(phoneVotes(f) == 0);
}

TEST_CASE("a code admits a bounded number of phones, an address a bounded number of requests") {
  ConsoleFixture f;
  hub::PhoneConfig phone = phoneOn();
  phone.sessionsPerCode = 3;
  phone.requestsPerAddressPerMinute = 10;
  f.openResidentPages(phone, publicHall01());
  const std::string code = f.phoneCode();
  for (int i = 0; i < 3; ++i) {
    auto p = f.browser();
    p.peer = "10.0.1." + std::to_string(i);
    CHECK(p.get(votePath(code)).status == 200);
  }
  auto fourth = f.browser();
  fourth.peer = "10.0.2.1";
  const auto full = fourth.get(votePath(code));
  CHECK(full.status == 429);
  CHECK(full.body.find("扫描这个二维码的人数已满") != std::string::npos);
  // A phone admitted before keeps its session.
  auto flood = f.browser();
  flood.peer = "10.0.3.1";
  int refused = 0;
  for (int i = 0; i < 15; ++i) refused += flood.get(votePath(f.phoneCode())).status == 429;
  CHECK(refused == 5);
  f.now += 60;  // the next minute
  CHECK(flood.get(votePath(f.phoneCode())).status == 200);
}

TEST_CASE("no console or API credential is taken on the phone pages, and the phone's cookie nowhere else") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), publicHall01());
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  const std::string code = f.phoneCode("c-0101");
  // A console session is no phone session: the vote form is refused without the phone's cookie.
  CHECK(staff.post(votePath(code) + "/vote", "csrf=" + staff.csrf() + "&commitment=c-0101&rating=good").status == 403);
  hub::Request withToken{"GET", votePath(code), "Bearer " + f.staffToken, "", ""};
  CHECK(f.router->handle(withToken).status == 400);
  auto phone = f.browser();
  REQUIRE(phone.get(votePath(code)).status == 200);
  REQUIRE(phone.cookies.count("__Host-phone") == 1);
  CHECK(phone.get("/console/").status == 303);  // to the login: no console session
  CHECK(phone.get("/api/v1/tallies").status == 401);
  CHECK(phoneVotes(f) == 0);
}

TEST_CASE("with phone votes off, a code opens nothing") {
  ConsoleFixture f;
  f.openResidentPages(hub::PhoneConfig{}, publicHall01());
  auto phone = f.browser();
  const auto res = phone.get(votePath(f.phoneCode()));
  CHECK(res.status == 404);
  CHECK(res.body.find("未开通手机扫码评价") != std::string::npos);
}

TEST_CASE("the public page shows only commitments over the minimum, by name, and only for open halls") {
  ConsoleFixture f;
  SUBCASE("over the minimum") {
    f.openResidentPages(phoneOn(), publicHall01(30));
    auto anyone = f.browser();
    const auto page = anyone.get("/public/hall-01");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("一次办好") != std::string::npos);  // c-0101: 50 votes, 30 good
    CHECK(page.body.find("60.0%") != std::string::npos);
    CHECK(page.body.find("50 人次评价") != std::string::npos);
    CHECK(page.body.find("<h1>") != std::string::npos);
    CHECK(page.body.find("区人社局") != std::string::npos);  // the unit's 差评率 ranking
    CHECK(page.body.find("40.0%") != std::string::npos);
    CHECK(header(page, "Cache-Control") == "public, max-age=300");
    CHECK(header(page, "Set-Cookie").empty());
    const auto one = anyone.get("/public/hall-01/c-0101");
    CHECK(one.status == 200);
    CHECK(one.body.find("60.0%") != std::string::npos);
    CHECK(anyone.get("/public/hall-02").status == 404);  // hall-02 did not open its page
    CHECK(anyone.get("/public/hall-01/c-0201").status == 404);
  }
  SUBCASE("under the minimum: no number at all") {
    f.openResidentPages(phoneOn(), publicHall01(51));
    auto anyone = f.browser();
    const auto page = anyone.get("/public/hall-01");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("一次办好") == std::string::npos);
    CHECK(page.body.find("60.0%") == std::string::npos);
    CHECK(page.body.find("50 人次评价") == std::string::npos);
    CHECK(page.body.find("评价不足 51 人次的承诺暂不公开") != std::string::npos);
    const auto one = anyone.get("/public/hall-01/c-0101");
    CHECK(one.status == 404);
    CHECK(one.body.find("60.0") == std::string::npos);
  }
  SUBCASE("embeddable where the hall allows it") {
    hub::PublicConfig pub = publicHall01();
    pub.frameAncestors = "https://mp.weixin.qq.com";
    f.openResidentPages(phoneOn(), pub);
    auto anyone = f.browser();
    const auto page = anyone.get("/public/hall-01");
    CHECK(header(page, "Content-Security-Policy").find("frame-ancestors https://mp.weixin.qq.com") !=
          std::string::npos);
    CHECK(header(page, "X-Frame-Options").empty());
    // The vote page is never framed.
    CHECK(header(anyone.get(votePath(f.phoneCode())), "X-Frame-Options") == "DENY");
  }
}

TEST_CASE("every route of the residents' pages is theirs, on the reader lane, with its own metrics label") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), publicHall01());
  std::size_t routes = 0;
  for (const auto& [method, pattern] : hub::phone::ResidentPages::routeTable()) {
    CAPTURE(pattern);
    ++routes;
    std::string path(pattern);
    for (const char* part : {"{code}", "{hall}", "{commitment}"})
      if (const auto at = path.find(part); at != std::string::npos) path.replace(at, std::strlen(part), "x1");
    const hub::Request r{std::string(method), path, "", "", ""};
    CHECK(hub::phone::ResidentPages::owns(r));
    CHECK_FALSE(hub::console::Console::owns(r));
    CHECK(f.router->laneOf(r) == hub::RequestHandler::Lane::Reader);
    CHECK(hub::HubMetrics::routeLabel(path, 200, false) == std::string(pattern));
    // No session, no token: every route answers a page, never a login redirect or a 401.
    const auto res = f.router->handle(r);
    CHECK(res.status != 401);
    CHECK(res.status != 303);
    CHECK(res.contentType == "text/html; charset=utf-8");
    CHECK(res.toAnyone);                                  // the server never takes a phone's cookie as a credential
    CHECK(res.principal.find(' ') == std::string::npos);  // one word in the access log
  }
  CHECK(routes == 8);  // the phone vote (2), the public page (2), the 评议会 ballot (2), 征求意见 (2)
}
