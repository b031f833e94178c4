// wire::PanelBallotForm and wire::PanelBallot: what a kiosk's panel mode reads and sends round-trip;
// anything else is refused naming the field, so a hub's answer or a kiosk's ballot never half-parses.
#include <doctest/doctest.h>

#include "wire/panel_ballot.hpp"

TEST_CASE("a panel code is ten digits") {
  CHECK(wire::isPanelCode("0123456789"));
  CHECK_FALSE(wire::isPanelCode("012345678"));
  CHECK_FALSE(wire::isPanelCode("0123 456789"));
  CHECK_FALSE(wire::isPanelCode("01234567890"));
  CHECK_FALSE(wire::isPanelCode("012345678a"));
}

TEST_CASE("a panel ballot form and a ballot round-trip") {
  const wire::PanelBallotForm form{"评议会", "client", {"good", "fairly_good", "fair", "poor"}, {"c-1", "c-2"}};
  const auto back = wire::parsePanelBallotForm(wire::encodePanelBallotForm(form));
  CHECK(back.title == form.title);
  CHECK(back.category == form.category);
  CHECK(back.grades == form.grades);
  CHECK(back.items == form.items);
  const wire::PanelBallot ballot{{{"c-1", "fair"}, {"c-2", "skip"}}};
  const auto cast = wire::parsePanelBallot(wire::encodePanelBallot(ballot));
  REQUIRE(cast.grades.size() == 2);
  CHECK(cast.grades[0] == std::pair<std::string, std::string>{"c-1", "fair"});
  CHECK(cast.grades[1].second == "skip");
}

TEST_CASE("a bad panel ballot form or ballot is refused naming the field") {
  const auto formRefused = [](const std::string& json, const char* words) {
    try {
      wire::parsePanelBallotForm(json);
      FAIL("accepted: " << json);
    } catch (const wire::PanelBallotError& e) {
      CHECK(std::string(e.what()).find(words) != std::string::npos);
    }
  };
  formRefused("[", "not valid JSON");
  formRefused("[]", "must be a JSON object");
  formRefused(R"({"category":"client","grades":["good","fair","poor"],"items":["c-1"]})", "title");
  formRefused(R"({"title":"x","category":"client","grades":["good","fair"],"items":["c-1"]})",
              "grades: must list 3 or 4");
  formRefused(R"({"title":"x","category":"client","grades":["good","ok","poor"],"items":["c-1"]})", "grades: each");
  formRefused(R"({"title":"x","category":"client","grades":["good","fair","poor"],"items":[]})", "items");
  formRefused(R"({"title":"x","category":"client","grades":["good","fair","poor"],"items":["c 1"]})", "items: each");
  const auto ballotRefused = [](const std::string& json, const char* words) {
    try {
      wire::parsePanelBallot(json);
      FAIL("accepted: " << json);
    } catch (const wire::PanelBallotError& e) {
      CHECK(std::string(e.what()).find(words) != std::string::npos);
    }
  };
  ballotRefused(R"({"grades":{"c-1":1}})", "grades.c-1");
  ballotRefused(R"({"grades":{"c-1":"excellent"}})", "grades.c-1");
  ballotRefused(R"({"grades":{"../x":"good"}})", "not a commitment id");
  ballotRefused(R"({})", "grades: must be an object");
}
