// wire::ResultsBoard: 你评我改 as the hub encodes it and the kiosk parses it.
#include <doctest/doctest.h>

#include <string>

#include "wire/results_board.hpp"

namespace {

wire::ResultsBoard sample() {
  return {"hall-01",
          "2026-08-29",
          "2026-11-26",
          {{"c-0002", 128, 0.86, "2026-08-29", "2026-11-26", "窗口增设叫号屏，等候时间公示"},
           {"c-0001", 31, 0.5, "2026-08-29", "2026-11-26", ""}}};
}

std::string withRow(const std::string& row) {
  return R"({"hall":"hall-01","from":"2026-08-29","to":"2026-11-26","results":[)" + row + "]}";
}

}  // namespace

TEST_CASE("results survive encoding and parsing, sorted by id for lookup") {
  const wire::ResultsBoard back = wire::parseResults(wire::encodeResults(sample()));
  CHECK(back.hall == "hall-01");
  CHECK(back.windowDays() == 90);
  REQUIRE(back.results.size() == 2);
  CHECK(back.results[0].id == "c-0001");
  const wire::CommitmentResult* r = back.find("c-0002");
  REQUIRE(r != nullptr);
  CHECK(r->total == 128);
  CHECK(r->satisfaction == doctest::Approx(0.86));
  CHECK(r->outcome == "窗口增设叫号屏，等候时间公示");
  CHECK(back.find("c-0001")->outcome.empty());
  CHECK(back.find("c-0003") == nullptr);
  CHECK(back.find("") == nullptr);
}

TEST_CASE("the kiosk's own floor drops entries under the public minimum") {
  const wire::ResultsBoard shown = wire::publicOnly(wire::parseResults(wire::encodeResults(sample())), 30);
  CHECK(shown.results.size() == 2);
  const wire::ResultsBoard strict = wire::publicOnly(shown, 100);
  REQUIRE(strict.results.size() == 1);
  CHECK(strict.results[0].id == "c-0002");
}

TEST_CASE("bad results are refused with the field named") {
  const auto refused = [](const std::string& body, const char* needle) {
    CAPTURE(body);
    CHECK_THROWS_WITH_AS(wire::parseResults(body), doctest::Contains(needle), wire::ResultsError);
  };
  const std::string good = R"("id":"c-1","total":40,"satisfaction":0.5,"from":"2026-08-29","to":"2026-11-26")";
  refused("not json", "not valid JSON");
  refused("[]", "JSON object");
  refused(R"({"from":"2026-08-29","to":"2026-11-26","results":[]})", "results.hall: required");
  refused(R"({"hall":"a b","from":"2026-08-29","to":"2026-11-26","results":[]})", "results.hall: must be 1-64");
  refused(R"({"hall":"h","from":"29.08.2026","to":"2026-11-26","results":[]})", "results.from: must be a day");
  refused(R"({"hall":"h","from":"2026-08-29","to":"2026-11-26","results":{}})", "results.results: must be an array");
  refused(withRow("5"), "results.results[0]: must be an object");
  refused(withRow(R"({"total":40})"), "results.results[0].id: required");
  refused(withRow(R"({"id":"../x","total":40})"), "results.results[0].id: must be 1-64");
  refused(withRow(R"({"id":"c-1","total":-1})"), "results.results[0].total: must be a whole number");
  refused(withRow(R"({"id":"c-1","total":4.5})"), "results.results[0].total: must be a whole number");
  refused(withRow(R"({"id":"c-1","total":40,"satisfaction":1.2})"),
          "results.results[0].satisfaction: must be a number from 0 to 1");
  refused(withRow(R"({"id":"c-1","total":40,"satisfaction":0.5,"from":"2026-02-30","to":"2026-11-26"})"),
          "results.results[0].from: must be a day");
  refused(withRow("{" + good + R"(,"outcome":7})"), "results.results[0].outcome: must be a string");
  refused(withRow("{" + good + R"(,"outcome":")" + std::string(2001, 'x') + "\"}"),
          "results.results[0].outcome: longer than 2000 bytes");
  refused(withRow("{" + good + ",\"outcome\":\"\xC1\xAA\"}"), "results is not valid JSON");  // GBK bytes
  refused(withRow("{" + good + "},{" + good + "}"), "commitment c-1 appears twice");
  refused(withRow("{" + good + R"(,"total":1e400})"), "results");
}

TEST_CASE("unknown fields and a null outcome are accepted") {
  const auto board = wire::parseResults(withRow(
      R"({"id":"c-1","total":40,"satisfaction":0.5,"from":"2026-08-29","to":"2026-11-26","outcome":null,"x":[1]})"));
  REQUIRE(board.results.size() == 1);
  CHECK(board.results[0].outcome.empty());
}
