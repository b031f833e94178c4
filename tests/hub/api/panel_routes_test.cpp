// The API's 评议会 routes over a real panel store (SQLite, and PostgreSQL in its run): a kiosk opens
// the ballot a typed code gives — only its own hall's — and casts it once; bad ballots are refused
// by name and spend nothing; staff read the results of their halls, with the privacy floor.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "hub/api/api.hpp"
#include "hub/store/panel_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"
#include "wire/panel_ballot.hpp"

using namespace hub;
using nlohmann::json;

namespace {

struct PanelApiFixture {
  testing::TempDir dir;
  testing::StoreUnderTest stores{dir.path()};
  HubStore store{stores.hub()};
  PanelStore panels{stores.console()};
  std::int64_t now = 1'795'226'400;  // 2026-11-21T10:00+08:00
  Api api{{"zibo-zhangdian"}, store, [this] { return now; }};
  std::map<std::string, std::string> tokens;
  std::int64_t panelId = 0;

  PanelApiFixture() {
    const auto mint = [&](const std::string& name, Principal p) {
      tokens[name] = newToken();
      store.addToken(tokenHash(tokens[name]), p, now);
    };
    mint("kiosk", {Role::Kiosk, "hall-01-k1", {"hall-01"}});
    mint("kiosk2", {Role::Kiosk, "hall-02-k1", {"hall-02"}});
    mint("staff", {Role::Staff, "", {"hall-01"}});
    mint("staff2", {Role::Staff, "", {"hall-02"}});
    api.usePanels(panels);
    PanelInfo p;
    p.hall = "hall-01";
    p.title = "2026年下半年评议会";
    p.scale = panel::Scale::Three;
    p.createdBy = "user:leader1";
    p.createdUnix = now;
    p.items = {"c-0102", "c-0101"};
    std::vector<PanelSeat> seats;
    std::vector<std::string> codes;
    for (int i = 0; i < 6; ++i) {
      seats.push_back({0, "client", "代表" + std::to_string(i)});
      codes.push_back(std::string(9, '1') + std::to_string(i));
    }
    panelId = panels.create(p, seats, codes);
  }

  Response call(const std::string& method, const std::string& target, const std::string& who,
                const std::string& body = "") {
    return api.handle({method, target, "Bearer " + tokens.at(who), "", body});
  }
  Response cast(const std::string& code, const std::string& body, const std::string& who = "kiosk") {
    return call("POST", "/api/v1/panel-ballots/" + code, who, body);
  }
};

std::string ballot(const std::string& first, const std::string& second) {
  return wire::encodePanelBallot({{{"c-0102", first}, {"c-0101", second}}});
}

}  // namespace

TEST_CASE("a kiosk opens the ballot of a code of its hall and casts it once") {
  PanelApiFixture f;
  const auto opened = f.call("GET", "/api/v1/panel-ballots/1111111110", "kiosk");
  REQUIRE(opened.status == 200);
  const auto form = wire::parsePanelBallotForm(opened.body);
  CHECK(form.title == "2026年下半年评议会");
  CHECK(form.category == "client");
  CHECK(form.grades == std::vector<std::string>{"good", "fair", "poor"});  // three grades: no 较好
  CHECK(form.items == std::vector<std::string>{"c-0102", "c-0101"});
  // Another hall's kiosk is told nothing about the code.
  const auto foreign = f.call("GET", "/api/v1/panel-ballots/1111111110", "kiosk2");
  CHECK(foreign.status == 404);
  CHECK(json::parse(foreign.body)["reason"] == "unknown");
  CHECK(f.cast("1111111110", ballot("poor", "good"), "kiosk2").status == 404);

  CHECK(f.cast("1111111110", ballot("poor", "good")).status == 201);
  const auto again = f.cast("1111111110", ballot("good", "good"));
  CHECK(again.status == 410);
  CHECK(json::parse(again.body)["reason"] == "used");
  CHECK(json::parse(f.call("GET", "/api/v1/panel-ballots/1111111110", "kiosk").body)["reason"] == "used");
  const auto tally = f.panels.tally(f.panelId);
  CHECK(tally.ballotsByCategory.at("client") == 1);
  CHECK(tally.counts.at({"c-0102", "client"}).byGrade[3] == 1);

  f.panels.close(f.panelId, f.now);
  const auto closed = f.call("GET", "/api/v1/panel-ballots/1111111111", "kiosk");
  CHECK(closed.status == 410);
  CHECK(json::parse(closed.body)["reason"] == "closed");
  CHECK(f.cast("1111111111", ballot("good", "good")).status == 410);
}

