// The core's enum name tables (ratings on the wire, reason modes and key actions in kiosk.toml,
// screens in the journal) read both ways and name every value.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "kiosk/core/key_map.hpp"
#include "kiosk/core/rating.hpp"
#include "kiosk/core/session.hpp"

using namespace kiosk;

TEST_CASE("ratings and reason modes read both ways") {
  for (Rating r : {Rating::Good, Rating::Fair, Rating::Poor}) CHECK(ratingFromString(nameOf(r)) == r);
  for (ReasonMode m : {ReasonMode::Off, ReasonMode::Optional, ReasonMode::Required})
    CHECK(reasonModeFromString(nameOf(m)) == m);
  CHECK(nameOf(Rating::Poor) == "poor");
  CHECK_FALSE(ratingFromString("bad"));
}

TEST_CASE("every key action and every screen has its own name") {
  std::set<std::string> names;
  for (Action a : allActions()) {
    CHECK(actionFromString(nameOf(a)) == a);
    names.emplace(nameOf(a));
  }
  CHECK(names.size() == 10);
  names.clear();
  for (Screen s : {Screen::Attract, Screen::List, Screen::Detail, Screen::Reason, Screen::Thanks, Screen::OutOfService,
                   Screen::Closed, Screen::StaffPin, Screen::Staff})
    names.emplace(nameOf(s));
  CHECK(names.size() == 9);
  CHECK(names.count("out_of_service") == 1);
}
