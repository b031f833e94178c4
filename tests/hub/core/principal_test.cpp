// Principal: who a token speaks for, and the tokens themselves.
#include <doctest/doctest.h>

#include <set>

#include "hub/core/principal.hpp"

using namespace hub;

TEST_CASE("roles read both ways, anything else is not a role") {
  for (Role r : {Role::Kiosk, Role::Staff, Role::Admin, Role::Metrics}) CHECK(roleFromString(nameOf(r)) == r);
  CHECK_FALSE(roleFromString("Admin"));
  CHECK_FALSE(roleFromString("root"));
}

TEST_CASE("staff read their own halls only, administrators read every hall") {
  const Principal staff{Role::Staff, "", {"hall-01", "hall-02"}};
  CHECK(staff.mayReadHall("hall-02"));
  CHECK_FALSE(staff.mayReadHall("hall-03"));
  CHECK_FALSE(staff.mayReadHall(""));
  CHECK(Principal{Role::Admin, "", {}}.mayReadHall("hall-99"));
  CHECK_FALSE(Principal{Role::Kiosk, "k1", {"hall-01"}}.mayReadHall("hall-02"));
}

TEST_CASE("tokens are random, URL-safe, and stored only as a hash") {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string t = newToken();
    CHECK(t.rfind("kh_", 0) == 0);
    CHECK(t.size() == 46);
    CHECK(t.find_first_of("+/=") == std::string::npos);
    seen.insert(t);
  }
  CHECK(seen.size() == 50);
  const std::string t = newToken();
  CHECK(tokenHash(t).size() == 64);
  CHECK(tokenHash(t).find(t.substr(3)) == std::string::npos);
  CHECK(tokenHash(t) == tokenHash(t));
}