TEST_CASE("a bad panel ballot is refused by name and spends no code") {
  PanelApiFixture f;
  const auto refused = [&](const std::string& code, const std::string& body, const char* words, int status = 400) {
    const auto res = f.cast(code, body);
    CHECK(res.status == status);
    CHECK(res.body.find(words) != std::string::npos);
  };
  refused("12345", ballot("good", "good"), "10 digits");
  refused("1111111110", "not json", "not valid JSON");
  refused("1111111110", R"({"grades":[]})", "grades: must be an object");
  refused("1111111110", R"({"grades":{"c-0102":"excellent"}})", "grades.c-0102: must be good");
  refused("1111111110", R"({"grades":{"c-9999":"good"}})", "c-9999 is not on this panel");
  refused("1111111110", ballot("fairly_good", "good"), "not on this panel's scale");  // a three-grade panel
  CHECK_FALSE(f.panels.findCode("1111111110")->used);
  CHECK(f.call("GET", "/api/v1/panel-ballots/abc", "kiosk").status == 400);
  // A commitment left out is skipped, as 不评.
  CHECK(f.cast("1111111110", R"({"grades":{"c-0102":"fair"}})").status == 201);
  CHECK(f.panels.tally(f.panelId).counts.at({"c-0101", "client"}).skipped == 1);
}

TEST_CASE("staff read their halls' panels with the privacy floor, administrators every hall's") {
  PanelApiFixture f;
  for (int i = 0; i < 5; ++i)
    REQUIRE(f.cast(std::string(9, '1') + std::to_string(i), ballot("poor", "good")).status == 201);
  const auto res = f.call("GET", "/api/v1/panels?from=2026-11-01&to=2026-11-30", "staff");
  REQUIRE(res.status == 200);
  const auto doc = json::parse(res.body);
  REQUIRE(doc["panels"].size() == 1);
  const auto& p = doc["panels"][0];
  CHECK(p["title"] == "2026年下半年评议会");
  CHECK(p["scale"] == "three");
  CHECK(p["kind"] == "panel");
  CHECK(p["created"] == "2026-11-21");
  CHECK(p["participation"]["client"]["used"] == 5);
  CHECK(p["participation"]["client"]["issued"] == 6);
  CHECK(p["items"][0]["commitment_id"] == "c-0102");
  CHECK(p["items"][0]["overall"]["poor"] == 5);
  CHECK(p["items"][0]["overall"]["fair_or_worse"] == 1.0);
  CHECK(p["items"][0]["rectify"] == true);
  CHECK(p["items"][1]["rectify"] == false);
  CHECK(p["items"][0]["categories"][0]["counts"]["poor"] == 5);  // five ballots: at the floor
  // Outside the period, and for another hall's staff: nothing.
  CHECK(json::parse(f.call("GET", "/api/v1/panels?from=2026-12-01", "staff").body)["panels"].empty());
  CHECK(json::parse(f.call("GET", "/api/v1/panels", "staff2").body)["panels"].empty());
  CHECK(f.call("GET", "/api/v1/panels?hall=hall-01", "staff2").status == 403);
  CHECK(f.call("GET", "/api/v1/panels?from=yesterday", "staff").status == 400);
}

TEST_CASE("a category under the privacy floor gives only its number of ballots") {
  PanelApiFixture f;
  for (int i = 0; i < 2; ++i)
    REQUIRE(f.cast(std::string(9, '1') + std::to_string(i), ballot("poor", "good")).status == 201);
  const auto p = json::parse(f.call("GET", "/api/v1/panels", "staff").body)["panels"][0];
  CHECK(p["items"][0]["ballots"] == 2);
  CHECK(p["items"][0]["overall"].is_null());
  CHECK(p["items"][0]["categories"][0]["counts"].is_null());
  CHECK(p["items"][0]["rectify"] == false);
}

TEST_CASE("a 互评 member's ballot on the kiosk leaves out their own commitment and refuses a grade for it") {
  PanelApiFixture f;
  PanelInfo round;
  round.hall = "hall-01";
  round.title = "党员互评";
  round.kind = panel::Kind::Peer;
  round.unit = "区人社局";
  round.createdUnix = f.now;
  round.items = {"c-0101", "c-0102"};
  f.panels.create(round, {{0, "party_member", "王丽", 0, {"c-0101"}}, {0, "party_member", "赵刚", 0, {"c-0102"}}},
                  {"2222222220", "2222222221"});
  const auto form = wire::parsePanelBallotForm(f.call("GET", "/api/v1/panel-ballots/2222222220", "kiosk").body);
  CHECK(form.items == std::vector<std::string>{"c-0102"});
  CHECK(form.category == "party_member");
  const auto self = f.cast("2222222220", R"({"grades":{"c-0101":"good","c-0102":"good"}})");
  CHECK(self.status == 400);
  CHECK(self.body.find("own commitment") != std::string::npos);
  CHECK_FALSE(f.panels.findCode("2222222220")->used);
  CHECK(f.cast("2222222220", R"({"grades":{"c-0102":"fair"}})").status == 201);
  // Her ballot counts nothing for her own commitment, not even as skipped.
  CHECK(f.panels.tally(2).counts.count({"c-0101", "party_member"}) == 0);
}
