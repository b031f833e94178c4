// Key map: the brief's defaults and rebinding from config.
#include <doctest/doctest.h>

#include "kiosk/core/key_map.hpp"

using namespace kiosk;

TEST_CASE("defaults follow the brief") {
  const KeyMap m = KeyMap::defaults();
  CHECK(m.lookup("1") == Action::Good);
  CHECK(m.lookup("KP_1") == Action::Good);
  CHECK(m.lookup("2") == Action::Fair);
  CHECK(m.lookup("KP_3") == Action::Poor);
  CHECK(m.lookup("Return") == Action::Select);
  CHECK(m.lookup("Escape") == Action::Back);
  CHECK(m.lookup("Up") == Action::Up);
  CHECK_FALSE(m.lookup("q"));
}

TEST_CASE("rebinding replaces an action's keys") {
  KeyMap m = KeyMap::defaults();
  m.bind(Action::Good, {"F1"});
  CHECK(m.lookup("F1") == Action::Good);
  CHECK_FALSE(m.lookup("1"));
  CHECK(m.keysFor(Action::Good) == std::vector<std::string>{"F1"});
  CHECK(actionFromString("poor") == Action::Poor);
  CHECK_FALSE(actionFromString("vote"));
}
