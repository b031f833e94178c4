// The three route tables against what the hub does with a request: every route of the API, the
// console and the residents' pages has its own metrics label (its pattern, ids folded), runs on
// the lane its table says, and is answered by the side that owns it — no path in two tables, none
// outside /api/, /console, /v/ or /public/.
#include <doctest/doctest.h>

#include <set>

#include "console_fixture.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/core/hub_metrics.hpp"
#include "wire/endpoints.hpp"

namespace {

// A real path for a route's pattern: its {…} filled with an id.
std::string samplePath(std::string_view pattern) { return hub::console_path::fill(pattern, "c-0101"); }

}  // namespace

TEST_CASE("every route of the three tables maps to its own metrics label") {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  std::size_t routes = 0;
  enum class Side { Api, Console, Residents };
  const auto check = [&](const auto& table, Side side) {
    for (const auto& [method, pattern] : table) {
      CAPTURE(method);
      CAPTURE(pattern);
      ++routes;
      CHECK(seen.insert({method, pattern}).second);  // listed once
      std::string path = samplePath(pattern);
      if (const auto at = path.find("{commitment}"); at != std::string::npos) path.replace(at, 12, "c-0101");
      CHECK(hub::HubMetrics::routeLabel(path, 200, false) == std::string(pattern));
      CHECK(hub::HubMetrics::routeLabel(path + "?hall=hall-01", 200, false) == std::string(pattern));
      const hub::Request r{std::string(method), path, "", "", ""};
      CHECK(hub::console::Console::owns(r) == (side == Side::Console));
      CHECK(hub::phone::ResidentPages::owns(r) == (side == Side::Residents));
      if (side == Side::Console) CHECK(pattern.rfind(hub::console_path::kRoot, 0) == 0);
      else if (side == Side::Residents)
        CHECK(
            (pattern.rfind(wire::endpoint::kPhoneRoot, 0) == 0 || pattern.rfind(wire::endpoint::kPublicRoot, 0) == 0));
      else
        CHECK((pattern.rfind(wire::endpoint::kApiRoot, 0) == 0 || pattern == wire::endpoint::kHealth ||
               pattern == wire::endpoint::kReady || pattern == wire::endpoint::kMetrics));
    }
  };
  check(hub::Api::routeTable(), Side::Api);
  check(hub::console::Console::routeTable(), Side::Console);
  check(hub::phone::ResidentPages::routeTable(), Side::Residents);
  CHECK(routes > 44);  // every table was read
}

TEST_CASE("the lane a request runs on comes from its route: password forms apart, the rest on the readers") {
  using Lane = hub::RequestHandler::Lane;
  namespace p = hub::console_path;
  const auto lane = [](const char* method, std::string_view path) {
    return hub::console::Console::laneOf({method, std::string(path), "", "", ""});
  };
  CHECK(lane("POST", p::kLogin) == Lane::Password);
  CHECK(lane("POST", p::kPassword) == Lane::Password);
  CHECK(lane("POST", p::kAdminUserReset) == Lane::Password);
  CHECK(lane("GET", p::kLogin) == Lane::Reader);
  CHECK(lane("GET", p::kPassword) == Lane::Reader);
  CHECK(lane("POST", p::kCases) == Lane::Reader);
  CHECK(lane("GET", samplePath(p::kCommitment)) == Lane::Reader);
}
